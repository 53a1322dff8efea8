/** Typed refusals of the issuer; the server maps each code to an HTTP status and a message. */
export type IssuerErrorCode =
  | 'unknown-company'
  | 'unknown-user'
  | 'unknown-serial'
  | 'user-exists'
  | 'serial-in-use'
  | 'already-registered'
  | 'token-expired'
  | 'token-retired'
  | 'no-token'
  | 'invalid-state'
  | 'bad-pin'
  | 'bad-code'
  /** Resync: the two codes are not consecutive codes of this token within its wide window. */
  | 'resync-failed';

export class IssuerError extends Error {
  override readonly name = 'IssuerError';
  readonly code: IssuerErrorCode;

  constructor(code: IssuerErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}
