// A bank service on a test database: the demo company, an administrator, an operator, an API
// client, and helpers to make users with tokens. `trustProxy: 1` lets a test choose the client's
// address with X-Forwarded-For, as the one trusted proxy in front would write it.
import { afterAll, beforeAll } from 'vitest';
import { Issuer } from '../../../src/issuer/issuer.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import { AuditQueue } from '../../../src/issuer/audit-queue.ts';
import { Transactions } from '../../../src/issuer/transactions.ts';
import { SqlTransactionStore } from '../../../server/transaction-store.ts';
import { AccountStore } from '../../../server/account-store.ts';
import { createApp, type AppOptions } from '../../../server/app.ts';
import { migrate, type Db } from '../../../server/db.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';
import { nodeSign } from '../../../server/node-sign.ts';
import { hashSecret, scryptPinHasher } from '../../../server/passwords.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import { UserImports } from '../../../server/user-imports.ts';
import { testCards } from './test-cards.ts';
import { late } from './late.ts';
import { backends, describeOnEach, type Backend } from './backends.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS, T0 } from '../issuer/time-steps.ts';

export const PIN = 'pin13579';
export const USER_PW = 'user-password-1';
export const API_KEY = 'test-integration-key-0123456789';

/** `signing`: with transaction signing (signing keys, transfers), as server/main.ts runs it. */
export async function service(db: Db, clock: { now: number }, extra: Partial<AppOptions> = {}, o: { signing?: boolean; importAnswerWaitMs?: number } = {}) {
  await migrate(db, clock.now);
  const store = new SqlStore(db, { sealDelayMs: 5 });
  const masterKey = await importMasterKey(new Uint8Array(32).fill(9));
  const issuer = new Issuer({ store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, auditDelayMs: 1 });
  await issuer.ensureCompany({ companyId: 'demo', name: 'デモ株式会社', pin: PIN });
  const accounts = new AccountStore(db);
  await accounts.put({ role: 'admin', username: 'admin', companyId: 'demo', passwordHash: await hashSecret('admin-pw') });
  await accounts.put({ role: 'operator', username: 'operator', companyId: null, passwordHash: await hashSecret('operator-pw') });
  await accounts.putApiClient('test-ib', API_KEY, clock.now, 'test');
  const cards = await testCards(db, clock.now);
  const transferAudit = new AuditQueue(store);
  const transactions = o.signing
    ? new Transactions({
      store: new SqlTransactionStore(db, { audited: () => store.sealer.soon() }), issuerStore: store, masterKey, audit: transferAudit,
      maxFailures: issuer.maxFailures, makeSign: nodeSign, openSeed: nodeOpenSeed,
    })
    : undefined;
  const userImports = new UserImports({ db, issuer, masterKey, now: () => clock.now, audited: () => store.sealer.soon(), ...(o.importAnswerWaitMs === undefined ? {} : { answerWaitMs: o.importAnswerWaitMs }) });
  const { app, sessions } = createApp({ issuer, accounts, db, cards, trustProxy: 1, now: () => clock.now, userImports, ...(transactions ? { transactions } : {}), ...extra });

  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method, headers: { 'content-type': 'application/json', host: 'bank.test', 'x-forwarded-for': '198.51.100.1', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** A user with a registered token (straight through the issuer); its secret for codes. */
  async function userWithToken(userId: string) {
    await issuer.createUser('demo', userId, clock.now, 'admin:admin');
    await accounts.setUserPassword('demo', userId, await hashSecret(USER_PW));
    const t = await issuer.provision(clock.now);
    const code = (offset = 0) => referenceHotp(t.secret, Math.floor(clock.now / PERIOD_MS) + offset);
    await issuer.register({ companyId: 'demo', userId, serial: t.serial, code: code(), pin: PIN }, clock.now, 'admin:admin');
    clock.now += PERIOD_MS;
    return { serial: t.serial, secret: t.secret, code };
  }

  async function failures(serial: string): Promise<{ status: string; failures: number }> {
    const rows = await db.query<{ status: string; failures: number }>('SELECT status, failures FROM tokens WHERE serial = $1', [serial]);
    return { status: rows[0]!.status, failures: Number(rows[0]!.failures) };
  }

  return { app, issuer, accounts, store, sessions, cards, request, userWithToken, failures, masterKey, transactions, transferAudit, userImports };
}

export type Service = Awaited<ReturnType<typeof service>>;

/**
 * A suite's service on one database of `backends()`: opened before the suite's own beforeAll (which
 * may then seed it), its audit written and the database dropped after the suite.
 */
export function serviceOn(open: NonNullable<Backend[1]>, clock: { now: number }, ready: (s: Service, db: Db) => void, o: { signing?: boolean } = {}): void {
  let s: Service | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    s = await service(opened.db, clock, {}, o);
    ready(s, opened.db);
  }, 180_000);
  afterAll(async () => {
    await s?.issuer.flushAudit();
    await s?.transferAudit.flush();
    await s?.store.sealAudit();
    await cleanup?.();
  });
}

export interface ServiceSuite {
  /** The suite's clock, from T0; tests move it. */
  clock: { now: number };
  /** The suite's service and its database (usable from the suite's hooks and tests on). */
  s: Service;
  db: Db;
}

/**
 * `title on <database>` for each of `backends(prefix)`, with a service on it (see serviceOn); the
 * PostgreSQL one is skipped without DATABASE_URL.
 */
export function describeService(prefix: string, title: string, body: (suite: ServiceSuite) => void, o: { signing?: boolean } = {}): void {
  describeOnEach(backends(prefix), title, (open) => {
    const clock = { now: T0 };
    let s: Service | undefined;
    let db: Db | undefined;
    serviceOn(open, clock, (service, d) => ((s = service), (db = d)), o);
    body({ clock, s: late(() => s), db: late(() => db) });
  });
}
