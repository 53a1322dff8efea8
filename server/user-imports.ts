/**
 * The administrator's bulk user import as a stored job. A file of 5,000 users is 5,000 scrypt
 * hashes, minutes on 2 cores: longer than a proxy waits for an answer, and an instance may stop
 * in the middle. So the request stores the lines (each initial password sealed under the master
 * key, never in clear) and answers; every instance then works through them a chunk at a time:
 * it leases a chunk (FOR UPDATE SKIP LOCKED, so two instances never take the same lines), hashes
 * it outside any transaction, and in one transaction inserts the users, deletes the lines and
 * counts them into the job. A chunk whose instance died is leased again when its lease ends.
 * The administrator's screen polls the job for its progress.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Issuer } from '../src/issuer/issuer.ts';
import type { UserImportLine, UserImportReject } from '../src/issuer/bulk-users.ts';
import { importAudit, type ImportedUser } from '../src/issuer/user-import.ts';
import { sealSeed } from '../src/issuer/seal.ts';
import type { Db } from './db.ts';
import { nodeOpenSeed } from './node-seal.ts';
import { appendAudit } from './sql-audit.ts';
import type { RateWindow } from './limits.ts';
import { hashSecret } from './passwords.ts';
import { txOn } from './sql-store.ts';

const poolThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * scrypt runs on libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), where sign-ins hash too:
 * an instance keeps at most this many import hashes in flight, one core and one pool thread left over.
 */
export const IMPORT_HASH_CONCURRENCY = Math.max(1, Math.min(os.availableParallelism() - 1, poolThreads - 1));

/** Imports a company may start in an hour (each up to 5,000 lines). */
export const USER_IMPORT_WINDOW: RateWindow = { limit: 20, windowMs: 60 * 60_000 };

export const IMPORT_JOB = {
  /** Lines leased and committed together: a second or two of hashing, so progress moves often. */
  chunk: 16,
  /** A chunk not committed by then is taken again (its instance is taken for dead). */
  leaseMs: 2 * 60_000,
  /** How long the import's request waits for the job to end before answering 202 with it: IMPORT_ANSWER_SECONDS's default (server/config.ts). */
  answerWaitMs: 5_000,
  /** Finished imports (their reports, no passwords) are kept this long for the administrator. */
  retentionMs: 7 * 24 * 60 * 60_000,
  /** Imports a company's list shows. */
  listed: 10,
} as const;

/** An import's ID: its creation time in base 36, then 12 random hex digits. */
export const IMPORT_ID = /^[0-9a-z]{9}[0-9a-f]{12}$/;

export interface UserImportStatus {
  id: string;
  /** Lines that go in as users (the file's lines less those refused when it was read). */
  total: number;
  imported: number;
  /** Lines not yet taken. */
  pending: number;
  done: boolean;
  rejected: UserImportReject[];
  createdAt: number;
  finishedAt: number | null;
}

interface JobRow {
  id: string;
  total: number;
  imported: number;
  pending: number;
  rejected: UserImportReject[] | string;
  created_at: number;
  finished_at: number | null;
}

interface LeasedLine {
  import_id: string;
  line: number;
  user_id: string;
  display_name: string;
  sealed_password: Uint8Array;
}

const JOB_COLUMNS = `j.id, j.total, j.imported, j.rejected, j.created_at, j.finished_at,
  (SELECT count(*) FROM user_import_lines l WHERE l.import_id = j.id)::int AS pending`;

/** The additional data a line's password is sealed with: it opens for that line of that import only. */
function passwordLabel(importId: string, line: number): string {
  return `user-import ${importId} ${line}`;
}

