// Several instances of the service on one PostgreSQL (real processes): they share sessions,
// replay protection, the lockout, suspensions and the audit log; a kill -9 under load loses no
// acceptance that was answered. Needs DATABASE_URL (scripts/test-all.mjs sets it).
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { importMasterKey, sealSeed } from '../../../src/issuer/seal.ts';
import { migrate } from '../../../server/db.ts';
import { checkAuditChain } from '../../../server/sql-audit.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS } from '../issuer/time-steps.ts';
import { twoInstances } from './two-instances.ts';
import type { ServiceProcess as Instance } from '../../service-process.ts';
import { cardAnswer } from './test-cards.ts';
import { loadUntilGone, whenAnswered } from './kill-under-load.ts';

vi.setConfig({ testTimeout: 180_000 });

const url = process.env.DATABASE_URL;
const KEY = 'instances-test-key-0123456789';
const MASTER = randomBytes(32);

describe.skipIf(!url)('two instances on one PostgreSQL', () => {
  const { db, a, b } = twoInstances(url!, { master: MASTER, key: KEY, dataDir: `/tmp/soft-token-instances-${process.pid}` });
  const secrets = new Map<string, Buffer>();

  /** Users with active tokens, straight into the database (as a migration from another system would). */
  async function seed(prefix: string, count: number) {
    const masterKey = await importMasterKey(MASTER);
    const serials = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);
    for (const s of serials) secrets.set(s, randomBytes(20));
    const sealed = await Promise.all(serials.map((s) => sealSeed(masterKey, s, secrets.get(s)!)));
    await db.query(
      `INSERT INTO tokens (serial, kind, sealed_seed, algorithm, digits, period, status, company_id, reserved_for, last_step, drift, failures, created_at, expires_at)
       SELECT s, 'software', seed, 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, 0, NULL FROM unnest($1::text[], $2::bytea[]) AS v(s, seed)`,
      [serials, sealed],
    );
    await db.query(`INSERT INTO users (company_id, user_id, serial, stopped, created_at) SELECT 'demo', 'u' || s, s, false, 0 FROM unnest($1::text[]) s`, [serials]);
    return serials;
  }
  const code = (serial: string, offset = 0) => referenceHotp(secrets.get(serial)!, Math.floor(Date.now() / PERIOD_MS) + offset);
  const verify = async (at: Instance, serial: string, c: string) => {
    const res = await fetch(`${at.url}/api/v1/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ companyId: 'demo', userId: `u${serial}`, code: c }),
    });
    return ((await res.json()) as { outcome: string }).outcome;
  };
  async function signIn(at: Instance, role: string, user: string, password: string) {
    const post = (body: unknown) => fetch(`${at.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    let res = await post({ role, user, password });
    if (role === 'admin') {
      // The administrator answers the customer card's two cells in a second request.
      const { challenge } = (await res.json()) as { challenge: { id: string; cells: string[] } };
      res = await post({ role, user, password, challengeId: challenge.id, card: cardAnswer(challenge.cells) });
    }
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrf: string }).csrf };
  }

  beforeAll(async () => {
    await migrate(db, 0); // already applied by the instances: a no-op
  });

  it('a session made on one works on the other', async () => {
    const s = await signIn(a, 'admin', 'admin', 'admin-password');
    const res = await fetch(`${b.url}/api/admin/company`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { companyId: string }).companyId).toBe('demo');
    // Signed out on B, gone on A too.
    expect((await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })).status).toBe(204);
    expect((await fetch(`${a.url}/api/admin/company`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('40 concurrent replays of one code over both instances: exactly one is accepted', async () => {
    const [serial] = await seed('RPLY', 1);
    const c = code(serial!);
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => verify(i % 2 ? a : b, serial!, c)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(39);
  });

  it('5 wrong codes spread over both instances lock the token on both', async () => {
    const [serial] = await seed('LOCK', 1);
    const wrong = code(serial!, 7);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await verify(i % 2 ? a : b, serial!, wrong));
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'refused', 'locked']);
    expect(await verify(a, serial!, code(serial!))).toBe('locked');
    expect(await verify(b, serial!, code(serial!))).toBe('locked');
  });

  it('a suspension on one instance holds on the other at once', async () => {
    const [serial] = await seed('SUSP', 1);
    expect(await verify(b, serial!, code(serial!, -1))).toBe('ok'); // B has it cached as active
    const op = await signIn(a, 'operator', 'operator', 'operator-password');
    const res = await fetch(`${a.url}/api/bank/users/demo/u${serial}/suspend`, { method: 'POST', headers: { cookie: op.cookie, 'x-csrf-token': op.csrf } });
    expect(res.status).toBe(200);
    expect(await verify(b, serial!, code(serial!))).toBe('suspended');
  });

  it('a bulk user import posted on one instance is followed and finished on the other: every user once, one audit entry', async () => {
    const admin = await signIn(a, 'admin', 'admin', 'admin-password');
    const n = 240;
    const csv = Array.from({ length: n }, (_, i) => `inst-imp-${i},利用者 ${i},Initial-Pass-${i}`).join('\n');
    const res = await fetch(`${a.url}/api/admin/users/import`, {
      method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv' }, body: csv,
    });
    // 240 scrypt hashes do not fit in the answer's few seconds.
    expect(res.status).toBe(202);
    const location = res.headers.get('location')!;
    let job = (await res.json()) as { done: boolean; imported: number; pending: number; total: number };
    expect(job.total).toBe(n);
    // B is asked for its progress, and so works on it too.
    while (!job.done) {
      await new Promise((r) => setTimeout(r, 250));
      const polled = await fetch(`${b.url}${location}`, { headers: { cookie: admin.cookie } });
      expect([200, 202]).toContain(polled.status);
      job = (await polled.json()) as typeof job;
    }
    expect(job).toMatchObject({ imported: n, pending: 0 });
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE user_id LIKE 'inst-imp-%'"))[0]!.n).toBe(n);
    // Written by whichever instance took the last chunk, as it ended.
    await vi.waitFor(async () => expect(await db.query("SELECT detail FROM audit WHERE action = 'user-import' AND detail = $1", [`${n} users`])).toHaveLength(1), { timeout: 5_000 });
  });

  it('kill -9 of one instance under load: every acceptance it answered is in the audit log', async () => {
    const serials = await seed('KILL', 400);
    const { answered, done } = loadUntilGone(serials, (s) => verify(a, s, code(s)));
    // Kill it in the middle of the run, with requests in flight.
    await whenAnswered(answered, 60, 20_000);
    a.child.kill('SIGKILL');
    await done;
    expect(answered.length).toBeGreaterThan(10);
    expect(answered.length).toBeLessThan(serials.length); // it died mid-way
    const rows = await db.query<{ serial: string }>(`SELECT serial FROM audit WHERE action = 'verify' AND outcome = 'ok' AND serial = ANY($1::text[])`, [answered]);
    expect(new Set(rows.map((r) => r.serial))).toEqual(new Set(answered));
    // B seals what A wrote; the chain holds.
    expect(await verify(b, serials[serials.length - 1]!, code(serials[serials.length - 1]!, -1))).toBe('ok');
    await expect.poll(async () => (await checkAuditChain(db)).unsealed, { timeout: 10_000 }).toBe(0);
    expect((await checkAuditChain(db)).ok).toBe(true);
  });
});
