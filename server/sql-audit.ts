/**
 * The audit log in SQL: structured rows, written plainly (in the verifier's own statement for an
 * acceptance), then sealed into a hash chain by `sealAudit`: each sealed row carries the hash of
 * the one sealed before it, and `audit_head` the last, so a deleted, inserted or edited row breaks
 * the chain (`checkAuditChain`, `npm run audit:check`). Sealing runs in the database under an
 * advisory lock, so any number of instances seal one chain; a row waits a fraction of a second.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditQuery } from '../src/issuer/types.ts';
import type { Db, Queryable } from './db.ts';
import { SqlWhere } from './sql-where.ts';

type Row = Record<string, unknown>;

export const AUDIT_COLUMNS = ['at', 'actor', 'action', 'company_id', 'user_id', 'serial', 'outcome', 'address', 'detail', 'target'] as const;
/** The SQL type of each of AUDIT_COLUMNS, for unnest over their arrays. */
export const AUDIT_TYPES = ['bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];

export function auditParams(entries: AuditEntry[]): unknown[][] {
  return [
    entries.map((e) => e.at), entries.map((e) => e.actor), entries.map((e) => e.action), entries.map((e) => e.companyId),
    entries.map((e) => e.userId ?? null), entries.map((e) => e.serial ?? null), entries.map((e) => e.outcome),
    entries.map((e) => e.address ?? null), entries.map((e) => e.detail ?? null), entries.map((e) => e.target ?? null),
  ];
}

/** `$first::bigint[], …`: the audit columns' arrays as parameters. */
export function auditArrayParams(first: number): string {
  return AUDIT_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ');
}

/** `unnest($first…)` of the audit columns, for statements that insert entries with other work. */
export function auditUnnest(first: number): string {
  return `unnest(${auditArrayParams(first)}) AS e(${AUDIT_COLUMNS.join(', ')})`;
}

export async function appendAudit(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await q.query(`INSERT INTO audit (${AUDIT_COLUMNS.join(', ')}) SELECT * FROM ${auditUnnest(1)}`, auditParams(entries));
}

function auditFrom(r: Row): AuditEntry {
  return {
    id: Number(r.id), at: Number(r.at), actor: r.actor as string, action: r.action as string,
    companyId: (r.company_id as string | null) ?? null, userId: (r.user_id as string | null) ?? null,
    serial: (r.serial as string | null) ?? null, outcome: r.outcome as string,
    address: (r.address as string | null) ?? null,
    // Entries written before the structured columns kept everything in `target`.
    detail: (r.detail as string | null) ?? (r.target as string | null) ?? null,
    target: (r.target as string | null) ?? null,
  };
}

export async function listAudit(db: Queryable, q: AuditQuery): Promise<AuditEntry[]> {
  const where = new SqlWhere();
  if (q.companyId !== undefined) where.add('company_id = ?', q.companyId);
  if (q.userId !== undefined) where.add('user_id = ?', q.userId);
  if (q.action !== undefined) where.add('action = ?', q.action);
  if (q.outcome !== undefined) where.add('outcome = ?', q.outcome);
  if (q.from !== undefined) where.add('at >= ?', q.from);
  if (q.to !== undefined) where.add('at < ?', q.to);
  if (q.before !== undefined) where.add('id < ?', q.before);
  const limit = where.param(q.limit);
  const rows = await db.query<Row>(`SELECT * FROM audit ${where} ORDER BY id DESC LIMIT ${limit}`, where.params);
  return rows.map(auditFrom);
}

/** The hash of a row given the previous row's: over every field, the id included (so order counts). */
export function rowHash(prev: string, r: Row): string {
  const fields = [Number(r.id), Number(r.at), r.actor, r.action, r.company_id, r.user_id, r.serial, r.outcome, r.address, r.detail ?? r.target ?? null];
  return createHash('sha256').update(prev).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Rows one seal statement takes. The embedded database holds the event loop while a statement runs
 * (~35 µs a row), so a seal there stays a few milliseconds between the verifications' batches;
 * PostgreSQL runs it beside them, and bigger statements cost it less per row.
 */
export const SEAL_BATCH = { pglite: 128, postgres: 1000 } as const;

/**
 * Seal up to `batch` rows written since the last seal, in id order; the number sealed. The hashing
 * runs in the database (seal_audit, migration 10, under an advisory lock across instances); the
 * check below recomputes every hash here, with rowHash, so the two must agree.
 */
export async function sealAudit(db: Db, batch: number = SEAL_BATCH[db.kind]): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT seal_audit($1) AS n', [batch]);
  return Number(r?.n ?? 0);
}

/** Seals soon after writes (one seal for many), or now; one seal at a time per instance. */
export class AuditSealer {
  #db: Db;
  #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(db: Db, delayMs: number) {
    this.#db = db;
    this.#delayMs = delayMs;
  }

  soon(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.now().catch(() => undefined); // the next write schedules another
    }, this.#delayMs);
    this.#timer.unref?.();
  }

  now(): Promise<unknown> {
    this.#running = this.#running.then(async () => {
      // A turn of the event loop between statements: the verifications waiting go first.
      const batch = SEAL_BATCH[this.#db.kind];
      while ((await sealAudit(this.#db, batch)) === batch) await new Promise((resolve) => setImmediate(resolve));
    });
    return this.#running;
  }
}

export interface ChainReport {
  ok: boolean;
  sealed: number;
  unsealed: number;
  /** What is wrong, first break first. */
  problems: string[];
}

/** Walk the chain in seal order: every link, every hash, and the head. */
export async function checkAuditChain(db: Queryable): Promise<ChainReport> {
  const problems: string[] = [];
  let prev = '';
  let expectedSeq = 0;
  let sealed = 0;
  let lastSeq = 0;
  for (;;) {
    const rows = await db.query<Row>('SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT 5000', [lastSeq]);
    if (!rows.length) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      expectedSeq++;
      if (seq !== expectedSeq) {
        problems.push(`entries ${expectedSeq}–${seq - 1} of the chain are missing (deleted)`);
        expectedSeq = seq;
      }
      if (r.prev_hash !== prev) problems.push(`entry ${seq} (id ${r.id}) does not follow the one before it`);
      if (rowHash(r.prev_hash as string, r) !== r.hash) problems.push(`entry ${seq} (id ${r.id}) was changed after it was written`);
      prev = r.hash as string;
      lastSeq = seq;
      sealed++;
    }
  }
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head');
  if (head && (Number(head.seq) !== lastSeq || head.hash !== prev)) problems.push(`the chain ends at entry ${lastSeq}, the head says ${head.seq}: entries at the end were deleted`);
  const [unsealed] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE hash IS NULL');
  return { ok: problems.length === 0, sealed, unsealed: Number(unsealed?.n ?? 0), problems };
}
