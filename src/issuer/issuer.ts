/**
 * The bank side as a library, a thin front over its parts: issuance.ts (provision, QR),
 * company-setup.ts, registration.ts (step ⑧ and exchange), operator-actions.ts, verifier.ts,
 * hardware-import.ts, expiry.ts, read-models.ts, audit-queue.ts; every status change through
 * lifecycle.ts. Time is always a parameter (`now`, ms); storage is an IssuerStore; seeds are
 * sealed at rest.
 */
import { clearAccident, setAccident } from './accident-setting.ts';
import type {
  BankUserPage, BankUserView, CancelContractResponse, CompanyView, HardwareImportResult, OperatorAction, ResyncResponse, SuspensionReason, UserView,
} from './api-types.ts';
import { AuditQueue } from './audit-queue.ts';
import * as setup from './company-setup.ts';
import { settingsFrom, type IssuerContext, type IssuerOptions } from './context.ts';
import { expireUnassigned } from './expiry.ts';
import { importHardware, importPskc } from './hardware-import.ts';
import type { PskcCredentials } from './pskc/index.ts';
import { resyncToken } from './token-resync.ts';
import { insertImportedUsers, type ImportedUser, type UserImportOutcome } from './user-import.ts';
import { issueForUser, provision, type IssuedToken } from './issuance.ts';
import { operatorAction } from './operator-actions.ts';
import { cancelContract } from './contract-cancel.ts';
import { bankUserPage, companyView, searchUsers, userView, type UserPageRequest } from './read-models.ts';
import { register, type Registration } from './registration.ts';
import type { AuditEntry, AuditQuery, IssuerStore, IssuerTx, UsageMode, VerifyOutcome } from './types.ts';
import { Verifier, type VerifyRequest } from './verifier.ts';

export type { IssuerOptions, PinHasher } from './context.ts';
export type { IssuedToken } from './issuance.ts';
export type { CompanyView, UserView } from './api-types.ts';
export { webCryptoSign } from './verifier.ts';

export class Issuer {
  readonly store: IssuerStore;
  readonly issuerName: string;
  readonly window: number;
  readonly maxDrift: number;
  readonly maxFailures: number;
  readonly unassignedTtlMs: number;
  #ctx: IssuerContext;

  constructor(o: IssuerOptions) {
    const settings = settingsFrom(o);
    const audit = new AuditQueue(o.store, { batch: o.auditBatch, delayMs: o.auditDelayMs });
    const verifier = new Verifier({
      store: o.store, masterKey: o.masterKey, audit, makeSign: o.makeSign, openSeed: o.openSeed,
      window: settings.window, maxDrift: settings.maxDrift, lookAhead: settings.lookAhead, maxFailures: settings.maxFailures,
    });
    this.#ctx = { store: o.store, masterKey: o.masterKey, pinHasher: o.pinHasher, audit, verifier, settings };
    this.store = o.store;
    ({ issuerName: this.issuerName, window: this.window, maxDrift: this.maxDrift, maxFailures: this.maxFailures, unassignedTtlMs: this.unassignedTtlMs } = settings);
  }

  // ---------------------------------------------------------------- audit
  /** Write every queued audit entry (before reading the log, and at shutdown). */
  flushAudit(): Promise<void> {
    return this.#ctx.audit.flush();
  }
  /** Audit an action taken outside the issuer (e.g. a sign-in to the screens). */
  record(entry: AuditEntry): Promise<void> {
    return this.#ctx.audit.write(entry);
  }
  /** `companyId` undefined: every company's (the bank operator's view). */
  async listAudit(companyId: string | undefined, q: Omit<AuditQuery, 'companyId' | 'limit'> & { limit?: number } = {}): Promise<AuditEntry[]> {
    await this.flushAudit();
    return this.store.listAudit({ limit: 200, ...q, ...(companyId === undefined ? {} : { companyId }) });
  }

