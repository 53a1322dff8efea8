/** Typed refusals of the issuer; the server maps each code to an HTTP status, the screens to words. */
import { CodedError } from '../core/coded-error.ts';

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
  | 'pin-locked'
  | 'held-by-bank'
  | 'bad-code'
  /** Resync: the two codes are not consecutive codes of this token within its wide window. */
  | 'resync-failed'
  /** 事故設定 cannot lift a stop the bank made. */
  | 'suspended-by-bank';

export class IssuerError extends CodedError<IssuerErrorCode> {
  override readonly name = 'IssuerError';
}
