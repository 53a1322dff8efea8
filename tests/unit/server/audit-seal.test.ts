// The sealed chain is sealed in the database (seal_audit) and checked here (rowHash, node:crypto): two
// implementations of one text and hash, which must agree on every kind of field, awkward ones too.
// The writers' chains are hashed in Node as their rows are written, and checked the same way.
import { expect, it } from 'vitest';
import { migrate, type Db } from '../../../server/db.ts';
import { appendAudit, checkAuditChain, rowHash, SEAL_BATCH, sealAudit, writerRowHash } from '../../../server/sql-audit.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import type { AuditEntry } from '../../../src/issuer/types.ts';
import { backends, describeOnEach, withDatabase } from './backends.ts';

const AWKWARD = [
  'plain', '引用符 "quoted" と \\ バックスラッシュ', 'line\nbreak\r\ttab', 'control \u0001\u0008\u000c\u001f and DEL \u007f',
  'separators \u2028\u2029 and / slash', '絵文字 😀 ｶﾅ', '', 'json-looking ["a",1,null]', 'trailing space ',
];

function entries(): AuditEntry[] {
  return AWKWARD.flatMap((text, i) => [
    { at: 1_764_650_000_000 + i, actor: `api:${text}`, action: 'verify', companyId: 'demo', userId: text, serial: `S${i}`, outcome: 'ok', address: '2001:db8::1', detail: text },
    // Older rows kept everything in `target`: the hash takes it where `detail` is empty.
    { at: i, actor: 'operator', action: text, companyId: null, userId: null, serial: null, outcome: text, address: null, target: `target ${text}` },
  ]);
}

describeOnEach(backends('audit_seal'), 'the audit chain sealed in the database', (open) => {
  it('hashes exactly as the check does, in bounded statements, and a changed row is still found', async () => {
    await withDatabase(open, async (db) => {
      await migrate(db, 0);
      const written = entries();
      for (let i = 0; i < 16; i++) await appendAudit(db, written); // more than one seal statement's worth
      const total = written.length * 16;
      const batch = SEAL_BATCH.pglite;
      expect(total).toBeGreaterThan(batch);
      expect(await sealAudit(db, batch)).toBe(batch);
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, sealed: batch, unsealed: total - batch });
      let sealed = batch;
      for (let n; (n = await sealAudit(db)) > 0;) sealed += n;
      expect(sealed).toBe(total);
      expect(await checkAuditChain(db)).toEqual({ ok: true, sealed: total, unsealed: 0, writers: 0, problems: [] });

      // Each stored hash is node:crypto's over the row as read back, chained in seal order.
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM audit ORDER BY seq');
      let prev = '';
      for (const r of rows) {
        expect(r.prev_hash).toBe(prev);
        expect(r.hash).toBe(rowHash(prev, r));
        prev = r.hash as string;
      }
      expect(rows.map((r) => r.detail ?? r.target)).toEqual(expect.arrayContaining(AWKWARD));

      const [victim] = await db.query<{ id: number }>(`SELECT id FROM audit WHERE detail = $1`, [AWKWARD[2]]);
      await db.query(`UPDATE audit SET detail = 'line break tab' WHERE id = $1`, [victim!.id]);
      expect((await checkAuditChain(db)).problems.join('\n')).toMatch(/was changed/);
    });
  }, 60_000);
});

/** A company, `n` users with active tokens, and a store over `db`. */
async function seeded(db: Db, n: number): Promise<string[]> {
  const serials = Array.from({ length: n }, (_, i) => `W${i}`);
  await db.query(`INSERT INTO companies VALUES ('demo', 'Demo', 'per-user', NULL, 'x')`);
  await db.query(`INSERT INTO tokens SELECT s, 'software', '\\x00', 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, 0, NULL FROM unnest($1::text[]) s`, [serials]);
  await db.query(`INSERT INTO users SELECT 'demo', 'u' || s, s, false, 0 FROM unnest($1::text[]) s`, [serials]);
  return serials;
}

/** A migrated database with `n` users seeded, and two stores on it: two writers of chained codes. */
async function twoWriters(db: Db, n: number): Promise<{ serials: string[]; a: SqlStore; b: SqlStore }> {
  await migrate(db, 0);
  return { serials: await seeded(db, n), a: new SqlStore(db), b: new SqlStore(db) };
}

function accept(store: SqlStore, serial: string, step: number, at = 1_764_650_000_000 + step): Promise<boolean> {
  return store.acceptStep({ companyId: 'demo', userId: `u${serial}`, serial, step, drift: 0, audit: { at, actor: 'api:test', action: 'verify', companyId: 'demo', userId: `u${serial}`, serial, outcome: 'ok', address: step % 2 ? '2001:db8::1' : null } });
}

const problems = async (db: Db) => (await checkAuditChain(db)).problems.join('\n');