function statusFrom(r: JobRow): UserImportStatus {
  const rejected = typeof r.rejected === 'string' ? (JSON.parse(r.rejected) as UserImportReject[]) : r.rejected;
  return {
    id: r.id, total: Number(r.total), imported: Number(r.imported), pending: Number(r.pending), done: r.finished_at !== null,
    rejected: [...rejected].sort((a, b) => a.line - b.line), createdAt: Number(r.created_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

export interface UserImportsOptions {
  db: Db;
  issuer: Issuer;
  masterKey: CryptoKey;
  now?: () => number;
  /** Hashes an initial password (scrypt); tests may pass a slower or failing one. */
  hash?: (password: string) => Promise<string>;
  concurrency?: number;
  /** IMPORT_JOB.answerWaitMs unless given (tests). */
  answerWaitMs?: number;
  /** After a commit that wrote an audit row (the store's sealer chains it). */
  audited?: () => void;
  onError?: (error: unknown) => void;
}

export class UserImports {
  readonly #o: Required<Omit<UserImportsOptions, 'onError' | 'audited'>> & Pick<UserImportsOptions, 'onError' | 'audited'>;
  /** This instance's name on its leases. */
  readonly #holder = randomBytes(8).toString('hex');
  #running: Promise<void> | null = null;
  #again = false;
  #stopping = false;

  constructor(o: UserImportsOptions) {
    this.#o = { now: () => Date.now(), hash: hashSecret, concurrency: IMPORT_HASH_CONCURRENCY, answerWaitMs: IMPORT_JOB.answerWaitMs, ...o };
  }

  /** Store an import of `users` (the file's lines refused already in `rejected`) and start on it. */
  async start(companyId: string, actor: string, users: UserImportLine[], rejected: UserImportReject[]): Promise<UserImportStatus> {
    const now = this.#o.now();
    // Its creation time first, so the oldest import's lines are leased first.
    const id = `${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
    const sealed = await Promise.all(users.map((u) => sealSeed(this.#o.masterKey, passwordLabel(id, u.line), new TextEncoder().encode(u.password))));
    const finished = users.length === 0 ? now : null;
    await this.#o.db.transaction(async (q) => {
      await q.query(
        'INSERT INTO user_imports (id, company_id, actor, created_at, total, rejected, finished_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)',
        [id, companyId, actor, now, users.length, JSON.stringify(rejected), finished],
      );
      // In slices: one statement's parameters stay small whatever the file.
      for (let i = 0; i < users.length; i += 1000) {
        const slice = users.slice(i, i + 1000);
        await q.query(
          `INSERT INTO user_import_lines (import_id, line, user_id, display_name, sealed_password)
           SELECT $1, v.line, v.user_id, v.name, decode(v.sealed, 'hex') FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS v(line, user_id, name, sealed)`,
          [id, slice.map((u) => u.line), slice.map((u) => u.userId), slice.map((u) => u.displayName), sealed.slice(i, i + 1000).map((b) => Buffer.from(b).toString('hex'))],
        );
      }
      // A file with no line to import ends here, audited with it.
      if (finished !== null) await appendAudit(q, [importAudit(companyId, 0, rejected.length, now, actor)]);
    });
    if (finished !== null) this.#o.audited?.();
    this.kick();
    return (await this.status(companyId, id))!;
  }

  /** The company's import `id`, or null (another company's or none). */
  async status(companyId: string, id: string): Promise<UserImportStatus | null> {
    const rows = await this.#o.db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM user_imports j WHERE j.company_id = $1 AND j.id = $2`, [companyId, id]);
    const s = rows[0] ? statusFrom(rows[0]) : null;
    // Whoever asks helps: an import left by a stopped instance goes on once its leases end.
    if (s && !s.done) this.kick();
    return s;
  }

  /** The company's latest imports, newest first. */
  async list(companyId: string): Promise<UserImportStatus[]> {
    const rows = await this.#o.db.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM user_imports j WHERE j.company_id = $1 ORDER BY j.seq DESC LIMIT ${IMPORT_JOB.listed}`, [companyId],
    );
    const list = rows.map(statusFrom);
    if (list.some((s) => !s.done)) this.kick();
    return list;
  }

  /** The job when it ends within `ms`, else as it stands then. */
  async waitFor(companyId: string, id: string, ms: number = this.#o.answerWaitMs): Promise<UserImportStatus | null> {
    const until = performance.now() + ms;
    for (;;) {
      const s = await this.status(companyId, id);
      if (!s || s.done || this.#stopping || performance.now() >= until) return s;
      await new Promise((r) => setTimeout(r, Math.min(100, until - performance.now())));
    }
  }

  /** Work through every leasable line, in the background; a second kick while working looks again at the end. */
  kick(): void {
    if (this.#stopping) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#work().finally(() => {
      this.#running = null;
      if (this.#again && !this.#stopping) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Until this instance's work ends (tests; shutdown after stop()). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** At shutdown: no new chunk; the one being hashed is committed (or left to its lease). */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.idle();
  }

  /** Finished imports older than the retention. */
  async sweep(now: number): Promise<number> {
    const rows = await this.#o.db.query('DELETE FROM user_imports WHERE finished_at < $1 RETURNING id', [now - IMPORT_JOB.retentionMs]);
    return rows.length;
  }

  async #work(): Promise<void> {
    try {
      while (!this.#stopping) {
        const leased = await this.#lease();
        if (leased.length === 0) return;
        for (const id of new Set(leased.map((l) => l.import_id))) await this.#commit(id, await this.#hash(leased.filter((l) => l.import_id === id)));
      }
    } catch (error) {
      // The lines stay leased and are taken again when the lease ends.
      this.#o.onError?.(error);
    }
  }

  async #lease(): Promise<LeasedLine[]> {
    const now = this.#o.now();
    return this.#o.db.query<LeasedLine>(
      `WITH pick AS (
         SELECT import_id, line FROM user_import_lines WHERE lease_until <= $3
         ORDER BY import_id, line LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE user_import_lines l SET holder = $1, lease_until = $2 FROM pick
       WHERE l.import_id = pick.import_id AND l.line = pick.line
       RETURNING l.import_id, l.line, l.user_id, l.display_name, l.sealed_password`,
      [this.#holder, now + IMPORT_JOB.leaseMs, now, IMPORT_JOB.chunk],
    );
  }

  /** Open and hash each line's password, IMPORT_HASH_CONCURRENCY at a time. */
  async #hash(lines: LeasedLine[]): Promise<ImportedUser[]> {
    const out: ImportedUser[] = new Array(lines.length);
    let next = 0;
    const worker = async () => {
      while (next < lines.length) {
        const i = next++;
        const l = lines[i]!;
        const bytes = await nodeOpenSeed(this.#o.masterKey, passwordLabel(l.import_id, l.line), new Uint8Array(l.sealed_password));
        const password = new TextDecoder().decode(bytes);
        bytes.fill(0);
        out[i] = { line: l.line, userId: l.user_id, displayName: l.display_name, passwordHash: await this.#o.hash(password) };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.concurrency, lines.length) }, worker));
    return out;
  }

  /** The chunk's users, its lines gone and its counts, in one transaction; the import ends with its last chunk. */
  async #commit(importId: string, lines: ImportedUser[]): Promise<void> {
    const now = this.#o.now();
    const ended = await this.#o.db.transaction(async (q) => {
      // The job's row first: chunks of one import commit one after another, so the last sees the others' deletes.
      const job = (await q.query<{ company_id: string; actor: string }>('SELECT company_id, actor FROM user_imports WHERE id = $1 FOR UPDATE', [importId]))[0];
      if (!job) return null;
      // Only lines still leased to this instance: a lease that ended may have gone to another.
      const mine = new Set((await q.query<{ line: number }>(
        'DELETE FROM user_import_lines WHERE import_id = $1 AND holder = $2 AND line = ANY($3::int[]) RETURNING line',
        [importId, this.#holder, lines.map((l) => l.line)],
      )).map((r) => Number(r.line)));
      const outcome = await this.#o.issuer.importUsersWithin(txOn(q), job.company_id, lines.filter((l) => mine.has(l.line)), now);
      await q.query('UPDATE user_imports SET imported = imported + $2, rejected = rejected || $3::jsonb WHERE id = $1',
        [importId, outcome.created.length, JSON.stringify(outcome.rejected)]);
      const done = (await q.query<{ imported: number; rejected: number }>(
        `UPDATE user_imports SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM user_import_lines WHERE import_id = $1)
         RETURNING imported, jsonb_array_length(rejected) AS rejected`, [importId, now],
      ))[0];
      // The import's one audit entry, committed with its last chunk.
      if (done) await appendAudit(q, [importAudit(job.company_id, Number(done.imported), Number(done.rejected), now, job.actor)]);
      return { companyId: job.company_id, ended: done !== undefined };
    });
    if (!ended) return;
    this.#o.issuer.usersChanged(ended.companyId);
    if (ended.ended) this.#o.audited?.();
  }
}
