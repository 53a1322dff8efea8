// The embedded database's planner: statistics kept by the server (no autovacuum in PGlite) and
// in-memory page costs, so the verifier's batched UPDATE looks users up instead of scanning all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { analyzeChanged, migrate, openPglite } from '../../../server/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-stats-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('analyzes the tables that changed, and then the accept UPDATE looks users up by index', async () => {
  const db = await openPglite(dir);
  try {
    await migrate(db, 0);
    expect(await analyzeChanged(db)).toContain('public.users'); // never analyzed
    expect(await analyzeChanged(db)).toEqual([]);
    const serials = Array.from({ length: 5000 }, (_, i) => `S${i}`);
    await db.query(`INSERT INTO companies VALUES ('demo', 'Demo', 'per-user', NULL, 'x')`);
    await db.query(`INSERT INTO tokens SELECT s, 'software', '\\x00', 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, 0, NULL FROM unnest($1::text[]) s`, [serials]);
    await db.query(`INSERT INTO users SELECT 'demo', 'u' || s, s, false, 0 FROM unnest($1::text[]) s`, [serials]);
    expect(await analyzeChanged(db)).toEqual(expect.arrayContaining(['public.tokens', 'public.users']));
    const batch = serials.slice(0, 32);
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN UPDATE tokens t SET last_step = v.step
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS v(company_id, user_id, serial, step)
       JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
       WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step RETURNING t.serial`,
      [batch.map(() => 'demo'), batch.map((s) => `u${s}`), batch, batch.map(() => 1)],
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan/);
  } finally {
    await db.close();
  }
}, 60_000);
