/**
 * Request bodies, checked at the boundary. Each schema's output is typed as the request type of
 * src/issuer/api-types.ts, so the compiler holds the two together.
 */
import * as v from 'valibot';
import type {
  CreateUserRequest, CustomerCardRequest, IntegrationVerifyRequest, NewApiClientRequest, PasswordRequest, ProvisionRequest,
  ResyncRequest, RegisterRequest, SessionRequest, SigninRequest, SuspensionRequest, UsageModeRequest,
} from '../src/issuer/api-types.ts';
import { ROLES, SUSPENSION_REASONS, USAGE_MODES } from '../src/issuer/api-types.ts';
import { compactTyped, LIMITS, normalizeSerial, PATTERNS } from '../src/core/limits.ts';
import { USER_PAGE } from '../src/issuer/read-models.ts';
import type { ApiErrorCode } from './errors.ts';

type Body<T> = v.GenericSchema<unknown, T>;

export const Id = v.pipe(v.string(), v.regex(PATTERNS.id));

export const SessionBody: Body<SessionRequest> = v.object({
  role: v.picklist(ROLES), user: v.pipe(v.string(), v.maxLength(64)), password: v.pipe(v.string(), v.maxLength(256)),
  challengeId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  // Any text up to a few characters: a malformed answer is a wrong answer (counted), not a bad request.
  card: v.optional(v.pipe(v.string(), v.maxLength(16), v.transform(compactTyped))),
});
/** 事故設定 needs a reason; the bank's suspension may give one. */
export const AccidentBody: Body<Required<SuspensionRequest>> = v.object({ reason: v.picklist(SUSPENSION_REASONS) });
export const SuspensionBody: Body<SuspensionRequest> = v.object({ reason: v.optional(v.picklist(SUSPENSION_REASONS)) });
export const CustomerCardBody: Body<CustomerCardRequest> = v.object({
  card: v.optional(v.pipe(v.string(), v.maxLength(64), v.transform(compactTyped), v.regex(PATTERNS.customerCard))),
});
export const UsageModeBody: Body<UsageModeRequest> = v.object({ mode: v.picklist(USAGE_MODES) });
const NewPassword = v.pipe(v.string(), v.minLength(LIMITS.userPasswordMin), v.maxLength(LIMITS.userPasswordMax));
export const CreateUserBody: Body<CreateUserRequest> = v.object({ userId: Id, password: NewPassword });
export const PasswordBody: Body<PasswordRequest> = v.object({ password: NewPassword });
export const NewApiClientBody: Body<NewApiClientRequest> = v.object({ name: Id });
/** Refusals more precise than `invalid-body`, carried as the message of a field's check (http.ts jsonBody). */
export const FIELD_ERRORS: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>(['invalid-code']);
/**
 * A one-time password (the bank's systems, the demo internet banking): digits a token can show, else
 * `invalid-code`, before anything is looked up, counted or audited. ASCII only: the screens fold
 * what people type (full-width digits, spaces) with normalizeCode before sending.
 */
export const OtpCode = v.pipe(v.string(), v.regex(PATTERNS.code, 'invalid-code' satisfies ApiErrorCode));
/** A transaction signature (an OCRA response): digits of a length a suite can have, else `invalid-code`. */
export const SignatureCode = v.pipe(v.string(), v.regex(PATTERNS.signature, 'invalid-code' satisfies ApiErrorCode));
export const IntegrationVerifyBody: Body<IntegrationVerifyRequest> = v.object({ companyId: Id, userId: Id, code: OtpCode });
export const RegisterBody: Body<RegisterRequest> = v.object({
  serial: v.pipe(v.string(), v.maxLength(64), v.transform(normalizeSerial), v.regex(PATTERNS.heldSerial)),
  code: v.pipe(v.string(), v.regex(PATTERNS.code)),
  pin: v.pipe(v.string(), v.regex(PATTERNS.confirmationPin)),
});
export const ProvisionBody: Body<ProvisionRequest> = v.object({ publicKey: v.pipe(v.string(), v.maxLength(128)) });
/** Two consecutive codes of the token, in the order it showed them. */
export const ResyncBody: Body<ResyncRequest> = v.object({
  codes: v.pipe(v.tuple([v.pipe(v.string(), v.regex(PATTERNS.code)), v.pipe(v.string(), v.regex(PATTERNS.code))]), v.readonly()),
});
export const SigninBody: Body<SigninRequest> = v.object({
  userId: Id, password: v.pipe(v.string(), v.maxLength(LIMITS.userPasswordMax)), code: OtpCode, companyId: v.optional(Id),
});

/** A date (`2026-12-01`, UTC midnight) or an ISO 8601 instant, as ms. */
const Instant = v.pipe(
  v.string(), v.regex(/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/),
  v.transform((s) => Date.parse(s)), v.check((n) => Number.isFinite(n)),
);

/** GET …/audit query: filters and paging. */
export const AuditQueryParams = v.object({
  user: v.optional(Id),
  action: v.optional(v.pipe(v.string(), v.regex(/^[a-z-]{1,32}$/))),
  outcome: v.optional(v.pipe(v.string(), v.regex(/^[a-z-]{1,32}$/))),
  from: v.optional(Instant),
  to: v.optional(Instant),
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500))),
});

/** A whole number of a query, `min`–`max`; empty is as if not given. */
const QueryWhole = (min: number, max: number) => v.optional(v.pipe(
  v.string(), v.regex(/^[0-9]{0,9}$/), v.transform((s) => (s === '' ? undefined : Number(s))),
  v.check((n) => n === undefined || (n >= min && n <= max)),
));

/** GET user lists' query (`?q=&offset=&limit=`, docs/api.md): `q` trimmed, at most USER_PAGE.queryLength characters. */
export const UserPageQueryParams = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.check((q) => Array.from(q).length <= USER_PAGE.queryLength)), ''),
  offset: QueryWhole(0, 100_000_000),
  limit: QueryWhole(1, USER_PAGE.maxSize),
});
