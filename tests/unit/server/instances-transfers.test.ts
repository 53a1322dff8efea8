// Transfers over two instances of the service on one PostgreSQL (real processes): the /signin/
// session lives in the database, so a transfer started on one instance is confirmed on the other;
// its challenge is accepted once whichever instance answers. Needs DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { importMasterKey, sealSeed } from '../../../src/issuer/seal.ts';
import { BANK_SIGNING_SUITE } from '../../../src/issuer/transactions.ts';
import { AccountStore } from '../../../server/account-store.ts';
import { hashSecret } from '../../../server/passwords.ts';
import { referenceOcra } from '../../e2e/ocra-reference.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS } from '../issuer/time-steps.ts';
import { twoInstances } from './two-instances.ts';
import type { ServiceProcess as Instance } from '../../service-process.ts';

vi.setConfig({ testTimeout: 180_000 });

const url = process.env.DATABASE_URL;
const KEY = 'transfer-instances-key-0123456789';
const MASTER = randomBytes(32);
const PASSWORD = 'customer-password-1';

describe.skipIf(!url)('transfers over two instances on one PostgreSQL', () => {
  const { db, a, b } = twoInstances(url!, { master: MASTER, key: KEY, dataDir: `/tmp/soft-token-transfer-instances-${process.pid}` });

  /** A user with an active token and its signing key, straight into the database. */
  async function seed(userId: string) {
    const masterKey = await importMasterKey(MASTER);
    const serial = `TXI${randomBytes(4).toString('hex').toUpperCase()}`;
    const seed = randomBytes(20);
    const signing = randomBytes(32);
    await db.query(
      `INSERT INTO tokens (serial, kind, sealed_seed, algorithm, digits, period, status, company_id, reserved_for, last_step, drift, failures, created_at, expires_at)
       VALUES ($1, 'software', $2, 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, 0, NULL)`,
      [serial, await sealSeed(masterKey, serial, seed)],
    );
    await db.query(`INSERT INTO users (company_id, user_id, serial, stopped, created_at) VALUES ('demo', $1, $2, false, 0)`, [userId, serial]);
    await db.query('INSERT INTO signing_keys (serial, suite, sealed_seed) VALUES ($1, $2, $3)', [serial, BANK_SIGNING_SUITE, await sealSeed(masterKey, `${serial}/signing`, signing)]);
    await new AccountStore(db).setUserPassword('demo', userId, await hashSecret(PASSWORD));
    return { serial, code: () => referenceHotp(seed, Math.floor(Date.now() / PERIOD_MS)), sign: (q: string) => referenceOcra(signing, BANK_SIGNING_SUITE, q) };
  }

  const post = (at: Instance, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${at.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  async function signIn(at: Instance, userId: string, code: string) {
    const res = await post(at, '/api/signin', { userId, password: PASSWORD, code });
    const body = (await res.json()) as { outcome: string; csrf: string };
    expect(body.outcome).toBe('ok');
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': body.csrf };
  }
  const confirm = async (at: Instance, session: Record<string, string>, challenge: string, code: string) => {
    const res = await post(at, '/api/signin/transfer/confirm', { challenge, code }, session);
    expect(res.status).toBe(200);
    return ((await res.json()) as { outcome: string }).outcome;
  };

  it('signed in on A, the transfer started on A is confirmed on B, once', async () => {
    const u = await seed('tx-two');
    const session = await signIn(a, 'tx-two', u.code());
    const started = await post(a, '/api/signin/transfer', { account: '1234567', amount: 42_000 }, session);
    expect(started.status).toBe(201);
    const c = (await started.json()) as { id: string; typed: string };
    const signature = u.sign(c.typed);
    expect(await confirm(b, session, c.id, signature)).toBe('ok');
    expect(await confirm(a, session, c.id, signature)).toBe('refused');
    const rows = await db.query<{ outcome: string; detail: string }>(`SELECT outcome, detail FROM audit WHERE action = 'transfer' AND user_id = 'tx-two' ORDER BY id`);
    expect(rows.map((r) => r.outcome)).toEqual(['ok', 'replay']);
    expect(rows[0]!.detail).toMatch(/1234567 .* ¥42000 \(typed\)$/);
  });

  it('20 concurrent confirmations over both instances: exactly one is accepted', async () => {
    const u = await seed('tx-race-two');
    const session = await signIn(b, 'tx-race-two', u.code());
    const c = (await (await post(b, '/api/signin/transfer', { account: '7654321', amount: 9_000 }, session)).json()) as { id: string; typed: string };
    const signature = u.sign(c.typed);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => confirm(i % 2 ? a : b, session, c.id, signature)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(19);
  });

  it('a sign-out on B ends the transfer session on A', async () => {
    const u = await seed('tx-out');
    const session = await signIn(a, 'tx-out', u.code());
    const res = await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: session });
    expect(res.status).toBe(204);
    expect((await post(a, '/api/signin/transfer', { account: '1234567', amount: 1 }, session)).status).toBe(401);
  });
});
