/**
 * Request bodies, checked at the boundary. Each schema's output is typed as the request type of
 * src/issuer/api-types.ts, so the compiler holds the two together.
 */
import * as v from 'valibot';
import type {
  CreateUserRequest, CustomerCardRequest, ProvisionRequest, ResyncRequest, RegisterRequest, SessionRequest, SigninRequest,
  SuspensionRequest, UsageModeRequest,
} from '../src/issuer/api-types.ts';
import { ROLES, SUSPENSION_REASONS, USAGE_MODES } from '../src/issuer/api-types.ts';
import { compactTyped, normalizeSerial, PATTERNS } from '../src/core/limits.ts';

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
export const CreateUserBody: Body<CreateUserRequest> = v.object({ userId: Id });
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
export const SigninBody: Body<SigninRequest> = v.object({ userId: Id, code: v.pipe(v.string(), v.maxLength(16)), companyId: v.optional(Id) });
