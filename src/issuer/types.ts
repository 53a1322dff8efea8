/** Records the issuer keeps and the storage interface it needs (the server implements it with SQL). */
import type { HashAlgorithm } from '../core/algorithms.ts';

/** `retired`: exchanged, stopped, unregistered by a usage-mode change, or expired; never used again. */
export type TokenStatus = 'unassigned' | 'active' | 'locked' | 'suspended' | 'retired';
export type UsageMode = 'per-user' | 'shared';
/** What the screens show for a user (docs/api.md). */
export type UserStatus = 'none' | 'unassigned' | 'active' | 'locked' | 'suspended' | 'stopped';
export type VerifyOutcome = 'ok' | 'refused' | 'locked' | 'suspended' | 'stopped';

export interface TokenRecord {
  serial: string;
  kind: 'software' | 'hardware';
  /** iv || AES-GCM ciphertext of the seed under the master key (seal.ts). */
  sealedSeed: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  status: TokenStatus;
  /** The company it is registered to or was issued for; null for a provisioned or imported token. */
  companyId: string | null;
  /** The user a QR-issued token waits for (per-user mode); null otherwise. */
  reservedFor: string | null;
  /** Highest accepted time step; -1 before the first. */
  lastStep: number;
  /** Accepted step minus the server's step at that moment, remembered for the next verification. */
  drift: number;
  /** Consecutive wrong codes. */
  failures: number;
  createdAt: number;
  /** When an unassigned token may no longer be registered; null: never (hardware stock). */
  expiresAt: number | null;
}

export interface CompanyRecord {
  companyId: string;
  name: string;
  usageMode: UsageMode;
  /** The one token every user shares, in shared mode. */
  sharedSerial: string | null;
  /** The administrator's confirmation PIN (step ⑧), hashed. */
  pinHash: string;
}

export interface UserRecord {
  companyId: string;
  userId: string;
  /** The token this user signs in with (active, locked or suspended); null when none. */
  serial: string | null;
  /** OTP use stopped by the administrator (利用中止) until a token is registered again. */
  stopped: boolean;
  createdAt: number;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  companyId: string | null;
  target: string;
  outcome: string;
}

export interface Binding {
  user: UserRecord;
  /** The user's token when `user.serial` is set. */
  token: TokenRecord | null;
}

export interface UserSearchRow {
  companyId: string;
  companyName: string;
  user: UserRecord;
  token: TokenRecord | null;
}

/** Reads inside a transaction lock what they read (SELECT … FOR UPDATE in SQL). */
export interface IssuerTx {
  getCompany(companyId: string): Promise<CompanyRecord | null>;
  putCompany(company: CompanyRecord): Promise<void>;
  getUser(companyId: string, userId: string): Promise<UserRecord | null>;
  listUsers(companyId: string): Promise<UserRecord[]>;
  putUser(user: UserRecord): Promise<void>;
  getToken(serial: string): Promise<TokenRecord | null>;
  /** False when the serial exists already. */
  insertToken(token: TokenRecord): Promise<boolean>;
  putToken(token: TokenRecord): Promise<void>;
  /** Tokens of a company that are not retired (bound or issued for it). */
  listCompanyTokens(companyId: string): Promise<TokenRecord[]>;
  /** Retire unassigned tokens whose expiresAt ≤ now; their serials. */
  expireUnassigned(now: number): Promise<string[]>;
}

export interface IssuerStore {
  /** All or nothing: a throw inside rolls every write back. */
  transaction<T>(fn: (tx: IssuerTx) => Promise<T>): Promise<T>;
  loadBinding(companyId: string, userId: string): Promise<Binding | null>;
  /** Every user with a token, for warming the verification cache at start. */
  loadAllBindings(): Promise<Binding[]>;
  /**
   * The verification's one write: accept `step` only if the token is still this user's, active,
   * the user not stopped, and `step` above its last accepted step. True when it was accepted.
   */
  acceptStep(a: { companyId: string; userId: string; serial: string; step: number; drift: number }): Promise<boolean>;
  /** Count a wrong code on an active token of this user; lock at `maxFailures`. Null when it is no longer so. */
  recordFailure(a: { companyId: string; userId: string; serial: string; maxFailures: number }): Promise<{ failures: number; status: TokenStatus } | null>;
  appendAudit(entries: AuditEntry[]): Promise<void>;
  /** Newest first. */
  listAudit(q: { companyId?: string; limit: number }): Promise<AuditEntry[]>;
  searchUsers(q: string, limit: number): Promise<UserSearchRow[]>;
}
