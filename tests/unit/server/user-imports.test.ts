// The bulk user import as a stored job, on PGlite and (with DATABASE_URL) PostgreSQL from two pools
// as two service instances would: the passwords wait sealed, two instances share one import without
// creating a user twice, a chunk whose instance died is taken again when its lease ends, a stopped
// instance leaves the rest to another, and an import ends with one audit entry.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parseUserCsv } from '../../../src/issuer/bulk-users.ts';
import { Issuer } from '../../../src/issuer/issuer.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import { migrate } from '../../../server/db.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';
import { nodeSign } from '../../../server/node-sign.ts';
import { hashSecret, scryptPinHasher, verifySecret } from '../../../server/passwords.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import { IMPORT_JOB, UserImports } from '../../../server/user-imports.ts';
import { describeOnEach, twoPoolBackends, type TwoPools } from './backends.ts';
import { T0 } from '../issuer/time-steps.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type Opened = TwoPools;
const backends = twoPoolBackends('imports');

const ADMIN = 'admin:admin';
const csv = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i},利用者 ${i},Initial-Pass-${prefix}${i}`).join('\n');

/** A hash that waits until `release()`; `calls` counts the passwords it was given. */
function gatedHash() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const given: string[] = [];
  return { given, release, hash: async (pw: string) => { given.push(pw); await gate; return hashSecret(pw); } };
}

describeOnEach(backends, 'bulk user import jobs', (open) => {
  let opened: Opened;
  let masterKey: CryptoKey;
  const clock = { now: T0 };
  const issuers: Issuer[] = [];
  const errors: unknown[] = [];

  /** An instance: its own issuer on its own pool (PostgreSQL) and its own import worker. */
  const instance = (i: 0 | 1, o: { hash?: (pw: string) => Promise<string> } = {}) =>
    new UserImports({ db: opened.dbs[i], issuer: issuers[i]!, masterKey, now: () => clock.now, onError: (e) => errors.push(e), ...o });
  const start = (w: UserImports, text: string) => {
    const { users, rejected } = parseUserCsv(text);
    return w.start('demo', ADMIN, users, rejected);
  };
  const count = async (like: string) =>
    Number((await opened.dbs[0].query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE user_id LIKE $1', [like]))[0]!.n);
  const audits = async () => {
    for (const issuer of issuers) await issuer.flushAudit();
    return opened.dbs[0].query<{ detail: string; outcome: string }>("SELECT detail, outcome FROM audit WHERE action = 'user-import' ORDER BY id");
  };

  beforeAll(async () => {
    opened = await open();
    await migrate(opened.dbs[0], T0);
    masterKey = await importMasterKey(crypto.getRandomValues(new Uint8Array(32)));
    for (const db of opened.dbs) {
      issuers.push(new Issuer({ store: new SqlStore(db), masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, auditDelayMs: 1 }));
    }
    await issuers[0]!.ensureCompany({ companyId: 'demo', name: 'デモ株式会社', pin: 'pin13579' });
  });
  afterAll(() => opened?.cleanup());

  it('the initial passwords wait sealed under the master key, each bound to its line: moved to another line it does not open', async () => {
    const gated = gatedHash();
    const w = instance(0, { hash: gated.hash });
    const job = await start(w, csv('seal', 3));
    const rows = await opened.dbs[0].query<{ line: number; sealed_password: Uint8Array }>('SELECT line, sealed_password FROM user_import_lines WHERE import_id = $1 ORDER BY line', [job.id]);
    expect(rows).toHaveLength(3);
    const dump = JSON.stringify(await opened.dbs[0].query('SELECT * FROM user_import_lines'));
    expect(dump).not.toContain('Initial-Pass');
    for (const r of rows) expect(Buffer.from(r.sealed_password).includes(Buffer.from('Initial-Pass'))).toBe(false);
    // An attacker with the database moves line 1's sealed password onto line 2: it does not open there.
    await expect(nodeOpenSeed(masterKey, `user-import ${job.id} 2`, new Uint8Array(rows[0]!.sealed_password))).rejects.toThrow();
    await expect(nodeOpenSeed(masterKey, `user-import ${job.id} 1`, new Uint8Array(rows[0]!.sealed_password))).resolves.toBeInstanceOf(Uint8Array);
    gated.release();
    await w.idle();
    expect(await opened.dbs[0].query('SELECT 1 FROM user_import_lines WHERE import_id = $1', [job.id])).toEqual([]);
  });

  it('two instances share one import: every user once, each instance took chunks, progress adds up, one audit entry', async () => {
    const counted = [0, 0];
    const counting = (i: 0 | 1) => async (pw: string) => { counted[i]!++; return hashSecret(pw); };
    const a = instance(0, { hash: counting(0) });
    const b = instance(1, { hash: counting(1) });
    const n = IMPORT_JOB.chunk * 4;
    const job = await start(a, csv('pair', n));
    b.kick();
    const seen: number[] = [];
    for (;;) {
      const s = (await b.status('demo', job.id))!;
      seen.push(s.imported);
      if (s.done) break;
      expect(s.imported + s.pending).toBeLessThanOrEqual(n);
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all([a.idle(), b.idle()]);
    expect(await count('pair%')).toBe(n);
    expect(counted[0]! + counted[1]!).toBe(n);
    expect(counted[0]).toBeGreaterThan(0);
    expect(counted[1]).toBeGreaterThan(0);
    expect(seen.some((x) => x > 0 && x < n)).toBe(true);
    expect((await a.status('demo', job.id))).toMatchObject({ total: n, imported: n, pending: 0, done: true, rejected: [] });
    expect((await audits()).filter((e) => e.detail === `${n} users`)).toEqual([{ detail: `${n} users`, outcome: 'ok' }]);
    // Each initial password hashed for its own user.
    const row = (await opened.dbs[0].query<{ password_hash: string }>("SELECT password_hash FROM users WHERE user_id = 'pair7'"))[0]!;
    expect(await verifySecret('Initial-Pass-pair7', row.password_hash)).toBe(true);
  });

  it('an instance that died in a chunk: the chunk is taken again when its lease ends, and its late commit changes nothing', async () => {
    const dead = gatedHash();
    const a = instance(0, { hash: dead.hash });
    const job = await start(a, `${csv('lease', IMPORT_JOB.chunk + 4)}\nlease0,重複,Initial-Pass-x`);
    await vi.waitFor(() => expect(dead.given.length).toBeGreaterThan(0));
    const b = instance(1);
    // B takes the lines A did not lease, not A's chunk while its lease lasts.
    b.kick();
    await b.idle();
    expect((await b.status('demo', job.id))!.pending).toBe(IMPORT_JOB.chunk);
    expect(await count('lease%')).toBe(4);
    // A's lease ends: B takes its chunk and ends the import.
    clock.now += IMPORT_JOB.leaseMs + 1;
    b.kick();
    await b.idle();
    const done = (await b.status('demo', job.id))!;
    expect(done).toMatchObject({ total: IMPORT_JOB.chunk + 4, imported: IMPORT_JOB.chunk + 4, pending: 0, done: true });
    expect(done.rejected).toEqual([{ line: IMPORT_JOB.chunk + 5, userId: 'lease0', reason: 'duplicate' }]);
    // A comes back and commits its old chunk: its lines are gone, so nothing is counted or written twice.
    dead.release();
    await a.idle();
    expect((await b.status('demo', job.id))).toMatchObject({ imported: IMPORT_JOB.chunk + 4, rejected: done.rejected });
    expect(await count('lease%')).toBe(IMPORT_JOB.chunk + 4);
    expect((await audits()).filter((e) => e.detail === `${IMPORT_JOB.chunk + 4} users`)).toEqual([{ detail: `${IMPORT_JOB.chunk + 4} users`, outcome: 'ok, 1 rejected' }]);
  });

  it('an instance stopped in the middle commits its chunk and leases nothing more; another ends the import at once', async () => {
    const slow = gatedHash();
    const a = instance(0, { hash: slow.hash });
    const job = await start(a, csv('stop', IMPORT_JOB.chunk * 3));
    await vi.waitFor(() => expect(slow.given.length).toBeGreaterThan(0));
    const stopped = a.stop();
    slow.release();
    await stopped;
    const after = (await a.status('demo', job.id))!;
    expect(after).toMatchObject({ imported: IMPORT_JOB.chunk, pending: IMPORT_JOB.chunk * 2, done: false });
    expect(await opened.dbs[0].query('SELECT 1 FROM user_import_lines WHERE import_id = $1 AND lease_until > $2', [job.id, clock.now])).toEqual([]);
    const b = instance(1);
    b.kick();
    await b.idle();
    expect((await b.status('demo', job.id))).toMatchObject({ imported: IMPORT_JOB.chunk * 3, done: true });
  });

  it("users that exist are reported and left as they are; another company's import is not found; finished imports go after the retention", async () => {
    const w = instance(0);
    await w.waitFor('demo', (await start(w, 'keep1,元の名前,Initial-Pass-1')).id, 10_000);
    const again = await w.waitFor('demo', (await start(w, 'keep1,別の名前,Initial-Pass-2\nkeep2,新しい,Initial-Pass-3')).id, 10_000);
    expect(again).toMatchObject({ imported: 1, done: true, rejected: [{ line: 1, userId: 'keep1', reason: 'user-exists' }] });
    expect((await opened.dbs[0].query<{ display_name: string }>("SELECT display_name FROM users WHERE user_id = 'keep1'"))[0]!.display_name).toBe('元の名前');
    expect(await w.status('other', again!.id)).toBeNull();
    expect((await w.list('other'))).toEqual([]);
    const listed = await w.list('demo');
    expect(listed[0]!.id).toBe(again!.id);
    expect(listed.map((s) => s.createdAt)).toEqual([...listed.map((s) => s.createdAt)].sort((x, y) => y - x));
    // A file with no good line is an import that ended when it was read.
    const empty = await start(w, 'bad id,名前,Initial-Pass-1');
    expect(empty).toMatchObject({ total: 0, done: true, rejected: [{ line: 1, reason: 'bad-id' }] });
    clock.now += IMPORT_JOB.retentionMs + 1;
    expect(await w.sweep(clock.now)).toBeGreaterThanOrEqual(3);
    expect(await w.status('demo', again!.id)).toBeNull();
    expect(errors).toEqual([]);
  });
});
