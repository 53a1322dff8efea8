/** Typed refusals of token input (otpauth URIs, migration exports, typed entry); the UI maps `code` to a message. */
import { CodedError } from './coded-error.ts';

export type OtpauthErrorCode =
  | 'too-long'
  | 'not-otpauth'
  | 'unknown-type'
  | 'missing-secret'
  | 'empty-secret'
  | 'invalid-secret'
  | 'secret-too-short'
  | 'secret-too-long'
  | 'bad-digits'
  | 'bad-period'
  | 'bad-algorithm'
  | 'bad-suite'
  | 'hotp-without-counter'
  | 'bad-counter'
  | 'bad-serial'
  | 'bad-label'
  | 'name-too-long'
  | 'bad-migration'
  | 'not-a-token-uri';

export class OtpauthError extends CodedError<OtpauthErrorCode> {
  override readonly name = 'OtpauthError';
  /**
   * What the message can name. invalid-secret: the bad base32 character (one code point), or
   * 'length' (no valid base32 has that length or leftover bits). not-a-token-uri: 'url' or 'text'.
   * unknown-type: the type seen. Any code: 'duplicate' when a URI repeats that parameter.
   * bad-label / name-too-long: 'issuer' or 'label'. bad-suite: the OcraSuiteErrorCode, or 'missing'. bad-migration: a short reason in English.
   */
  declare readonly detail?: string;
}
