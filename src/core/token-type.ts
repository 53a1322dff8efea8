/**
 * What one token type provides (cf. privacyIDEA's token classes, Aegis's OtpInfo): its otpauth
 * parameters read and written, its bounds, and which query parameters it reads. Its code and
 * check are plain functions of the same module, so a screen imports only what it runs.
 */
import type { OtpauthErrorCode } from './otpauth-errors.ts';
import type { TokenParams } from './token-spec.ts';

export interface TokenTypeModule<P extends TokenParams = TokenParams> {
  readonly type: P['type'];
  /** Query parameters this type reads, with the error code a bad or repeated one gets. */
  readonly params: Readonly<Record<string, OtpauthErrorCode>>;
  /** The type's parameters from a URI's decoded query; throws OtpauthError. */
  parse(query: ReadonlyMap<string, string>): P;
  /** The type's part of the URI query, starting with '&'. */
  format(params: P): string;
  /** Throws the OtpauthError `parse` would for a field out of bounds. */
  validate(params: P): void;
}
