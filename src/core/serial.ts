/**
 * Bank serial numbers (their form is BANK_SERIAL in limits.ts): the prefix letters, the body digits
 * and a check digit. The check digit is Luhn (ISO/IEC 7812-1) over the letters as two-digit numbers (A=10 … Z=35,
 * as ISIN does) followed by the body digits, so a mistyped letter is caught as well. Serials of the older,
 * shorter body (BANK_SERIAL.olderBodyDigits) are still valid; makeSerial makes only the new form.
 */
import { BANK_SERIAL, PATTERNS } from './limits.ts';

const BODY = new RegExp(`^[0-9]{${BANK_SERIAL.bodyDigits}}$`);

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Double every second digit from the right, starting with the rightmost (the check digit comes after).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function checkDigitFor(prefix: string, body: string): number {
  const letters = [...prefix].map((c) => String(c.charCodeAt(0) - 55)).join(''); // 'A' (65) -> 10
  return luhnCheckDigit(letters + body);
}

/** `prefix` (the prefix letters, any case) + `body` (the body digits) + the check digit, uppercase. */
export function makeSerial(prefix: string, body: string): string {
  const upper = prefix.toUpperCase();
  if (!PATTERNS.bankSerialPrefix.test(upper)) throw new RangeError(`serial prefix must be ${BANK_SERIAL.prefixLetters} letters, got ${JSON.stringify(prefix)}`);
  if (!BODY.test(body)) throw new RangeError(`serial body must be ${BANK_SERIAL.bodyDigits} digits, got ${JSON.stringify(body)}`);
  return `${upper}${body}${checkDigitFor(upper, body)}`;
}

/** True when `serial` has the bank serial's form and its check digit is right. */
export function isBankSerial(serial: string): boolean {
  if (!PATTERNS.bankSerial.test(serial)) return false;
  const bodyEnd = serial.length - 1;
  return checkDigitFor(serial.slice(0, BANK_SERIAL.prefixLetters), serial.slice(BANK_SERIAL.prefixLetters, bodyEnd)) === serial.charCodeAt(bodyEnd) - 48;
}
