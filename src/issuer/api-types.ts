/**
 * The bank service's API shapes and status names, declared once: the issuer returns them, the
 * server's request schemas are typed against them (server/schemas.ts) and the screens import them
 * (types only). docs/api.md describes the same fields.
 */

/** Usage mode (step ⑦): one token shared by the company's users, or one per user. */
export const USAGE_MODES = ['per-user', 'shared'] as const;
export type UsageMode = (typeof USAGE_MODES)[number];

/**
 * What the screens show for a user (docs/api.md "status"): `none` no token, `unassigned` a token
 * issued for the user and not yet registered, `stopped` OTP use stopped by the administrator.
 */
export const USER_STATUSES = ['none', 'unassigned', 'active', 'locked', 'suspended', 'stopped'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The answer to a code check (sign-in, integration API). */
export const VERIFY_OUTCOMES = ['ok', 'refused', 'locked', 'suspended', 'stopped'] as const;
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number];

/** What the bank operator may do to a user's token. */
export const OPERATOR_ACTIONS = ['unlock', 'suspend', 'resume'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export const ROLES = ['admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Why a token is suspended (事故設定 by the administrator, 緊急停止 by the bank); kept in the audit log. */
export const SUSPENSION_REASONS = ['lost', 'stolen', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** Who suspended a token: only that side lifts it (the bank may lift either). */
export type SuspendedBy = 'administrator' | 'bank';

export interface UserView {
  userId: string;
  /** The name a bulk import gave the user (shown as text); absent when none. */
  displayName?: string;
  serial: string | null;
  status: UserStatus;
  /** With status `suspended`: the administrator's 事故設定 or the bank's stop. */
  suspendedBy?: SuspendedBy;
}

export interface CompanyView {
  companyId: string;
  name: string;
  usageMode: UsageMode;
  sharedSerial?: string;
  /** Step ⑧'s confirmation PIN is locked after repeated wrong entries; the bank unlocks it. */
  pinLocked: boolean;
  /** One page of the company's users (`userPage`), sorted by user ID. */
  users: UserView[];
  userPage: UserPageInfo;
}

/** Where a page of users is in the whole list: `total` users match `q`; this page starts at `offset`. */
export interface UserPageInfo {
  q: string;
  offset: number;
  limit: number;
  total: number;
}

/** GET /api/bank/user-page. */
export interface BankUserPage extends UserPageInfo {
  users: BankUserView[];
}

/** GET /api/bank/companies. */
export interface CompanySummary {
  companyId: string;
  name: string;
  pinLocked: boolean;
}

/** An integration API client as the bank operator sees it (never its key). */
export interface ApiClientView {
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** POST /api/bank/api-clients: the key, shown this once. */
export interface NewApiClientResponse {
  name: string;
  key: string;
}

/** A user as the bank operator finds it (GET /api/bank/users). */
export interface BankUserView extends UserView {
  companyId: string;
  companyName: string;
}

export interface AuditView {
  id: number;
  at: string;
  actor: string;
  action: string;
  userId: string | null;
  serial: string | null;
  outcome: string;
  detail: string | null;
  /** The bank operator's view only. */
  companyId?: string | null;
  address?: string | null;
}

/** GET /api/admin/audit, /api/bank/audit: a page, newest first; `next` pages on (`?before=`). */
export interface AuditPage {
  entries: AuditView[];
  next: number | null;
}

/** A transfer challenge and what became of it (GET /api/admin/transfers, /api/bank/transfers). */
export interface TransferView {
  id: string;
  /** When the challenge was made (ISO 8601). */
  at: string;
  userId: string;
  serial: string;
  bank: string;
  branch: string;
  account: string;
  payee: string;
  amount: number;
  /** `open`: not answered yet and still in time. */
  outcome: 'accepted' | 'refused' | 'expired' | 'open';
  /** When it was accepted or refused (ISO 8601). */
  answeredAt: string | null;
  /** The bank operator's view only. */
  companyId?: string;
}

/** A page of transfers, newest first; `next` pages on (`?before=`). */
export interface TransferPage {
  transfers: TransferView[];
  next: string | null;
}

export interface SessionView {
  role: Role;
  user: string;
  csrf: string;
  companyId?: string;
}

/** A CSV line (`line`) or a PSKC key package (`key`, its position in the file) not imported. */
export interface HardwareRejectView {
  line?: number;
  key?: number;
  serial: string;
  reason: string;
}

/** After a resync: the token's type, its status (unchanged) and, for a time token, its clock offset in steps. */
export interface ResyncResponse {
  serial: string;
  type: 'totp' | 'hotp';
  status: string;
  drift: number;
}

export interface HardwareImportResult {
  imported: number;
  rejected: HardwareRejectView[];
}

// ---------------------------------------------------------------- requests

export interface SessionRequest {
  role: Role;
  user: string;
  password: string;
  /** The administrator's second request: the challenge answered and its two card digits. */
  challengeId?: string | undefined;
  card?: string | undefined;
}
/** 事故設定, and the bank's suspension (reason optional there). */
export interface SuspensionRequest {
  reason?: SuspensionReason | undefined;
}
/** The bank loading a card made elsewhere (20 digits); without it the service makes a random one. */
export interface CustomerCardRequest {
  card?: string | undefined;
}
export interface UsageModeRequest {
  mode: UsageMode;
}
export interface CreateUserRequest {
  userId: string;
  /** The user's internet-banking password, set by the administrator. */
  password: string;
}
export interface PasswordRequest {
  password: string;
}
export interface NewApiClientRequest {
  name: string;
}
/** POST /api/v1/verify (bearer key). */
export interface IntegrationVerifyRequest {
  companyId: string;
  userId: string;
  code: string;
}
export interface RegisterRequest {
  serial: string;
  code: string;
  pin: string;
}
export interface ResyncRequest {
  codes: readonly [string, string];
}
export interface ProvisionRequest {
  publicKey: string;
}
/** The demo internet banking: password first, then the code. */
export interface SigninRequest {
  userId: string;
  password: string;
  code: string;
  companyId?: string | undefined;
}

// ---------------------------------------------------------------- responses

export interface RegisterResponse {
  userId: string;
  serial: string;
  status: 'active';
  replaced: string | null;
}
export interface StopResponse {
  userId: string;
  serial: null;
  status: 'stopped';
}
export interface IssueQrResponse {
  uri: string;
  serial: string;
}
export interface OperatorActionResponse extends UserView {
  companyId: string;
}
/** 401 `card-required`: the two cells to answer (labels イ … ネ). */
export interface CardChallengeView {
  id: string;
  cells: string[];
}
/** The card's digits: in this response only, never again. */
export interface CustomerCardResponse {
  companyId: string;
  companyName: string;
  digits: string;
  issuedAt: string;
}
/** 解約. */
export interface CancelContractResponse {
  companyId: string;
  companyName: string;
  retired: number;
  users: number;
}
export interface VerifyResponse {
  outcome: VerifyOutcome;
}
