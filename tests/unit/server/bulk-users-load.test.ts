// A bulk user import is many scrypt hashes: they must not starve sign-ins (scrypt shares libuv's
// thread pool), a second import waits its turn, a company has a number of imports an hour, and the
// body and line limits answer with their own codes. On the embedded database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, type Db } from '../../../server/db.ts';
import { IMPORT_HASH_CONCURRENCY, USER_IMPORT_WINDOW, type UserImportStatus } from '../../../server/user-imports.ts';
import { postSession } from './test-cards.ts';
import { service } from './service-fixture.ts';
import { T0 } from '../issuer/time-steps.ts';

vi.setConfig({ testTimeout: 180_000 });

describe('bulk user import under load', () => {
  const clock = { now: T0 };
  let db: Db;
  let dir: string;
  let s: Awaited<ReturnType<typeof service>>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-bulk-load-'));
    db = await openPglite(dir);
    // The import's request answers at once (202) with the job, which this test then polls.
    s = await service(db, clock, {}, { importAnswerWaitMs: 0 });
    admin = await signInAdmin();
  }, 180_000);

  async function signInAdmin(): Promise<Record<string, string>> {
    const res = await postSession(s.app, { role: 'admin', user: 'admin', password: 'admin-pw' });
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await res.json()) as { csrf: string }).csrf };
  }

  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const csv = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i},利用者 ${i},Initial-Pass-${i}`).join('\n');
  const importUsers = (body: string) =>
    s.app.request('/api/admin/users/import', { method: 'POST', body, headers: { host: 'bank.test', 'content-type': 'text/csv', ...admin } });

  const poll = async (location: string): Promise<UserImportStatus> => {
    for (;;) {
      const res = await s.app.request(location, { headers: { host: 'bank.test', ...admin } });
      const body = (await res.json()) as UserImportStatus;
      if (body.done) return body;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('sign-ins finish in the first half of an import of 150 users (not queued behind its hashes); a second import meanwhile waits its turn', async () => {
    expect(IMPORT_HASH_CONCURRENCY).toBeLessThan(Math.max(2, os.availableParallelism()));
    const started = performance.now();
    const signedInAt: number[] = [];
    const big = await importUsers(csv('load', 150));
    expect(big.status).toBe(202);
    const location = big.headers.get('location')!;
    expect(location).toMatch(/^\/api\/admin\/users\/imports\/[0-9a-z]{21}$/);
    expect(await big.json()).toMatchObject({ total: 150, imported: 0, done: false });
    await new Promise((r) => setTimeout(r, 50)); // the import's hashes are in flight
    const second = await importUsers(csv('other', 2));
    expect(second.status).toBe(202);
    // Three sign-ins (each a scrypt on the same thread pool) while the import hashes.
    const signIns = await Promise.all(['operator-pw', 'operator-pw', 'wrong-password'].map(async (password) => {
      const r = await postSession(s.app, { role: 'operator', user: 'operator', password });
      signedInAt.push(performance.now() - started);
      return r.status;
    }));
    expect(signIns).toEqual([200, 200, 401]);
    // Progress moves a chunk at a time.
    const midway = (await (await s.app.request(location, { headers: { host: 'bank.test', ...admin } })).json()) as UserImportStatus;
    expect(midway.imported + midway.pending).toBe(150);
    const done = await poll(location);
    const importMs = performance.now() - started;
    expect(done).toMatchObject({ total: 150, imported: 150, pending: 0, rejected: [] });
    // Queued behind the import's hashes (as with all 150 at once) they would end near its end.
    expect(Math.max(...signedInAt)).toBeLessThan(importMs / 2);
    // The second import ran after the first (oldest first), and ended too.
    expect(await poll(second.headers.get('location')!)).toMatchObject({ imported: 2 });
    expect(Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE user_id LIKE 'load%'"))[0]!.n)).toBe(150);
  });

  it(`a company may start ${USER_IMPORT_WINDOW.limit} imports an hour; then 429 rate-limited with Retry-After, nothing hashed or written`, async () => {
    // The first test's two imports counted already.
    const statuses: number[] = [];
    for (let i = 2; i < USER_IMPORT_WINDOW.limit; i++) statuses.push((await importUsers(`rate${i},利用者,Initial-Pass-1`)).status);
    expect(statuses.every((st) => st === 202)).toBe(true);
    const over = await importUsers('rate-over,利用者,Initial-Pass-1');
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual({ error: 'rate-limited' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await db.query("SELECT user_id FROM users WHERE user_id = 'rate-over'")).toEqual([]);
    clock.now += USER_IMPORT_WINDOW.windowMs;
    admin = await signInAdmin(); // the hour outlived the session
    expect((await importUsers('rate-later,利用者,Initial-Pass-1')).status).toBe(202);
  });

  it('a file over 1 MB is refused with 413 file-too-large before it is read', async () => {
    const res = await importUsers(`${csv('huge', 30_000)}\n`);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'file-too-large' });
    expect(await db.query("SELECT user_id FROM users WHERE user_id LIKE 'huge%'")).toEqual([]);
  });
});
