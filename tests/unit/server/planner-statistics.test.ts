// The embedded database's planner: statistics kept by the server (no autovacuum in PGlite) and
// in-memory page costs, so the verifier's batched UPDATE looks users up instead of scanning all.
// The statement explained is the one SqlStore sends, caught on its way to the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { analyzeChanged, migrate, openPglite, type Db } from '../../../server/db.ts';
import { SqlStore } from '../../../server/sql-store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-stats-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `db`, recording every statement sent outside a transaction. */
function recording(db: Db): { db: Db; sent: Array<{ sql: string; params: unknown[] }> } {
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  return {
    sent,
    db: { ...db, query: (sql, params = []) => (sent.push({ sql, params }), db.query(sql, params)) } as Db,
  };
}

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

    // 32 verifications at once: the store sends them as one statement.
    const rec = recording(db);
    const store = new SqlStore(rec.db);
    const batch = serials.slice(0, 32);
    const accepted = await Promise.all(batch.map((s) => store.acceptStep({ companyId: 'demo', userId: `u${s}`, serial: s, step: 1, drift: 0, audit: { at: 0, actor: 'api:test', action: 'verify', companyId: 'demo', userId: `u${s}`, serial: s, outcome: 'ok' } })));
    expect(accepted.every(Boolean)).toBe(true);
    const updates = rec.sent.filter((q) => /accept_codes/.test(q.sql));
    expect(updates).toHaveLength(1);
    // The function's own UPDATE (migration 13), explained with the parameters the store sent:
    // as planned for those values, and as the plan PL/pgSQL keeps for the connection (generic).
    const [fn] = await db.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE proname = 'accept_codes_chained'`);
    const statement = /(WITH a AS \([\s\S]*?)\s+INTO accepted, ords([\s\S]*?);/.exec(fn!.body)?.slice(1, 3).join('') ?? '';
    expect(statement).toMatch(/UPDATE tokens/);
    const params = updates[0]!.params.slice(0, 5); // the UPDATE's own: company, user, serial, step, drift
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement}`, params);
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan/);
    const types = ['text', 'text', 'text', 'bigint', 'int'];
    await db.query(`PREPARE accept_generic (${types.map((t) => `${t}[]`).join(', ')}) AS ${statement}`);
    const literal = (a: unknown[], t: string) => `ARRAY[${a.map((x) => (x === null ? 'NULL' : `'${String(x)}'`)).join(', ')}]::${t}[]`;
    await db.query('SET plan_cache_mode = force_generic_plan');
    const generic = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE accept_generic (${params.map((a, i) => literal(a as unknown[], types[i]!)).join(', ')})`);
    await db.query('RESET plan_cache_mode');
    expect(generic.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan/);
  } finally {
    await db.close();
  }
}, 60_000);
