// The chain is sealed in the database (seal_audit) and checked here (rowHash, node:crypto): two
// implementations of one text and hash, which must agree on every kind of field, awkward ones too.
import { expect, it } from 'vitest';
import { migrate } from '../../../server/db.ts';
import { appendAudit, checkAuditChain, rowHash, SEAL_BATCH, sealAudit } from '../../../server/sql-audit.ts';
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
      expect(await checkAuditChain(db)).toEqual({ ok: true, sealed: total, unsealed: 0, problems: [] });

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
