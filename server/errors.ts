/** API errors: one code and HTTP status per refusal. The screens say each code in the reader's language (admin/lib/i18n). */
import { HTTPException } from 'hono/http-exception';
import type { IssuerErrorCode } from '../src/issuer/errors.ts';

export type ApiErrorCode =
  | IssuerErrorCode
  | 'malformed-json' | 'invalid-body' | 'bad-csv' | 'unauthenticated' | 'forbidden' | 'csrf' | 'bad-origin'
  | 'not-found' | 'too-large' | 'unsupported-media-type' | 'rate-limited' | 'server-error';

const STATUS: Record<ApiErrorCode, number> = {
  'malformed-json': 400,
  'invalid-body': 400,
  'bad-csv': 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  'bad-origin': 403,
  'bad-pin': 403,
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
