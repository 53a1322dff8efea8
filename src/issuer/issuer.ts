/**
 * The bank side as a library: provision and QR issuance, registration (step ⑧) and exchange,
 * usage mode, stop use, suspend/resume/unlock, verification, hardware import, expiry, audit.
 * Time is always a parameter (`now`, ms); storage is an IssuerStore; seeds are sealed at rest.
 */
import { webCryptoHash, type HashAlgorithm, type Sign } from '../core/algorithms.ts';
import { BANK_SERIAL, DEFAULTS, LIMITS, PATTERNS, normalizeSerial } from '../core/limits.ts';
import { makeSerial } from '../core/serial.ts';
import { timeStep } from '../core/totp.ts';
import { matchInWindow } from './code-window.ts';
import { IssuerError } from './errors.ts';
import { parseHardwareCsv, type HardwareReject } from './hardware-csv.ts';
import { openSeed, sealSeed, type OpenSeed } from './seal.ts';
import type {
  AuditEntry, Binding, CompanyRecord, IssuerStore, IssuerTx, TokenRecord, UsageMode, UserRecord, UserStatus,
  VerifyOutcome,
} from './types.ts';

export interface PinHasher {
  hash(pin: string): Promise<string>;
  verify(pin: string, hash: string): Promise<boolean>;
}

export interface IssuerOptions {
  store: IssuerStore;
  /** AES-GCM key sealing seeds at rest (seal.ts importMasterKey). */
  masterKey: CryptoKey;
  pinHasher: PinHasher;
  /** HMAC for a seed; default WebCrypto. The server passes node:crypto's, which is synchronous and faster. */
  makeSign?: (secret: Uint8Array, algorithm: HashAlgorithm) => Promise<Sign>;
  /** Opens a sealed seed (seal.ts format); default WebCrypto. The server passes node:crypto's (server/node-seal.ts). */
  openSeed?: OpenSeed;
  issuerName?: string;
  serialPrefix?: string;
  /** Steps accepted on each side of the expected one. */
  window?: number;
  /** Largest drift (in steps) a token may accumulate. */
  maxDrift?: number;
  /** Consecutive wrong codes that lock a token. */
  maxFailures?: number;
  /** How long an unassigned software token may wait for registration. */
  unassignedTtlMs?: number;
  /** Verification audit entries are written in batches of this size, or after auditDelayMs. */
  auditBatch?: number;
  auditDelayMs?: number;
}

export interface IssuedToken {
  serial: string;
  secret: Uint8Array;
  issuer: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  expiresAt: number;
}

export interface UserView {
  userId: string;
  serial: string | null;
  status: UserStatus;
}

export interface CompanyView {
  companyId: string;
  name: string;
  usageMode: UsageMode;
  sharedSerial?: string;
  users: UserView[];
}

/** What the verifier remembers per user between requests; the database stays the authority. */
interface VerifierState {
  serial: string | null;
  stopped: boolean;
  status: TokenRecord['status'] | null;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  sealedSeed: Uint8Array;
  lastStep: number;
  drift: number;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

function userKey(companyId: string, userId: string): string {
  return `${companyId}\u0000${userId}`;
}

export function webCryptoSign(secret: Uint8Array, algorithm: HashAlgorithm): Promise<Sign> {
  return crypto.subtle
    .importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: webCryptoHash[algorithm] }, false, ['sign'])
    .then((key) => async (message: Uint8Array) =>
      new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(message))));
}

function randomDigits(count: number): string {
  // Rejection sampling keeps every digit uniform (256 is not a multiple of 10).
  let out = '';
  while (out.length < count) {
    for (const b of crypto.getRandomValues(new Uint8Array(count * 2))) {
      if (b < 250 && out.length < count) out += String(b % 10);
    }
  }
  return out;
}

export class Issuer {
  readonly store: IssuerStore;
  readonly issuerName: string;
  readonly window: number;
  readonly maxDrift: number;
  readonly maxFailures: number;
  readonly unassignedTtlMs: number;
  #masterKey: CryptoKey;
  #pinHasher: PinHasher;
  #makeSign: (secret: Uint8Array, algorithm: HashAlgorithm) => Promise<Sign>;
  #openSeed: OpenSeed;
  #serialPrefix: string;
  #verifiers = new Map<string, VerifierState>();
  /** Decrypted HMAC keys by serial: a serial's seed never changes, so these never go stale. */
  #signs = new Map<string, Promise<Sign>>();
  #auditQueue: AuditEntry[] = [];
  #auditTimer: ReturnType<typeof setTimeout> | null = null;
  #auditFlush: Promise<void> = Promise.resolve();
  #auditBatch: number;
  #auditDelayMs: number;