describeOnEach(backends('audit_writer'), 'accepted codes chained per writer as they are written', (open) => {
  it('hashes in Node what the check recomputes, one chain per store; a refused batch falls back to the seal; a stale head fails and is read back', async () => {
    await withDatabase(open, async (db) => {
      const { serials, a, b } = await twoWriters(db, 40);
      // Batches of several at once on two writers.
      expect((await Promise.all(serials.slice(0, 20).map((s) => accept(a, s, 1)))).every(Boolean)).toBe(true);
      expect((await Promise.all(serials.slice(20).map((s) => accept(b, s, 1)))).every(Boolean)).toBe(true);
      expect((await Promise.all(serials.slice(0, 20).map((s) => accept(a, s, 2)))).every(Boolean)).toBe(true);
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM audit WHERE writer_seq IS NOT NULL ORDER BY id');
      expect(rows).toHaveLength(60);
      for (const r of rows) expect(r.hash).toBe(writerRowHash(r.prev_hash as string, r));
      expect(new Set(rows.map((r) => r.writer))).toEqual(new Set([a.acceptWriter.id, b.acceptWriter.id]));
      // Nothing left for the seal but the two writers' registrations.
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, sealed: 60, unsealed: 2, writers: 2 });
      await a.sealAudit();
      expect(await checkAuditChain(db)).toEqual({ ok: true, sealed: 62, unsealed: 0, writers: 2, problems: [] });

      // A rival took W0's step 3 first: the rest of the batch is accepted, written plain, sealed after.
      expect(await accept(b, 'W0', 3)).toBe(true);
      const raced = await Promise.all(serials.slice(0, 5).map((s) => accept(a, s, 3)));
      expect(raced).toEqual([false, true, true, true, true]);
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, unsealed: 4 });
      await a.sealAudit();
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
      const [writerAfterRace] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE writer = $1', [a.acceptWriter.id]);
      expect(writerAfterRace!.n).toBe(40); // its chain did not move for the refused batch
      expect(await accept(a, 'W6', 3)).toBe(true); // and goes on from where it was

      // An answer lost: the database took a batch the store does not know of; its next batch fails
      // (nothing of it written), the head is read back, and the one after is chained on.
      const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_writers WHERE writer = $1', [a.acceptWriter.id]);
      const at = 1_764_650_100_000;
      const lostHash = writerRowHash(head!.hash, { writer: a.acceptWriter.id, writer_seq: Number(head!.seq) + 1, at, actor: 'api:test', action: 'verify', company_id: 'demo', user_id: 'uW7', serial: 'W7', outcome: 'ok', address: null, detail: null });
      await db.query(`SELECT * FROM accept_codes_chained($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [['demo'], ['uW7'], ['W7'], [4], [0], [at], ['api:test'], [null], a.acceptWriter.id, head!.seq, [head!.hash], [lostHash]]);
      await expect(accept(a, 'W8', 4)).rejects.toThrow(/is not at entry/);
      const [w8] = await db.query<{ last_step: number }>(`SELECT last_step FROM tokens WHERE serial = 'W8'`);
      expect(Number(w8!.last_step)).toBe(2);
      expect(await accept(a, 'W8', 4)).toBe(true);
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
    });
  }, 60_000);

  it('finds an edited, a deleted, a last and a whole writer\'s rows deleted', async () => {
    await withDatabase(open, async (db) => {
      const { serials, a, b } = await twoWriters(db, 30);
      for (const step of [1, 2]) await Promise.all(serials.slice(0, 20).map((s) => accept(a, s, step)));
      await Promise.all(serials.slice(20).map((s) => accept(b, s, 1)));
      await a.sealAudit();
      expect(await checkAuditChain(db)).toMatchObject({ ok: true, writers: 2 });
      const ids = async (writer: string) => (await db.query<{ id: number }>('SELECT id FROM audit WHERE writer = $1 ORDER BY writer_seq', [writer])).map((r) => Number(r.id));
      const mine = await ids(a.acceptWriter.id);

      await db.query(`UPDATE audit SET address = '203.0.113.9' WHERE id = $1`, [mine[10]]);
      expect(await problems(db)).toMatch(new RegExp(`entry 11 of writer ${a.acceptWriter.id} .* was changed`));
      await db.query('DELETE FROM audit WHERE id = $1', [mine[10]]);
      expect(await problems(db)).toMatch(new RegExp(`entries 11–11 of writer ${a.acceptWriter.id} are missing \\(deleted\\)`));
      await db.query('DELETE FROM audit WHERE id = $1', [mine.at(-1)]);
      expect(await problems(db)).toMatch(/chain ends at entry 39, its head says 40: entries at the end were deleted/);

      // Writer b: every row and its head gone; its registration in the sealed chain remains.
      await db.query('DELETE FROM audit WHERE writer = $1', [b.acceptWriter.id]);
      await db.query('DELETE FROM audit_writers WHERE writer = $1', [b.acceptWriter.id]);
      expect(await problems(db)).toMatch(new RegExp(`writer ${b.acceptWriter.id}'s chain and head were deleted`));
    });
  }, 60_000);
});
