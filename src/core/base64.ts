/**
 * Base64 (RFC 4648 §4) and base64url (§5): the one codec for the migration export, the
 * provisioning protocol and PSKC files, each choosing its alphabet and padding.
 * https://www.rfc-editor.org/rfc/rfc4648
 */
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = `${STANDARD.slice(0, 62)}-_`;

export type Base64Reason = 'alphabet' | 'length' | 'padding' | 'spare-bits';

/** A RangeError, so callers that refuse any out-of-range input refuse this too. */
export class Base64Error extends RangeError {
  override readonly name = 'Base64Error';
  constructor(readonly reason: Base64Reason) {
    super(`not base64 (${reason})`);
  }
}

export interface Base64Options {
  /** `either` (decoding only) takes both alphabets' last two characters. */
  alphabet?: 'standard' | 'url' | 'either';
  /** `required`: a multiple of 4 with at most two '='; `optional`: any trailing '='; `forbidden`: none. */
  padding?: 'required' | 'optional' | 'forbidden';
  /** Refuse set spare bits in the last character, so each value has exactly one encoding. */
  canonical?: boolean;
}

export function base64Encode(bytes: Uint8Array, { alphabet = 'standard', padding }: Base64Options = {}): string {
  const chars = alphabet === 'url' ? URL_SAFE : STANDARD;
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += chars[a >> 2]! + chars[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += chars[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += chars[c & 63]!;
  }
  const pad = (padding ?? (alphabet === 'url' ? 'forbidden' : 'required')) === 'required';
  return pad ? out + '='.repeat((4 - (out.length % 4)) % 4) : out;
}

function valueOf(code: number, alphabet: NonNullable<Base64Options['alphabet']>): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 71; // a-z
  if (code >= 48 && code <= 57) return code + 4; // 0-9
  if (alphabet !== 'url' && code === 43) return 62; // +
  if (alphabet !== 'url' && code === 47) return 63; // /
  if (alphabet !== 'standard' && code === 45) return 62; // -
  if (alphabet !== 'standard' && code === 95) return 63; // _
  return -1;
}

export function base64Decode(text: string, { alphabet = 'standard', padding = 'optional', canonical = false }: Base64Options = {}): Uint8Array {
  const body = text.replace(/=+$/, '');
  const pads = text.length - body.length;
  if (padding === 'forbidden' && pads > 0) throw new Base64Error('padding');
  if (padding === 'required' && (pads > 2 || text.length % 4 !== 0)) throw new Base64Error('padding');
  if (body.length % 4 === 1) throw new Base64Error('length');
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (let i = 0; i < body.length; i++) {
    const value = valueOf(body.charCodeAt(i), alphabet);
    if (value < 0) throw new Base64Error('alphabet');
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >>> bits) & 0xff;
    }
  }
  if (canonical && (buffer & ((1 << bits) - 1)) !== 0) throw new Base64Error('spare-bits');
  return bytes;
}