  // ---------------------------------------------------------------- setup and issuance
  ensureCompany(a: { companyId: string; name: string; pin: string }): Promise<void> {
    return setup.ensureCompany(this.#ctx, a);
  }
  /** Load every user's verifier state, so verification never waits on a cold cache. */
  warm(): Promise<number> {
    return this.#ctx.verifier.warm();
  }
  provision(now: number, actor = 'public', address: string | null = null): Promise<IssuedToken> {
    return provision(this.#ctx, now, actor, address);
  }
  issueForUser(companyId: string, userId: string, now: number, actor: string): Promise<IssuedToken> {
    return issueForUser(this.#ctx, companyId, userId, now, actor);
  }

  // ---------------------------------------------------------------- administrator
  async createUser(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    const user = await setup.createUser(this.#ctx, companyId, userId, now, actor);
    return (await userView(this.#ctx, companyId, userId, now)) ?? { userId, serial: user.serial, status: 'none' };
  }
  /**
   * One chunk of a stored import, inside the caller's transaction on this issuer's store (`tx`),
   * which commits it with its own bookkeeping (server/user-imports.ts); `usersChanged` after the commit.
   */
  importUsersWithin(tx: IssuerTx, companyId: string, lines: ImportedUser[], now: number): Promise<UserImportOutcome> {
    return insertImportedUsers(tx, companyId, lines, now);
  }
  /** Users of the company were added or changed outside the issuer's own actions: read them again. */
  usersChanged(companyId: string): void {
    this.#ctx.verifier.forget(companyId);
  }
  setUsageMode(companyId: string, mode: UsageMode, now: number, actor: string): Promise<UsageMode> {
    return setup.setUsageMode(this.#ctx, companyId, mode, now, actor);
  }
  register(a: Registration, now: number, actor: string): Promise<{ serial: string; replaced: string | null }> {
    return register(this.#ctx, a, now, actor);
  }
  stop(companyId: string, userId: string, now: number, actor: string): Promise<void> {
    return setup.stop(this.#ctx, companyId, userId, now, actor);
  }
  /** 事故設定 (accident-setting.ts). */
  async setAccident(a: { companyId: string; userId: string; reason: SuspensionReason }, now: number, actor: string): Promise<UserView> {
    await setAccident(this.#ctx, a, now, actor);
    return (await userView(this.#ctx, a.companyId, a.userId, now))!;
  }
  async clearAccident(a: { companyId: string; userId: string }, now: number, actor: string): Promise<UserView> {
    await clearAccident(this.#ctx, a, now, actor);
    return (await userView(this.#ctx, a.companyId, a.userId, now))!;
  }

  // ---------------------------------------------------------------- bank operator
  async operatorAction(action: OperatorAction, companyId: string, userId: string, now: number, actor: string, reason?: SuspensionReason): Promise<UserView> {
    await operatorAction(this.#ctx, action, companyId, userId, now, actor, reason);
    return (await userView(this.#ctx, companyId, userId, now))!;
  }
  unlock(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.operatorAction('unlock', companyId, userId, now, actor);
  }
  suspend(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.operatorAction('suspend', companyId, userId, now, actor);
  }
  resume(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.operatorAction('resume', companyId, userId, now, actor);
  }
  /** 解約 (contract-cancel.ts). */
  cancelContract(companyId: string, now: number, actor: string): Promise<CancelContractResponse> {
    return cancelContract(this.#ctx, companyId, now, actor);
  }
  importHardware(csv: string, now: number, actor: string): Promise<HardwareImportResult> {
    return importHardware(this.#ctx, csv, now, actor);
  }
  /** Bring a drifted token back from two consecutive codes (audited). */
  resync(serial: string, codes: readonly [string, string], now: number, actor: string): Promise<ResyncResponse> {
    return resyncToken(this.#ctx, serial, codes, now, actor);
  }
  /** A vendor's PSKC file; PskcError refuses it whole. */
  importPskc(xml: string, credentials: PskcCredentials, now: number, actor: string): Promise<HardwareImportResult> {
    return importPskc(this.#ctx, xml, credentials, now, actor);
  }
  /** Retire unassigned tokens past their time; the serials retired. */
  async expireUnassigned(now: number): Promise<string[]> {
    return (await expireUnassigned(this.#ctx, now)).expired;
  }
  /** Retire and remove (after the retention period) expired unassigned tokens. */
  sweepExpired(now: number): Promise<{ expired: string[]; removed: string[] }> {
    return expireUnassigned(this.#ctx, now);
  }
  /** The bank operator unlocks a company's confirmation PIN (the branch's form). */
  async unlockPin(companyId: string, now: number, actor: string): Promise<void> {
    await this.store.pinReset(companyId);
    await this.#ctx.audit.write({ at: now, actor, action: 'pin-unlock', companyId, outcome: 'ok' });
  }
  async companies(): Promise<Array<{ companyId: string; name: string; pinLocked: boolean }>> {
    return (await this.store.listCompanies()).map((c) => ({ companyId: c.companyId, name: c.name, pinLocked: (c.pinFailures ?? 0) >= this.#ctx.settings.maxPinFailures }));
  }
  get maxPinFailures(): number {
    return this.#ctx.settings.maxPinFailures;
  }

  // ---------------------------------------------------------------- views and verification
  companyView(companyId: string, now: number, page?: UserPageRequest): Promise<CompanyView> {
    return companyView(this.#ctx, companyId, now, page);
  }
  bankUserPage(page: UserPageRequest, now: number): Promise<BankUserPage> {
    return bankUserPage(this.#ctx, page, now);
  }
  searchUsers(q: string, now: number, limit = 100): Promise<BankUserView[]> {
    return searchUsers(this.#ctx, q, now, limit);
  }
  verify(a: VerifyRequest, now: number): Promise<VerifyOutcome> {
    return this.#ctx.verifier.verify(a, now);
  }
}