  constructor(options: IssuerOptions) {
    this.store = options.store;
    this.#masterKey = options.masterKey;
    this.#pinHasher = options.pinHasher;
    this.#makeSign = options.makeSign ?? webCryptoSign;
    this.#openSeed = options.openSeed ?? openSeed;
    this.issuerName = options.issuerName ?? 'Demo Bank';
    this.#serialPrefix = options.serialPrefix ?? 'SKTS';
    this.window = options.window ?? 1;
    this.maxDrift = options.maxDrift ?? 10;
    this.maxFailures = options.maxFailures ?? 5;
    this.unassignedTtlMs = options.unassignedTtlMs ?? DEFAULT_TTL_MS;
    this.#auditBatch = options.auditBatch ?? 200;
    this.#auditDelayMs = options.auditDelayMs ?? 50;
  }

  // ---------------------------------------------------------------- audit

  async #audit(entry: AuditEntry): Promise<void> {
    await this.flushAudit();
    await this.store.appendAudit([entry]);
  }

  /** Verification results are queued and written in one INSERT per batch (the hot path's second write). */
  #queueAudit(entry: AuditEntry): void {
    this.#auditQueue.push(entry);
    if (this.#auditQueue.length >= this.#auditBatch) void this.flushAudit();
    else this.#auditTimer ??= setTimeout(() => void this.flushAudit(), this.#auditDelayMs);
  }

  /** Write every queued audit entry (before reading the log, and at shutdown). */
  flushAudit(): Promise<void> {
    if (this.#auditTimer) clearTimeout(this.#auditTimer);
    this.#auditTimer = null;
    const batch = this.#auditQueue;
    this.#auditQueue = [];
    // Chained so entries reach the store in order even when flushes overlap.
    this.#auditFlush = this.#auditFlush.then(() => (batch.length ? this.store.appendAudit(batch) : undefined));
    return this.#auditFlush;
  }

  /** Audit an action taken outside the issuer (e.g. a sign-in to the screens). */
  record(entry: AuditEntry): Promise<void> {
    return this.#audit(entry);
  }

  async listAudit(companyId: string | undefined, limit = 200): Promise<AuditEntry[]> {
    await this.flushAudit();
    return this.store.listAudit(companyId === undefined ? { limit } : { companyId, limit });
  }

  // ---------------------------------------------------------------- setup

  /** Create the company, or update its name and confirmation PIN (the demo does this at each start). */
  async ensureCompany(a: { companyId: string; name: string; pin: string }): Promise<void> {
    if (!PATTERNS.id.test(a.companyId)) throw new RangeError('bad company id');
    if (!PATTERNS.confirmationPin.test(a.pin)) throw new RangeError('the confirmation PIN must be 6–12 letters or digits');
    const pinHash = await this.#pinHasher.hash(a.pin);
    await this.store.transaction(async (tx) => {
      const existing = await tx.getCompany(a.companyId);
      await tx.putCompany(
        existing
          ? { ...existing, name: a.name, pinHash }
          : { companyId: a.companyId, name: a.name, usageMode: 'per-user', sharedSerial: null, pinHash },
      );
    });
  }

  /** Load every user's verifier state in one query, so verification never waits on a cold cache. */
  async warm(): Promise<number> {
    const bindings = await this.store.loadAllBindings();
    for (const b of bindings) this.#remember(b);
    return bindings.length;
  }

  // ---------------------------------------------------------------- issuance

  async #newToken(
    now: number,
    extra: { companyId: string | null; reservedFor: string | null },
    tx: IssuerTx,
  ): Promise<IssuedToken> {
    const secret = crypto.getRandomValues(new Uint8Array(LIMITS.issuedSecretBytes));
    const expiresAt = now + this.unassignedTtlMs;
    for (let attempt = 0; attempt < 20; attempt++) {
      const serial = makeSerial(this.#serialPrefix, randomDigits(BANK_SERIAL.bodyDigits));
      const token: TokenRecord = {
        serial, kind: 'software', sealedSeed: await sealSeed(this.#masterKey, serial, secret),
        ...DEFAULTS, status: 'unassigned', ...extra,
        lastStep: -1, drift: 0, failures: 0, createdAt: now, expiresAt,
      };
      if (await tx.insertToken(token)) {
        return { serial, secret, issuer: this.issuerName, ...DEFAULTS, expiresAt };
      }
    }
    throw new Error('could not find a free serial number');
  }

  /** A new unassigned token for a phone that asked (POST /api/provision). */
  async provision(now: number, actor = 'public'): Promise<IssuedToken> {
    const issued = await this.store.transaction((tx) => this.#newToken(now, { companyId: null, reservedFor: null }, tx));
    await this.#audit({ at: now, actor, action: 'provision', companyId: null, target: issued.serial, outcome: 'ok' });
    return issued;
  }

  /** A token issued for a user by QR, pending until the administrator registers it (step ⑧). */
  async issueForUser(companyId: string, userId: string, now: number, actor: string): Promise<IssuedToken> {
    const issued = await this.store.transaction(async (tx) => {
      const company = await this.#company(tx, companyId);
      if (!(await tx.getUser(companyId, userId))) throw new IssuerError('unknown-user');
      const reservedFor = company.usageMode === 'shared' ? null : userId;
      return this.#newToken(now, { companyId, reservedFor }, tx);
    });
    await this.#audit({ at: now, actor, action: 'issue-qr', companyId, target: `${companyId}/${userId} ${issued.serial}`, outcome: 'ok' });
    return issued;
  }

  // ---------------------------------------------------------------- administrator

  async #company(tx: IssuerTx, companyId: string): Promise<CompanyRecord> {
    const company = await tx.getCompany(companyId);
    if (!company) throw new IssuerError('unknown-company');
    return company;
  }

  async createUser(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    if (!PATTERNS.id.test(userId)) throw new RangeError('bad user id');
    const user = await this.store.transaction(async (tx) => {
      const company = await this.#company(tx, companyId);
      if (await tx.getUser(companyId, userId)) throw new IssuerError('user-exists');
      const user: UserRecord = { companyId, userId, serial: company.sharedSerial, stopped: false, createdAt: now };
      await tx.putUser(user);
      return user;
    });
    this.#forget(companyId);
    await this.#audit({ at: now, actor, action: 'user-create', companyId, target: `${companyId}/${userId}`, outcome: 'ok' });
    const view = await this.companyView(companyId, now);
    return view.users.find((u) => u.userId === userId) ?? { userId, serial: user.serial, status: 'none' };
  }

  /** Step ⑦. A change unregisters every token of the company, as the bank's guide warns. */
  async setUsageMode(companyId: string, mode: UsageMode, now: number, actor: string): Promise<UsageMode> {
    const changed = await this.store.transaction(async (tx) => {
      const company = await this.#company(tx, companyId);
      if (company.usageMode === mode) return false;
      for (const token of await tx.listCompanyTokens(companyId)) await tx.putToken({ ...token, status: 'retired' });
      for (const user of await tx.listUsers(companyId)) await tx.putUser({ ...user, serial: null, stopped: false });
      await tx.putCompany({ ...company, usageMode: mode, sharedSerial: null });
      return true;
    });
    this.#forget(companyId);
    await this.#audit({ at: now, actor, action: 'usage-mode', companyId, target: `${companyId} ${mode}`, outcome: changed ? 'ok' : 'unchanged' });
    return mode;
  }

  /**
   * Step ⑧: bind `serial` to the user after checking the confirmation PIN and the code now
   * shown. When the user already has a token this is the exchange: the old token is retired in
   * the same transaction. In shared mode the token becomes every user's.
   */
  async register(
    a: { companyId: string; userId: string; serial: string; code: string; pin: string },
    now: number,
    actor: string,
  ): Promise<{ serial: string; replaced: string | null }> {
    const serial = normalizeSerial(a.serial);
    const target = `${a.companyId}/${a.userId} ${serial.slice(0, LIMITS.serialLength)}`;
    const fail = async (error: IssuerError): Promise<never> => {
      await this.#audit({ at: now, actor, action: 'register', companyId: a.companyId, target, outcome: error.code });
      throw error;
    };
    let result: { serial: string; replaced: string | null };
    try {
      result = await this.store.transaction(async (tx) => {
        const company = await this.#company(tx, a.companyId);
        // The PIN first: without it, nothing about the serial is revealed.
        if (!PATTERNS.confirmationPin.test(a.pin) || !(await this.#pinHasher.verify(a.pin, company.pinHash))) throw new IssuerError('bad-pin');
        const user = await tx.getUser(a.companyId, a.userId);
        if (!user) throw new IssuerError('unknown-user');
        const token = await tx.getToken(serial);
        if (!token) throw new IssuerError('unknown-serial');
        const current = company.usageMode === 'shared' ? company.sharedSerial : user.serial;
        if (current === serial) throw new IssuerError('already-registered');
        if (token.status === 'retired') throw new IssuerError('token-retired');
        if (token.status !== 'unassigned') throw new IssuerError('serial-in-use');
        if (token.companyId !== null && token.companyId !== a.companyId) throw new IssuerError('serial-in-use');
        if (token.reservedFor !== null && token.reservedFor !== a.userId) throw new IssuerError('serial-in-use');
        if (token.expiresAt !== null && token.expiresAt <= now) throw new IssuerError('token-expired');

        const match = await matchInWindow({
          sign: await this.#sign(token.serial, token.sealedSeed, token.algorithm),
          code: a.code, digits: token.digits, period: token.period, timestamp: now,
          drift: 0, lastStep: token.lastStep, window: this.window, maxDrift: this.maxDrift,
        });
        if (match.kind !== 'match') throw new IssuerError('bad-code');

        // The registration code is consumed: lastStep = its step, so it cannot sign in afterwards.
        await tx.putToken({
          ...token, status: 'active', companyId: a.companyId, reservedFor: null,
          lastStep: match.step, drift: match.drift, failures: 0, expiresAt: null,
        });
        let replaced: string | null = null;
        if (current) {
          const old = await tx.getToken(current);
          if (old && old.status !== 'retired') await tx.putToken({ ...old, status: 'retired' });
          replaced = current;
        }
        if (company.usageMode === 'shared') {
          await tx.putCompany({ ...company, sharedSerial: serial });
          for (const u of await tx.listUsers(a.companyId)) await tx.putUser({ ...u, serial, stopped: false });
        } else {
          await tx.putUser({ ...user, serial, stopped: false });
        }
        return { serial, replaced };
      });
    } catch (error) {
      if (error instanceof IssuerError) return fail(error);
      throw error;
    }
    this.#forget(a.companyId);
    await this.#audit({
      at: now, actor, action: result.replaced ? 'exchange' : 'register', companyId: a.companyId,
      target: result.replaced ? `${target} (replaces ${result.replaced})` : target, outcome: 'ok',
    });
    return result;
  }

  /** 利用中止: the user has no token until one is registered again. */
  async stop(companyId: string, userId: string, now: number, actor: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const company = await this.#company(tx, companyId);
      const user = await tx.getUser(companyId, userId);
      if (!user) throw new IssuerError('unknown-user');
      // A shared token stays with the other users; a user's own token is retired.
      if (user.serial && company.usageMode === 'per-user') {
        const token = await tx.getToken(user.serial);
        if (token && token.status !== 'retired') await tx.putToken({ ...token, status: 'retired' });
      }
      await tx.putUser({ ...user, serial: null, stopped: true });
    });
    this.#forget(companyId);
    await this.#audit({ at: now, actor, action: 'stop', companyId, target: `${companyId}/${userId}`, outcome: 'ok' });
  }

  // ---------------------------------------------------------------- bank operator

  async #transition(
    action: 'unlock' | 'suspend' | 'resume',
    companyId: string,
    userId: string,
    now: number,
    actor: string,
  ): Promise<UserView> {
    const from: Record<typeof action, TokenRecord['status'][]> = {
      unlock: ['locked'],
      suspend: ['active', 'locked'],
      resume: ['suspended'],
    };
    const target = `${companyId}/${userId}`;
    try {
      await this.store.transaction(async (tx) => {
        const user = await tx.getUser(companyId, userId);
        if (!user) throw new IssuerError('unknown-user');
        if (!user.serial) throw new IssuerError('no-token');
        const token = await tx.getToken(user.serial);
        if (!token) throw new IssuerError('no-token');
        if (!from[action].includes(token.status)) throw new IssuerError('invalid-state', token.status);
        await tx.putToken({ ...token, status: action === 'suspend' ? 'suspended' : 'active', failures: 0 });
      });
    } catch (error) {
      if (error instanceof IssuerError) {
        await this.#audit({ at: now, actor, action, companyId, target, outcome: error.code });
      }
      throw error;
    }
    this.#forget(companyId);
    await this.#audit({ at: now, actor, action, companyId, target, outcome: 'ok' });
    const view = await this.companyView(companyId, now);
    return view.users.find((u) => u.userId === userId)!;
  }

  unlock(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.#transition('unlock', companyId, userId, now, actor);
  }
  suspend(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.#transition('suspend', companyId, userId, now, actor);
  }
  resume(companyId: string, userId: string, now: number, actor: string): Promise<UserView> {
    return this.#transition('resume', companyId, userId, now, actor);
  }

  /** Import hardware tokens; each bad or duplicate line is reported, the rest go in together. */
  async importHardware(csv: string, now: number, actor: string): Promise<{ imported: number; rejected: HardwareReject[] }> {
    const { records, rejected } = parseHardwareCsv(csv);
    const sealed = await Promise.all(records.map((r) => sealSeed(this.#masterKey, r.serial, r.secret)));
    const imported = await this.store.transaction(async (tx) => {
      let count = 0;
      for (const [i, r] of records.entries()) {
        const ok = await tx.insertToken({
          serial: r.serial, kind: 'hardware', sealedSeed: sealed[i]!, algorithm: r.algorithm, digits: r.digits,
          period: r.period, status: 'unassigned', companyId: null, reservedFor: null, lastStep: -1, drift: 0,
          failures: 0, createdAt: now, expiresAt: null,
        });
        if (ok) count++;
        else rejected.push({ line: r.line, serial: r.serial, reason: 'duplicate' });
      }
      return count;
    });
    rejected.sort((x, y) => x.line - y.line);
    await this.#audit({ at: now, actor, action: 'import', companyId: null, target: `${imported} hardware tokens`, outcome: rejected.length ? `ok, ${rejected.length} rejected` : 'ok' });
    return { imported, rejected };
  }

  /** Retire unassigned tokens past their time (the server runs this periodically). */
  async expireUnassigned(now: number): Promise<string[]> {
    const serials = await this.store.transaction((tx) => tx.expireUnassigned(now));
    for (const serial of serials) {
      await this.#audit({ at: now, actor: 'system', action: 'expire', companyId: null, target: serial, outcome: 'ok' });
    }
    return serials;
  }

  // ---------------------------------------------------------------- views

  async companyView(companyId: string, now: number): Promise<CompanyView> {
    return this.store.transaction(async (tx) => {
      const company = await this.#company(tx, companyId);
      const tokens = new Map((await tx.listCompanyTokens(companyId)).map((t) => [t.serial, t]));
      const pendingFor = new Map<string, TokenRecord>();
      let sharedPending: TokenRecord | undefined;
      for (const t of tokens.values()) {
        if (t.status !== 'unassigned' || (t.expiresAt !== null && t.expiresAt <= now)) continue;
        if (t.reservedFor) pendingFor.set(t.reservedFor, t);
        else sharedPending = t;
      }
      const users = (await tx.listUsers(companyId))
        .sort((x, y) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0))
        .map((u): UserView => {
          const bound = u.serial ? tokens.get(u.serial) : undefined;
          if (bound && bound.status !== 'retired' && bound.status !== 'unassigned') {
            return { userId: u.userId, serial: bound.serial, status: bound.status };
          }
          const pending = pendingFor.get(u.userId) ?? (company.usageMode === 'shared' ? sharedPending : undefined);
          if (pending) return { userId: u.userId, serial: pending.serial, status: 'unassigned' };
          return { userId: u.userId, serial: null, status: u.stopped ? 'stopped' : 'none' };
        });
      const view: CompanyView = { companyId, name: company.name, usageMode: company.usageMode, users };
      if (company.sharedSerial) view.sharedSerial = company.sharedSerial;
      return view;
    });
  }

  async searchUsers(q: string, limit = 100): Promise<Array<{ companyId: string; companyName: string; userId: string; serial: string | null; status: UserStatus }>> {
    const rows = await this.store.searchUsers(q, limit);
    return rows.map((r) => {
      const t = r.token && r.token.status !== 'retired' && r.token.status !== 'unassigned' ? r.token : null;
      return {
        companyId: r.companyId, companyName: r.companyName, userId: r.user.userId,
        serial: t ? t.serial : null,
        status: (t ? t.status : r.user.stopped ? 'stopped' : 'none') as UserStatus,
      };
    });
  }

  // ---------------------------------------------------------------- verification

  #sign(serial: string, sealedSeed: Uint8Array, algorithm: HashAlgorithm): Promise<Sign> {
    let sign = this.#signs.get(serial);
    if (!sign) {
      sign = this.#openSeed(this.#masterKey, serial, sealedSeed).then((seed) => {
        const made = this.#makeSign(seed, algorithm);
        seed.fill(0); // the HMAC key holds its own copy
        return made;
      });
      sign.catch(() => this.#signs.delete(serial));
      this.#signs.set(serial, sign);
    }
    return sign;
  }

  #remember(b: Binding): VerifierState {
    const t = b.token;
    const state: VerifierState = {
      serial: t ? t.serial : null, stopped: b.user.stopped, status: t ? t.status : null,
      algorithm: t?.algorithm ?? DEFAULTS.algorithm, digits: t?.digits ?? DEFAULTS.digits, period: t?.period ?? DEFAULTS.period,
      sealedSeed: t?.sealedSeed ?? new Uint8Array(), lastStep: t?.lastStep ?? -1, drift: t?.drift ?? 0,
    };
    this.#verifiers.set(userKey(b.user.companyId, b.user.userId), state);
    return state;
  }

  /** Drop cached verifier states of a company after an administrative change. */
  #forget(companyId: string): void {
    const prefix = `${companyId}\u0000`;
    for (const key of this.#verifiers.keys()) if (key.startsWith(prefix)) this.#verifiers.delete(key);
  }

  async #load(companyId: string, userId: string): Promise<VerifierState | null> {
    const binding = await this.store.loadBinding(companyId, userId);
    if (!binding) return null;
    return this.#remember(binding);
  }

  /**
   * Check a user's code at `now` (the server's clock). On the usual path this is one statement:
   * the conditional UPDATE that accepts the step. The cache is only a hint; every write is
   * conditional on the database's state, and a write that finds it changed reloads and retries.
   */
  async verify(a: { companyId: string; userId: string; code: string }, now: number): Promise<VerifyOutcome> {
    const key = userKey(a.companyId, a.userId);
    const target = `${a.companyId}/${a.userId}`;
    const actor = `user:${a.userId}`;
    const log = (outcome: string, serial?: string | null) =>
      this.#queueAudit({ at: now, actor, action: 'verify', companyId: a.companyId, target: serial ? `${target} ${serial}` : target, outcome });

    let state = this.#verifiers.get(key) ?? null;
    // Cached refusal states may be stale (another server process may have acted): recheck them.
    if (!state || state.status !== 'active') state = await this.#load(a.companyId, a.userId);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!state) return log('unknown-user'), 'refused';
      if (!state.serial || !state.status) {
        return state.stopped ? (log('stopped'), 'stopped') : (log('no-token'), 'refused');
      }
      if (state.status === 'suspended' || state.status === 'locked') return log(state.status, state.serial), state.status;
      if (state.status !== 'active') return log('no-token', state.serial), 'refused';

      const serial = state.serial;
      const match = await matchInWindow({
        sign: await this.#sign(serial, state.sealedSeed, state.algorithm),
        code: a.code, digits: state.digits, period: state.period, timestamp: now,
        drift: state.drift, lastStep: state.lastStep, window: this.window, maxDrift: this.maxDrift,
      });
      if (match.kind === 'match') {
        if (await this.store.acceptStep({ companyId: a.companyId, userId: a.userId, serial, step: match.step, drift: match.drift })) {
          // A concurrent success may have raised lastStep in between; never lower it.
          state.lastStep = Math.max(state.lastStep, match.step);
          state.drift = match.drift;
          return log('ok', serial), 'ok';
        }
        state = await this.#load(a.companyId, a.userId); // refused by the database: see why
        continue;
      }
      if (match.kind === 'replay') return log('replay', serial), 'refused';

      const counted = await this.store.recordFailure({ companyId: a.companyId, userId: a.userId, serial, maxFailures: this.maxFailures });
      if (!counted) {
        state = await this.#load(a.companyId, a.userId);
        continue;
      }
      state.status = counted.status;
      if (counted.status === 'locked') return log('locked', serial), 'locked';
      return log('refused', serial), 'refused';
    }
    return log('refused'), 'refused';
  }

  /** The step a token expects now; for tests and diagnostics. */
  static stepAt(now: number, period = 30): number {
    return timeStep({ timestamp: now, period });
  }
}
