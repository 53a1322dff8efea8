/** Records the issuer keeps and the storage interface it needs (the server implements it with SQL). */
import type { HashAlgorithm } from '../core/algorithms.ts';
import type { UsageMode } from './api-types.ts';
import type { TokenStatus } from './lifecycle.ts';
import type { TokenType } from './token-types.ts';

export type { UsageMode, UserStatus, VerifyOutcome } from './api-types.ts';

/**
 * `retired`: exchanged, stopped, unregistered by a usage-mode change, or expired; never used
 * again. Changes only through lifecycle.ts.
 */
export type { TokenStatus };

export interface TokenRecord {
  serial: string;
  kind: 'software' | 'hardware';
  /** How a code is checked (token-types.ts): by time step or by event counter. */
  type: TokenType;
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
  /** Highest accepted time step, or for an event token the last used counter; -1 before the first. */
  lastStep: number;
  /** Accepted step minus the server's step at that moment, remembered for the next verification. */
  drift: number;
  /** Consecutive wrong codes. */
  failures: number;
  createdAt: number;
  /** When an unassigned token may no longer be registered; null: never (hardware stock). */
  expiresAt: number | null;
  /** The end of the key's validity from the vendor (PSKC ExpiryDate): no code is taken from then on. */
  validUntil: number | null;
}

export interface CompanyRecord {
  companyId: string;
  name: string;
  usageMode: UsageMode;
  /** The one token every user shares, in shared mode. */
  sharedSerial: string | null;
  /** The administrator's confirmation PIN (step ⑧), hashed. */
  pinHash: string;
  /** Wrong PINs in a row (an attempt counts until it proves right); locked at the limit. */
  pinFailures?: number;
}

export interface UserRecord {
  companyId: string;
  userId: string;
  /** The token this user signs in with (active, locked, suspended or accident); null when none. */
  serial: string | null;
  /** OTP use stopped by the administrator (利用中止) until a token is registered again. */
  stopped: boolean;
  /** The name from a bulk import (untrusted text, shown as text); null or absent when none was given. */
  displayName?: string | null;
  createdAt: number;
}

/** One audit entry, as data (docs/api.md "Audit"). Never a code, PIN, password or seed. */
export interface AuditEntry {
  /** Given by the store. */
  id?: number;
  at: number;
  /** `admin:<user>`, `operator:<user>`, `user:<userId>`, `api:<client>`, `public`, `system`. */
  actor: string;
  action: string;
  /** Null for requests that name no existing company (they are not logged per company). */
  companyId: string | null;
  userId?: string | null;
  serial?: string | null;
  /** A code: `ok`, `refused`, `replay`, `locked`, `bad-pin`, … */
  outcome: string;
  /** The caller's address, where there is one. */
  address?: string | null;
  /** Anything more, as a short datum (the replaced serial, a count, a mode). */
  detail?: string | null;
  /** Free text some actions still write (shown as the detail when there is none). */
  target?: string | null;
}

export interface AuditQuery {
  companyId?: string;
  userId?: string;
  action?: string;
  outcome?: string;
  /** Entries at or after / before these instants (ms). */
  from?: number;
  to?: number;
  /** Paging: entries with an id below this one. */
  before?: number;
  limit: number;
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
  /** An unexpired unassigned token issued for this user (or, in shared mode, for the company). */
  pending: Pick<TokenRecord, 'serial'> | null;
}

/** A page of users: of one company (the administrator's) or of every company (the operator's). */
export interface UserPageQuery {
  companyId?: string;
  /** One user exactly (a single row of the list after an action). */
  userId?: string;
  /** Part of the user ID or display name (the operator's also company ID or name, and serial), any case. */
  q: string;
  offset: number;
  limit: number;
}

export interface UserPage {
  rows: UserSearchRow[];
  /** Users matching the query, on every page. */
  total: number;
}

/**
 * The verifier's one write: accept `step` only if the token is still this user's, active, the
 * user not stopped, and `step` above its last accepted step; `audit` (outcome `ok`) is written in
 * the same statement, so an accepted code is in the audit log before anyone hears of it.
 */
export interface AcceptStep {
  companyId: string;
  userId: string;
  serial: string;
  step: number;
  drift: number;
  audit: AuditEntry;
}

/**
 * Count a wrong code on an active token of this user; at `maxFailures` it goes to `lockedStatus`
 * (lifecycle.ts 'lock'). `audit` is written with it, its outcome `locked` or `refused` as it turned out.
 */
export interface RecordFailure {
  companyId: string;
  userId: string;
  serial: string;
  maxFailures: number;
  lockedStatus: TokenStatus;
  audit: AuditEntry;
}

/** Reads inside a transaction lock what they read (SELECT … FOR UPDATE in SQL). */
export interface IssuerTx {
  getCompany(companyId: string): Promise<CompanyRecord | null>;
  putCompany(company: CompanyRecord): Promise<void>;
  getUser(companyId: string, userId: string): Promise<UserRecord | null>;
  listUsers(companyId: string): Promise<UserRecord[]>;
  /** A page of users sorted by company and user ID, with their tokens and pending tokens as of `now`. */
  pageUsers(query: UserPageQuery, now: number): Promise<UserPage>;
  putUser(user: UserRecord): Promise<void>;
  getToken(serial: string): Promise<TokenRecord | null>;
  /** False when the serial exists already. */
  insertToken(token: TokenRecord): Promise<boolean>;
  /**
   * Users of one company at once (a bulk import), each with its internet-banking password's hash;
   * the IDs inserted, the others existed already and are left as they are.
   */
  insertUsers(users: (UserRecord & { passwordHash: string | null })[]): Promise<Set<string>>;
  /** Many at once (an import); the serials inserted, the others existed already. */
  insertTokens(tokens: TokenRecord[]): Promise<Set<string>>;
  putToken(token: TokenRecord): Promise<void>;
  /** Tokens of a company that are not retired (bound or issued for it). */
  listCompanyTokens(companyId: string): Promise<TokenRecord[]>;
  /** Unassigned tokens whose expiresAt ≤ now go to `to` (lifecycle.ts 'expire'); their serials. */
  expireUnassigned(now: number, to: TokenStatus): Promise<string[]>;
  /** Remove retired tokens that were never registered and expired before `before`; their serials. */
  purgeExpired(before: number): Promise<string[]>;
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
  acceptStep(a: AcceptStep): Promise<boolean>;
  /**
   * Count a wrong code on an active token of this user; at `maxFailures` it goes to `lockedStatus`
   * (lifecycle.ts 'lock'). Null when it is no longer so.
   */
  recordFailure(a: RecordFailure): Promise<{ failures: number; status: TokenStatus } | null>;
  appendAudit(entries: AuditEntry[]): Promise<void>;
  /** Newest first, with their ids. */
  listAudit(q: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Count a confirmation-PIN attempt before it is checked (one statement, so parallel guesses are
   * all counted): its hash, or `locked` when `maxFailures` attempts are counted already; null for
   * an unknown company.
   */
  pinAttempt(companyId: string, maxFailures: number): Promise<{ pinHash: string; failures: number } | 'locked' | null>;
  /** The PIN proved right, or the bank operator unlocked it. */
  pinReset(companyId: string): Promise<void>;
  /** Every company with its PIN failures (the bank operator's list). */
  listCompanies(): Promise<CompanyRecord[]>;
  /** Users matching `q` (user ID, company ID or name, serial), with pending tokens as of `now`. */
  searchUsers(q: string, limit: number, now: number): Promise<UserSearchRow[]>;
}
