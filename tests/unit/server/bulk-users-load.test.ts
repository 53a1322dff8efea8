// A bulk user import is many scrypt hashes: they must not starve sign-ins (scrypt shares libuv's
// thread pool), one import runs at a time, a company has a number of imports an hour, and the
// body and line limits answer with their own codes. On the embedded database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, type Db } from '../../../server/db.ts';
import { IMPORT_HASH_CONCURRENCY, USER_IMPORT_WINDOW } from '../../../server/bulk-passwords.ts';
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
    s = await service(db, clock);
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

  it('sign-ins finish in the first half of an import of 150 users (not queued behind its hashes); a second import meanwhile is told to wait', async () => {
    expect(IMPORT_HASH_CONCURRENCY).toBeLessThan(Math.max(2, os.availableParallelism()));
    const started = performance.now();
    const signedInAt: number[] = [];
    const big = importUsers(csv('load', 150));
    await new Promise((r) => setTimeout(r, 50)); // the import's hashes are in flight
    const second = await importUsers(csv('other', 2));
    expect(second.status).toBe(429);
    expect(await second.json()).toEqual({ error: 'import-busy' });
    expect(second.headers.get('retry-after')).toMatch(/^[0-9]+$/);
    // Three sign-ins (each a scrypt on the same thread pool) while the import hashes.
    const signIns = await Promise.all(['operator-pw', 'operator-pw', 'wrong-password'].map(async (password) => {
      const r = await postSession(s.app, { role: 'operator', user: 'operator', password });
      signedInAt.push(performance.now() - started);
      return r.status;
    }));
    expect(signIns).toEqual([200, 200, 401]);
    const res = await big;
    expect(res.status).toBe(200);
    const importMs = performance.now() - started;
    expect(((await res.json()) as { imported: number }).imported).toBe(150);
    // Queued behind the import's hashes (as with all 150 at once) they would end near its end.
    expect(Math.max(...signedInAt)).toBeLessThan(importMs / 2);
    // Nothing of the refused second import was written.
    expect(await db.query("SELECT user_id FROM users WHERE user_id LIKE 'other%'")).toEqual([]);
  });

  it(`a company may start ${USER_IMPORT_WINDOW.limit} imports an hour; then 429 rate-limited with Retry-After, nothing hashed or written`, async () => {
    // The first test's two imports counted already.
    const statuses: number[] = [];
    for (let i = 2; i < USER_IMPORT_WINDOW.limit; i++) statuses.push((await importUsers(`rate${i},利用者,Initial-Pass-1`)).status);
    expect(statuses.every((st) => st === 200)).toBe(true);
    const over = await importUsers('rate-over,利用者,Initial-Pass-1');
    expect(over.status).toBe(429);
    expect(await over.json()).toEqual({ error: 'rate-limited' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await db.query("SELECT user_id FROM users WHERE user_id = 'rate-over'")).toEqual([]);
    clock.now += USER_IMPORT_WINDOW.windowMs;
    admin = await signInAdmin(); // the hour outlived the session
    expect((await importUsers('rate-later,利用者,Initial-Pass-1')).status).toBe(200);
  });

  it('a file over 1 MB is refused with 413 file-too-large before it is read', async () => {
    const res = await importUsers(`${csv('huge', 30_000)}\n`);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'file-too-large' });
    expect(await db.query("SELECT user_id FROM users WHERE user_id LIKE 'huge%'")).toEqual([]);
  });
});
