/** API errors: one code and HTTP status per refusal. The screens say each code in the reader's language (admin/lib/i18n). */
import { HTTPException } from 'hono/http-exception';
import type { IssuerErrorCode } from '../src/issuer/errors.ts';
import type { PskcErrorCode } from '../src/issuer/pskc/index.ts';

/** A PSKC file refused whole (src/issuer/pskc/errors.ts), prefixed so the codes stay apart. */
export type PskcApiErrorCode = `pskc-${PskcErrorCode}`;

export type ApiErrorCode =
  | IssuerErrorCode
  | PskcApiErrorCode
  | 'file-too-large' | 'bad-transport-key'
  | 'malformed-json' | 'invalid-body' | 'invalid-code' | 'bad-csv' | 'unauthenticated' | 'forbidden' | 'csrf' | 'bad-origin'
  | 'not-found' | 'too-large' | 'unsupported-media-type' | 'rate-limited' | 'server-error'
  | 'card-required' | 'certificate-required' | 'bad-host' | 'unknown-client' | 'client-exists' | 'not-ready' | 'invalid-query'
  | 'unknown-import';

const STATUS: Record<ApiErrorCode, number> = {
  'malformed-json': 400,
  'invalid-body': 400,
  // A code or signature that is not digits of a possible length: bad input, not a wrong code (counts nothing).
  'invalid-code': 400,
  'bad-csv': 400,
  'invalid-query': 400,
  unauthenticated: 401,
  'card-required': 401,
  'certificate-required': 403,
  'suspended-by-bank': 409,
  forbidden: 403,
  csrf: 403,
  'bad-origin': 403,
  'bad-pin': 403,
  'pin-locked': 423,
  'held-by-bank': 409,
  'bad-host': 421,
  'unknown-client': 404,
  'unknown-import': 404,
  'client-exists': 409,
  'not-ready': 503,
  'not-found': 404,
  'unknown-company': 404,
  'unknown-user': 404,
  'unknown-serial': 404,
  'user-exists': 409,
  'serial-in-use': 409,
  'already-registered': 409,
  'token-expired': 409,
  'token-retired': 409,
  'no-token': 409,
  'invalid-state': 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'bad-code': 422,
  'rate-limited': 429,
  'server-error': 500,
  'resync-failed': 422,
  'file-too-large': 413,
  'bad-transport-key': 400,
  // A PSKC file refused whole: nothing of it was imported.
  'pskc-too-large': 413,
  'pskc-not-xml': 400,
  'pskc-doctype': 400,
  'pskc-not-pskc': 400,
  'pskc-too-many-keys': 413,
  'pskc-key-required': 422,
  'pskc-wrong-key-kind': 422,
  'pskc-wrong-key': 422,
  'pskc-unsupported-encryption': 422,
  'pskc-bad-key-derivation': 422,
  'pskc-bad-mac': 422,
  'pskc-mac-missing': 422,
};

export function errorBody(code: ApiErrorCode): { error: ApiErrorCode } {
  return { error: code };
}

export function errorStatus(code: ApiErrorCode): number {
  return STATUS[code];
}

/** Thrown by handlers; app.ts turns it into the JSON error response. */
export class ApiError extends HTTPException {
  readonly code: ApiErrorCode;
  readonly retryAfter?: number;

  constructor(code: ApiErrorCode, retryAfter?: number) {
    super(STATUS[code] as 400, { message: code });
    this.code = code;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}
