/**
 * IssuerStore in SQL (the same statements on PGlite and PostgreSQL). Verification's write is
 * group-committed: the acceptSteps that arrive while one statement runs go out together in the
 * next, one conditional UPDATE for the whole batch, which is what reaches thousands per second
 * on an embedded single-connection database.
 */
import type {
  AcceptStep, AuditEntry, AuditQuery, Binding, RecordFailure, CompanyRecord, IssuerStore, IssuerTx, TokenRecord, TokenStatus, UserRecord, UserSearchRow,
} from '../src/issuer/types.ts';
import type { Db, Queryable } from './db.ts';
import { GroupCommit } from './group-commit.ts';
import { pageUsers } from './user-pages.ts';
import { appendAudit, AUDIT_COLUMNS, AuditSealer, AuditWriter, listAudit, type ChainedAccept } from './sql-audit.ts';

type Row = Record<string, unknown>;

export const TOKEN_COLUMNS = `t.serial AS t_serial, t.kind AS t_kind, t.type AS t_type, t.valid_until AS t_valid_until, t.sealed_seed AS t_sealed_seed, t.algorithm AS t_algorithm,
  t.digits AS t_digits, t.period AS t_period, t.status AS t_status, t.company_id AS t_company_id,
  t.reserved_for AS t_reserved_for, t.last_step AS t_last_step, t.drift AS t_drift, t.failures AS t_failures,
  t.created_at AS t_created_at, t.expires_at AS t_expires_at`;
export const USER_COLUMNS = `u.company_id AS u_company_id, u.user_id AS u_user_id, u.serial AS u_serial, u.stopped AS u_stopped,
  u.display_name AS u_display_name,
  u.created_at AS u_created_at`;

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function tokenFrom(r: Row): TokenRecord | null {
  if (r.t_serial === null || r.t_serial === undefined) return null;
  return {
    serial: r.t_serial as string,
    kind: r.t_kind as TokenRecord['kind'],
    type: r.t_type as TokenRecord['type'],
    sealedSeed: new Uint8Array(r.t_sealed_seed as Uint8Array),
    algorithm: r.t_algorithm as TokenRecord['algorithm'],
    digits: num(r.t_digits),
    period: num(r.t_period),
    status: r.t_status as TokenStatus,
    companyId: (r.t_company_id as string | null) ?? null,
    reservedFor: (r.t_reserved_for as string | null) ?? null,
    lastStep: num(r.t_last_step),
    drift: num(r.t_drift),
    failures: num(r.t_failures),
    createdAt: num(r.t_created_at),
    expiresAt: numOrNull(r.t_expires_at),
    validUntil: numOrNull(r.t_valid_until),
  };
}

export function userFrom(r: Row): UserRecord {
  return {
    companyId: r.u_company_id as string,
    userId: r.u_user_id as string,
    serial: (r.u_serial as string | null) ?? null,
    stopped: Boolean(r.u_stopped),
    displayName: (r.u_display_name as string | null | undefined) ?? null,
    createdAt: num(r.u_created_at),
  };
}

function companyFrom(r: Row): CompanyRecord {
  return {
    companyId: r.company_id as string,
    name: r.name as string,
    usageMode: r.usage_mode as CompanyRecord['usageMode'],
    sharedSerial: (r.shared_serial as string | null) ?? null,
    pinHash: r.pin_hash as string,
    pinFailures: Number(r.pin_failures ?? 0),
  };
}


const TOKEN_FIELDS = `serial, kind, sealed_seed, algorithm, digits, period, status, company_id,
  reserved_for, last_step, drift, failures, created_at, expires_at, type, valid_until`;
