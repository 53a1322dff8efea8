/** Client-side checks of typed input, before anything is sent; the service checks again. */

/** Digits only, spaces or hyphens removed ("123 456" → "123456"). */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function isCode(code: string): boolean {
  return /^\d{6,8}$/.test(code);
}

/** Serial numbers compared upper-case without spaces or hyphens ("skts-0050 9641" → "SKTS00509641"). */
export function normalizeSerial(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** The administrator's confirmation PIN of step ⑧: 6–12 letters or digits. */
export function isPin(pin: string): boolean {
  return /^[A-Za-z0-9]{6,12}$/.test(pin);
}

export function isUserId(id: string): boolean {
  return /^[A-Za-z0-9._-]{1,32}$/.test(id);
}
