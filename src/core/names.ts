/** Issuer and label names: untrusted text from a QR, a file or a person, shown only as text. */
import { LIMITS } from './limits.ts';
import { OtpauthError } from './otpauth-errors.ts';

// Controls (C0, DEL, C1), line/paragraph separators and bidi overrides/isolates/marks: names
// are untrusted and shown as text, and these can hide or reorder what the user reads.
export const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// In unicode mode a well-formed pair is one code point above U+FFFF, so only a lone half matches
// (no lookbehind: Safari before 16.4 cannot parse one).
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** An untrusted name made safe to show in a message: forbidden characters replaced, cut to the name limit. */
export function displayName(name: string): string {
  const chars = [...name.replace(new RegExp(FORBIDDEN_IN_NAME.source, 'gu'), '\ufffd')];
  return chars.slice(0, LIMITS.nameLength).join('').replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\ufffd');
}

/** Refuse a name (issuer or label) that is too long, has control characters or broken UTF-16. */
export function checkName(name: string, which: 'issuer' | 'label'): string {
  if (LONE_SURROGATE.test(name) || FORBIDDEN_IN_NAME.test(name)) throw new OtpauthError('bad-label', which);
  if ([...name].length > LIMITS.nameLength) throw new OtpauthError('name-too-long', which);
  return name;
}