const TOKEN_INSERT = `INSERT INTO tokens (${TOKEN_FIELDS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;
/** Column types for the bulk insert's unnest, in TOKEN_FIELDS order. */
const TOKEN_ARRAY_TYPES = ['text', 'text', 'bytea', 'text', 'int', 'int', 'text', 'text', 'text', 'bigint', 'int', 'int', 'bigint', 'bigint', 'text', 'bigint'];

function tokenParams(t: TokenRecord): unknown[] {
  return [t.serial, t.kind, t.sealedSeed, t.algorithm, t.digits, t.period, t.status, t.companyId, t.reservedFor,
    t.lastStep, t.drift, t.failures, t.createdAt, t.expiresAt, t.type, t.validUntil];
}

/** The issuer's transaction on `q`: a caller's own statements can share it (server/user-imports.ts). */
export function txOn(q: Queryable): IssuerTx {
  return {
    async getCompany(companyId) {
      const rows = await q.query<Row>('SELECT * FROM companies WHERE company_id = $1 FOR UPDATE', [companyId]);
      return rows[0] ? companyFrom(rows[0]) : null;
    },
    async putCompany(c) {
      await q.query(
        `INSERT INTO companies (company_id, name, usage_mode, shared_serial, pin_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (company_id) DO UPDATE SET name = $2, usage_mode = $3, shared_serial = $4, pin_hash = $5`,
        [c.companyId, c.name, c.usageMode, c.sharedSerial, c.pinHash],
      );
    },
    async getUser(companyId, userId) {
      const rows = await q.query<Row>(`SELECT ${USER_COLUMNS} FROM users u WHERE company_id = $1 AND user_id = $2 FOR UPDATE`, [companyId, userId]);
      return rows[0] ? userFrom(rows[0]) : null;
    },
    pageUsers: (query, now) => pageUsers(q, query, now),
    async listUsers(companyId) {
      return (await q.query<Row>(`SELECT ${USER_COLUMNS} FROM users u WHERE company_id = $1 ORDER BY user_id`, [companyId])).map(userFrom);
    },
    async putUser(u) {
      await q.query(
        `INSERT INTO users (company_id, user_id, serial, stopped, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (company_id, user_id) DO UPDATE SET serial = $3, stopped = $4`,
        [u.companyId, u.userId, u.serial, u.stopped, u.createdAt],
      );
    },
    async insertUsers(users) {
      const rows = await q.query<Row>(
        `INSERT INTO users (company_id, user_id, serial, stopped, created_at, display_name, password_hash)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::text[], $7::text[])
         ON CONFLICT (company_id, user_id) DO NOTHING RETURNING user_id`,
        [users.map((u) => u.companyId), users.map((u) => u.userId), users.map((u) => u.serial), users.map((u) => u.stopped),
          users.map((u) => u.createdAt), users.map((u) => u.displayName ?? null), users.map((u) => u.passwordHash ?? null)],
      );
      return new Set(rows.map((r) => r.user_id as string));
    },
    async getToken(serial) {
      const rows = await q.query<Row>(`SELECT ${TOKEN_COLUMNS} FROM tokens t WHERE serial = $1 FOR UPDATE`, [serial]);
      return rows[0] ? tokenFrom(rows[0]) : null;
    },
    async insertToken(t) {
      const rows = await q.query(`${TOKEN_INSERT} ON CONFLICT (serial) DO NOTHING RETURNING serial`, tokenParams(t));
      return rows.length === 1;
    },
    async insertTokens(tokens) {
      // One statement per thousand rows: a vendor file of 10,000 tokens is ten round trips.
      const inserted = new Set<string>();
      for (let i = 0; i < tokens.length; i += 1000) {
        const chunk = tokens.slice(i, i + 1000).map(tokenParams);
        const columns = TOKEN_ARRAY_TYPES.map((_, c) => chunk.map((row) => row[c]));
        const rows = await q.query<Row>(
          `INSERT INTO tokens (${TOKEN_FIELDS}) SELECT * FROM unnest(${TOKEN_ARRAY_TYPES.map((type, c) => `$${c + 1}::${type}[]`).join(', ')})
           ON CONFLICT (serial) DO NOTHING RETURNING serial`,
          columns,
        );
        for (const r of rows) inserted.add(r.serial as string);
      }
      return inserted;
    },
    async putToken(t) {
      await q.query(
        `UPDATE tokens SET status = $2, company_id = $3, reserved_for = $4, last_step = $5, drift = $6, failures = $7,
         expires_at = $8 WHERE serial = $1`,
        [t.serial, t.status, t.companyId, t.reservedFor, t.lastStep, t.drift, t.failures, t.expiresAt],
      );
    },
    async listCompanyTokens(companyId) {
      const rows = await q.query<Row>(`SELECT ${TOKEN_COLUMNS} FROM tokens t WHERE company_id = $1 AND status <> 'retired'`, [companyId]);
      return rows.map((r) => tokenFrom(r)!);
    },
    async purgeExpired(before) {
      const rows = await q.query<Row>(
        `DELETE FROM tokens t WHERE t.status = 'retired' AND t.expires_at IS NOT NULL AND t.expires_at < $1
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.serial = t.serial)
           AND NOT EXISTS (SELECT 1 FROM companies c WHERE c.shared_serial = t.serial)
         RETURNING t.serial`,
        [before],
      );
      return rows.map((r) => r.serial as string).sort();
    },
    async expireUnassigned(now, to) {
      const rows = await q.query<Row>(
        `UPDATE tokens SET status = $2 WHERE status = 'unassigned' AND expires_at <= $1 RETURNING serial`,
        [now, to],
      );
      return rows.map((r) => r.serial as string).sort();
    },
  };
}

export class SqlStore implements IssuerStore {
  readonly db: Db;
  /** One entry per serial per statement, so the database decides between rivals, in order. */
  readonly #accepts = new GroupCommit<AcceptStep>({ key: (a) => a.serial, commit: (batch) => this.#acceptBatch(batch) });
  readonly sealDelayMs: number;

  /** A plain field (not #private), so a test's wrapper over this store shares it. */
  readonly sealer: AuditSealer;
  /** The accepted codes' chain: written by #acceptBatch only, one batch at a time (the group commit). */
  readonly acceptWriter: AuditWriter;

  constructor(db: Db, o: { sealDelayMs?: number } = {}) {
    this.db = db;
    this.sealDelayMs = o.sealDelayMs ?? 200;
    this.sealer = new AuditSealer(db, this.sealDelayMs);
    this.acceptWriter = new AuditWriter(db, () => this.sealer.soon());
  }

  /** Seal every written audit row into the chain now (also at shutdown). */
  sealAudit(): Promise<unknown> {
    return this.sealer.now();
  }

  transaction<T>(fn: (tx: IssuerTx) => Promise<T>): Promise<T> {
    return this.db.transaction((q) => fn(txOn(q)));
  }

  async #bindings(where: string, params: unknown[]): Promise<Binding[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${USER_COLUMNS}, ${TOKEN_COLUMNS} FROM users u LEFT JOIN tokens t ON t.serial = u.serial WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({ user: userFrom(r), token: tokenFrom(r) }));
  }

  async loadBinding(companyId: string, userId: string): Promise<Binding | null> {
    return (await this.#bindings('u.company_id = $1 AND u.user_id = $2', [companyId, userId]))[0] ?? null;
  }

  loadAllBindings(): Promise<Binding[]> {
    return this.#bindings('u.serial IS NOT NULL', []);
  }

  acceptStep(a: AcceptStep): Promise<boolean> {
    return this.#accepts.submit(a);
  }

  /**
   * accept_codes_chained (migration 13): the acceptances and their audit rows in one statement,
   * committed together or not at all, the rows hashed here into this store's chain. The rows'
   * company, user and serial are the accepted ones'; what else varies per row (time, actor,
   * address) goes in its own array. When the database refuses some of the batch, the accepted
   * ones' rows are written plain and sealed after (the chain was hashed for all).
   */
  async #acceptBatch(batch: AcceptStep[]): Promise<Set<string>> {
    const n = batch.length;
    const companies = new Array<string>(n), users = new Array<string>(n), serials = new Array<string>(n), steps = new Array<number>(n),
      drifts = new Array<number>(n), ats = new Array<number>(n), actors = new Array<string>(n), addresses = new Array<string | null>(n);
    const rows: ChainedAccept[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const p = batch[i]!;
      companies[i] = p.companyId; users[i] = p.userId; serials[i] = p.serial; steps[i] = p.step; drifts[i] = p.drift;
      ats[i] = p.audit.at; actors[i] = p.audit.actor; addresses[i] = p.audit.address ?? null;
      rows[i] = { at: ats[i]!, actor: actors[i]!, companyId: companies[i]!, userId: users[i]!, serial: serials[i]!, address: addresses[i]! };
    }
    const writer = this.acceptWriter;
    const chain = await writer.link(rows, ats[0]!);
    let accepted: Row[];
    try {
      accepted = await this.db.query<Row>(
        'SELECT s AS serial FROM accept_codes_chained($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::text, $10::bigint, $11::text[], $12::text[]) AS s',
        [companies, users, serials, steps, drifts, ats, actors, addresses, writer.id, chain.headSeq, chain.prevs, chain.hashes],
      );
    } catch (error) {
      writer.lost(); // committed or not, the database knows: read its head back before the next batch
      throw error;
    }
    if (accepted.length === n) writer.advance(n, chain.hashes[n - 1]!);
    else if (accepted.length) this.sealer.soon();
    const out = new Set<string>();
    for (const r of accepted) out.add(r.serial as string);
    return out;
  }

  async recordFailure(a: RecordFailure) {
    const e = a.audit;
    const rows = await this.db.query<Row>(
      `WITH counted AS (
         UPDATE tokens t SET failures = t.failures + 1,
           status = CASE WHEN t.failures + 1 >= $4::int THEN $5::text ELSE t.status END
         WHERE t.serial = $3::text AND t.status = 'active'
           AND EXISTS (SELECT 1 FROM users u WHERE u.company_id = $1::text AND u.user_id = $2::text AND u.serial = $3::text AND NOT u.stopped)
         RETURNING t.failures, t.status
       ), logged AS (
         INSERT INTO audit (${AUDIT_COLUMNS.join(', ')})
         SELECT $6::bigint, $7::text, $8::text, $1::text, $2::text, $3::text, CASE WHEN c.status = $5::text THEN 'locked' ELSE 'refused' END, $9::text, $10::text, NULL
         FROM counted c RETURNING 1
       )
       SELECT failures, status FROM counted`,
      [a.companyId, a.userId, a.serial, a.maxFailures, a.lockedStatus, e.at, e.actor, e.action, e.address ?? null, e.detail ?? null],
    );
    this.sealer.soon();
    const r = rows[0];
    return r ? { failures: num(r.failures), status: r.status as TokenStatus } : null;
  }

  async pinAttempt(companyId: string, maxFailures: number): Promise<{ pinHash: string; failures: number } | 'locked' | null> {
    const rows = await this.db.query<Row>(
      `UPDATE companies SET pin_failures = pin_failures + 1 WHERE company_id = $1 AND pin_failures < $2 RETURNING pin_hash, pin_failures`,
      [companyId, maxFailures],
    );
    if (rows[0]) return { pinHash: rows[0].pin_hash as string, failures: Number(rows[0].pin_failures) };
    const exists = await this.db.query('SELECT 1 FROM companies WHERE company_id = $1', [companyId]);
    return exists.length ? 'locked' : null;
  }

  async pinReset(companyId: string): Promise<void> {
    await this.db.query('UPDATE companies SET pin_failures = 0 WHERE company_id = $1 AND pin_failures <> 0', [companyId]);
  }

  async listCompanies(): Promise<CompanyRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM companies ORDER BY company_id')).map(companyFrom);
  }

  async appendAudit(entries: AuditEntry[]): Promise<void> {
    await appendAudit(this.db, entries);
    this.sealer.soon();
  }

  listAudit(q: AuditQuery): Promise<AuditEntry[]> {
    return listAudit(this.db, q);
  }

  async searchUsers(q: string, limit: number, now: number): Promise<UserSearchRow[]> {
    return (await pageUsers(this.db, { q, offset: 0, limit }, now)).rows;
  }
}
