/** Base32 encoding and decoding, RFC 4648 §6 (https://www.rfc-editor.org/rfc/rfc4648#section-6). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type Base32ErrorCode = 'invalid-char' | 'invalid-length';

export class Base32Error extends Error {
  override readonly name = 'Base32Error';
  readonly code: Base32ErrorCode;
  /** The offending character (a whole code point) for 'invalid-char'. */
  readonly char?: string;
  /** Its index (UTF-16 units) in the text that was decoded, after typed-entry normalisation. */
  readonly position?: number;

  constructor(code: Base32ErrorCode, char?: string, position?: number) {
    super(code === 'invalid-char' ? `invalid base32 character ${JSON.stringify(char)} at ${position}` : 'invalid base32 length');
    this.code = code;
    if (char !== undefined) this.char = char;
    if (position !== undefined) this.position = position;
  }
}

/** Uppercase base32 without padding (what otpauth URIs carry). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // at most 12 live bits: stays a small int
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

// Characters typed entry tolerates between groups: whitespace (incl. the ideographic space after
// NFKC) and hyphen-like marks a bank letter or an IME may produce.
const TYPED_SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc]/u;

/**
 * Decode base32, case-insensitive, with optional trailing '=' padding. With `typed` (manual
 * entry) full-width characters are folded (NFKC) and spaces and hyphens are ignored.
 * Refuses any other character (Base32Error 'invalid-char' naming it) and a length no encoder
 * produces ('invalid-length'). Leftover bits are ignored (RFC 4648 §3.5 lets decoders choose):
 * real services issue random-character secrets, e.g. 26 characters, whose last bits are not zero.
 */
export function base32Decode(text: string, opts: { typed?: boolean } = {}): Uint8Array {
  const source = opts.typed ? text.normalize('NFKC') : text;
  let end = source.length;
  // Trailing padding (and, when typed, separators around it) carries no data.
  while (end > 0 && (source[end - 1] === '=' || (opts.typed && TYPED_SEPARATORS.test(source[end - 1]!)))) end--;

  const out = new Uint8Array(Math.floor((end * 5) / 8));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let chars = 0;
  for (let i = 0; i < end; i++) {
    const code = source.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    let value = -1;
    if (code >= 65 && code <= 90) value = code - 65; // A-Z
    else if (code >= 97 && code <= 122) value = code - 97; // a-z
    else if (code >= 50 && code <= 55) value = code - 24; // 2-7
    if (value < 0) {
      if (opts.typed && TYPED_SEPARATORS.test(char)) continue;
      throw new Base32Error('invalid-char', char, i);
    }
    chars++;
    buffer = ((buffer << 5) | value) & 0xfff; // at most 12 live bits (7 left over + 5)
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
  }
  // Valid unpadded lengths leave 0, 2, 4, 1 or 3 bits (chars mod 8 = 0, 2, 4, 5, 7).
  const rest = chars % 8;
  if (rest === 1 || rest === 3 || rest === 6) throw new Base32Error('invalid-length');
  return out.slice(0, length);
}
