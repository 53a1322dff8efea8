/**
 * A token's statuses and lifecycle, declared once: the statuses (`TOKEN_STATUSES`), what each one
 * means to the screens and to a code check (`STATUS_MEANING`), and status × action → status
 * (`LIFECYCLE`), every cell spelled out, so a new status or action does not compile until each of
 * its cells is decided. Every status change in the issuer and in the stores goes through `next`;
 * a null cell refuses the action (`invalid-state`).
 */
import { IssuerError } from './errors.ts';
import type { SuspendedBy, UserStatus, VerifyOutcome } from './api-types.ts';

export const TOKEN_STATUSES = ['unassigned', 'active', 'locked', 'suspended', 'accident', 'retired'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export interface StatusMeaning {
  /** How the screens show the user a token in this status is bound to; null: not bound (the user
   *  shows as unassigned, none or stopped, from their other tokens). */
  shows: { status: UserStatus; suspendedBy?: SuspendedBy } | null;
  /** A sign-in with a token in this status: null checks the code; otherwise the answer without
   *  looking at the code, and the audit log's outcome. */
  signIn: { answer: VerifyOutcome; audit: string } | null;
}

export const STATUS_MEANING: Record<TokenStatus, StatusMeaning> = {
  unassigned: { shows: null, signIn: { answer: 'refused', audit: 'no-token' } },
  active: { shows: { status: 'active' }, signIn: null },
  locked: { shows: { status: 'locked' }, signIn: { answer: 'locked', audit: 'locked' } },
  // Both stops show and answer as `suspended`; whose it is decides who may lift it, and the log keeps it.
  suspended: { shows: { status: 'suspended', suspendedBy: 'bank' }, signIn: { answer: 'suspended', audit: 'suspended' } },
  accident: { shows: { status: 'suspended', suspendedBy: 'administrator' }, signIn: { answer: 'suspended', audit: 'accident' } },
  retired: { shows: null, signIn: { answer: 'refused', audit: 'no-token' } },
};

export type TokenAction =
  /** Step ⑧: the administrator binds the token to a user. */
  | 'register'
  /** Exchange: the administrator registers another token in its place. */
  | 'replace'
  /** 利用中止: the administrator stops the user's OTP use. */
  | 'stop'
  /** A usage-mode change (step ⑦) unregisters every token of the company. */
  | 'unregister'
  /** An unassigned token not registered in time. */
  | 'expire'
  /** The verifier: the wrong code that reaches the limit. */
  | 'lock'
  /** The bank operator (suspend also takes over an administrator's 事故設定; resume lifts either). */
  | 'unlock'
  | 'suspend'
  | 'resume'
  /** 事故設定: the administrator's temporary stop after a loss or theft, and its lifting. */
  | 'accident'
  | 'accident-clear'
  /** 解約: the bank clears every OTP setting of a company. */
  | 'cancel';

type Row = Record<TokenStatus, TokenStatus | null>;

export const LIFECYCLE: Record<TokenAction, Row> = {
  // A token the bank locked or suspended stays until the bank acts: the administrator cannot
  // exchange, stop or unregister it away (the guide sends the customer to the branch).
  register:         { unassigned: 'active',  active: null,        locked: null,        suspended: null,      accident: null,        retired: null },
  replace:          { unassigned: 'retired', active: 'retired',   locked: null,        suspended: null,      accident: 'retired',   retired: null },
  stop:             { unassigned: 'retired', active: 'retired',   locked: null,        suspended: null,      accident: 'retired',   retired: null },
  unregister:       { unassigned: 'retired', active: 'retired',   locked: null,        suspended: null,      accident: 'retired',   retired: null },
  expire:           { unassigned: 'retired', active: null,        locked: null,        suspended: null,      accident: null,        retired: null },
  lock:             { unassigned: null,      active: 'locked',    locked: null,        suspended: null,      accident: null,        retired: null },
  unlock:           { unassigned: null,      active: null,        locked: 'active',    suspended: null,      accident: null,        retired: null },
  suspend:          { unassigned: null,      active: 'suspended', locked: 'suspended', suspended: null,      accident: 'suspended', retired: null },
  resume:           { unassigned: null,      active: null,        locked: null,        suspended: 'active',  accident: 'active',    retired: null },
  // Only from active: lifting returns to active, so a locked token must not pass through (unlock is the bank's).
  accident:         { unassigned: null,      active: 'accident',  locked: null,        suspended: null,      accident: null,        retired: null },
  'accident-clear': { unassigned: null,      active: null,        locked: null,        suspended: null,      accident: 'active',    retired: null },
  cancel:           { unassigned: 'retired', active: 'retired',   locked: 'retired',   suspended: 'retired', accident: 'retired',   retired: null },
};

/** Whether `action` may be taken on a token in `from`. */
export function allows(action: TokenAction, from: TokenStatus): boolean {
  return LIFECYCLE[action][from] !== null;
}

/** The status after `action`, or IssuerError `invalid-state`. */
export function next(action: TokenAction, from: TokenStatus): TokenStatus {
  const to = LIFECYCLE[action][from];
  if (to === null) throw new IssuerError('invalid-state', `${action} from ${from}`);
  return to;
}

/** The statuses `action` may start from (for a store's conditional UPDATE). */
export function sources(action: TokenAction): TokenStatus[] {
  return (Object.keys(LIFECYCLE[action]) as TokenStatus[]).filter((s) => LIFECYCLE[action][s] !== null);
}
