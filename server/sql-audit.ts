/**
 * The audit log in SQL: structured rows in hash chains, so a deleted, inserted or edited row breaks
 * a chain (`checkAuditChain`, `npm run audit:check`). Two kinds of chain:
 * - each writer's (AuditWriter): the accepted codes of one instance's store, hashed here and
 *   written already chained in the statement that accepts them (accept_codes_chained, migration
 *   12); `audit_writers` holds each chain's head. The volume of the log, with no second pass and
 *   nothing shared between instances.
 * - the sealed chain: every other row is written plainly, then sealed by `sealAudit` in the
 *   database under an advisory lock (any number of instances seal one chain; a row waits a
 *   fraction of a second), `audit_head` its last. Each writer's start is a row of it, so a writer's
 *   chain deleted with its head is found as well.
 */
import { createHash, randomBytes } from 'node:crypto';
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

/** A link's hash, for both kinds of chain: the previous row's hash, the row's place, every field. */
function linkHash(prev: string, place: unknown[], r: Row): string {
  const fields = [...place, Number(r.at), r.actor, r.action, r.company_id, r.user_id, r.serial, r.outcome, r.address, r.detail ?? r.target ?? null];
  return createHash('sha256').update(prev).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** The hash of a row given the previous row's: over every field, the id included (so order counts). */
export function rowHash(prev: string, r: Row): string {
  return linkHash(prev, [Number(r.id)], r);
}

/**
 * The hash of a row of a writer's chain given the previous row's: over the writer, the row's place
 * in that chain and every field (the id is the database's to give, after the hash is made).
 */
export function writerRowHash(prev: string, r: Row): string {
  return linkHash(prev, [r.writer, Number(r.writer_seq)], r);
}

/** The audit rows `where` holds, in `key` order, read a page at a time. */
async function* auditInOrder(db: Queryable, where: string, key: 'seq' | 'id'): AsyncGenerator<Row> {
  let last = 0;
  for (;;) {
    const rows = await db.query<Row>(`SELECT * FROM audit WHERE ${where} AND ${key} > $1 ORDER BY ${key} LIMIT 5000`, [last]);
    if (!rows.length) return;
    yield* rows;
    last = Number(rows[rows.length - 1]![key]);
  }
}

/** The row that registers a writer's chain in the sealed chain (its `detail` is the writer). */
export const WRITER_START = 'audit-writer';

/** A verification to write in a writer's chain: its audit row's fields. */
export interface ChainedAccept {
  at: number;
  actor: string;
  companyId: string;
  userId: string;
  serial: string;
  address: string | null;
}

/**
 * One chain of audit rows, written by one caller at a time (a group commit's batches): its head
 * kept here, registered in the database on first use. `link` hashes a batch from the head;
 * `advance` moves the head once the batch is committed; `lost` forgets it after a statement whose
 * outcome is unknown, so the next batch reads it back from `audit_writers`.
 */
export class AuditWriter {
  readonly id = `w-${randomBytes(9).toString('base64url')}`;
  #db: Db;
  #onStart: () => void;
  #head: { seq: number; hash: string } | null = null;
  #registered = false;

  /** `onStart`: the registration row was written (plain, for the sealer). */
  constructor(db: Db, onStart: () => void = () => undefined) {
    this.#db = db;
    this.#onStart = onStart;
  }

  async #ready(now: number): Promise<{ seq: number; hash: string }> {
    if (this.#head) return this.#head;
    if (!this.#registered) {
      // Made once; a retry after a lost answer finds it made.
      await this.#db.transaction(async (q) => {
        const made = await q.query('INSERT INTO audit_writers (writer, seq, hash, started_at) VALUES ($1, 0, $2, $3) ON CONFLICT (writer) DO NOTHING RETURNING 1', [this.id, '', now]);
        if (made.length) await appendAudit(q, [{ at: now, actor: 'system', action: WRITER_START, companyId: null, userId: null, serial: null, outcome: 'ok', address: null, detail: this.id }]);
      });
      this.#registered = true;
      this.#onStart();
    }
    const [r] = await this.#db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_writers WHERE writer = $1', [this.id]);
    if (!r) throw new Error(`audit writer ${this.id} has no head`);
    return (this.#head = { seq: Number(r.seq), hash: r.hash });
  }

  /** The batch's rows chained after the head: the head's place, each row's previous hash and its own. */
  async link(batch: ChainedAccept[], now: number): Promise<{ headSeq: number; prevs: string[]; hashes: string[] }> {
    const head = await this.#ready(now);
    const prevs = new Array<string>(batch.length);
    const hashes = new Array<string>(batch.length);
    let prev = head.hash;
    for (let i = 0; i < batch.length; i++) {
      const a = batch[i]!;
      prevs[i] = prev;
      prev = hashes[i] = writerRowHash(prev, {
        writer: this.id, writer_seq: head.seq + i + 1, at: a.at, actor: a.actor, action: 'verify', company_id: a.companyId,
        user_id: a.userId, serial: a.serial, outcome: 'ok', address: a.address, detail: null,
      });
    }
    return { headSeq: head.seq, prevs, hashes };
  }

  advance(rows: number, hash: string): void {
    if (this.#head) this.#head = { seq: this.#head.seq + rows, hash };
  }

  lost(): void {
    this.#head = null;
  }
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
  /** Rows in a chain: sealed, or written chained by a writer. */
  sealed: number;
  unsealed: number;
  /** Writers' chains. */
  writers: number;
  /** What is wrong, first break first. */
  problems: string[];
}

/**
 * Walk every chain: the sealed chain in seal order (every link, every hash, its head), then each
 * writer's in id order (a writer's rows get ids in chain order: one statement at a time, each in
 * order), against its head, and the writers against their registrations in the sealed chain.
 */
export async function checkAuditChain(db: Queryable): Promise<ChainReport> {
  const problems: string[] = [];
  let prev = '';
  let expectedSeq = 0;
  let sealed = 0;
  let lastSeq = 0;
  for await (const r of auditInOrder(db, 'seq IS NOT NULL', 'seq')) {
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
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head');
  if (head && (Number(head.seq) !== lastSeq || head.hash !== prev)) problems.push(`the chain ends at entry ${lastSeq}, the head says ${head.seq}: entries at the end were deleted`);

  // Writers: each one's last row against its head; each registered by a row of the sealed chain
  // (or one still to be sealed) and each registration with its head.
  const heads = new Map((await db.query<{ writer: string; seq: number; hash: string }>('SELECT writer, seq, hash FROM audit_writers')).map((h) => [h.writer, { seq: Number(h.seq), hash: h.hash }]));
  const registered = new Set((await db.query<{ detail: string }>('SELECT detail FROM audit WHERE action = $1 AND writer_seq IS NULL', [WRITER_START])).map((r) => r.detail));
  const walked = new Map<string, { seq: number; hash: string }>();
  for await (const r of auditInOrder(db, 'writer_seq IS NOT NULL', 'id')) {
    const writer = String(r.writer);
    const seq = Number(r.writer_seq);
    const at = walked.get(writer) ?? { seq: 0, hash: '' };
    const name = `entry ${seq} of writer ${writer} (id ${r.id})`;
    if (seq > at.seq + 1) problems.push(`entries ${at.seq + 1}–${seq - 1} of writer ${writer} are missing (deleted)`);
    else if (seq <= at.seq) problems.push(`${name} is out of place (copied or moved)`);
    if (r.prev_hash !== at.hash) problems.push(`${name} does not follow the one before it`);
    if (writerRowHash(r.prev_hash as string, r) !== r.hash) problems.push(`${name} was changed after it was written`);
    walked.set(writer, { seq, hash: r.hash as string });
    sealed++;
  }
  for (const [writer, h] of heads) {
    const at = walked.get(writer) ?? { seq: 0, hash: '' };
    if (at.seq !== h.seq || at.hash !== h.hash) problems.push(`writer ${writer}'s chain ends at entry ${at.seq}, its head says ${h.seq}: entries at the end were deleted`);
    if (!registered.has(writer)) problems.push(`writer ${writer} has no registration in the sealed chain`);
  }
  for (const writer of walked.keys()) if (!heads.has(writer)) problems.push(`writer ${writer}'s head was deleted`);
  for (const writer of registered) if (!heads.has(writer) && !walked.has(writer)) problems.push(`writer ${writer}'s chain and head were deleted`);
  const [unsealed] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE hash IS NULL');
  return { ok: problems.length === 0, sealed, unsealed: Number(unsealed?.n ?? 0), writers: heads.size, problems };
}
