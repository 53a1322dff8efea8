/**
 * TransactionStore in SQL: signing keys and transfer challenges (the same statements on PGlite and
 * PostgreSQL). A signature's acceptance is group-committed like the code verifier's: the accepts
 * that arrive while one statement runs go out together in the next, one call of accept_signatures
 * (a conditional UPDATE with its audit rows) for the whole batch.
 */
import type { ChallengeQuery, ChallengeRecord, SigningKeyRecord, TransactionStore } from '../src/issuer/transactions.ts';
import type { AuditEntry } from '../src/issuer/types.ts';
import type { Queryable } from './db.ts';
import { GroupCommit } from './group-commit.ts';
import { SqlWhere } from './sql-where.ts';

type Row = Record<string, unknown>;

const CHALLENGE_ID = /^[0-9a-f-]{36}$/;

interface AcceptChallenge {
  id: string;
  now: number;
  audit: AuditEntry;
}

function challengeFrom(r: Row): ChallengeRecord {
  return {
    id: r.id as string, companyId: r.company_id as string, userId: r.user_id as string, serial: r.serial as string,
    bank: r.bank as string, branch: r.branch as string, account: r.account as string, name: r.payee as string,
    amount: Number(r.amount), nonce: r.nonce as string, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at),
    state: r.state as ChallengeRecord['state'], usedAt: r.used_at === null || r.used_at === undefined ? null : Number(r.used_at),
  };
}

export class SqlTransactionStore implements TransactionStore {
  #db: Queryable;
  /** Called after audit rows were written (the issuer store's sealer chains them). */
  #audited: () => void;
  /** One entry per challenge per statement, so the database decides between rivals. */
  readonly #accepts = new GroupCommit<AcceptChallenge>({ key: (a) => a.id, commit: (batch) => this.#acceptBatch(batch) });

  constructor(db: Queryable, o: { audited?: () => void } = {}) {
    this.#db = db;
    this.#audited = o.audited ?? (() => undefined);
  }

  async putSigningKey(k: SigningKeyRecord): Promise<void> {
    await this.#db.query('INSERT INTO signing_keys (serial, suite, sealed_seed) VALUES ($1, $2, $3)', [k.serial, k.suite, k.sealedSeed]);
  }

  async getSigningKey(serial: string): Promise<SigningKeyRecord | null> {
    const [r] = await this.#db.query<Row>('SELECT serial, suite, sealed_seed FROM signing_keys WHERE serial = $1', [serial]);
    return r ? { serial: r.serial as string, suite: r.suite as string, sealedSeed: new Uint8Array(r.sealed_seed as Uint8Array) } : null;
  }

  async insertChallenge(c: ChallengeRecord): Promise<void> {
    await this.#db.query(
      `INSERT INTO transfer_challenges (id, company_id, user_id, serial, bank, branch, account, payee, amount, nonce, created_at, expires_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [c.id, c.companyId, c.userId, c.serial, c.bank, c.branch, c.account, c.name, c.amount, c.nonce, c.createdAt, c.expiresAt, c.state],
    );
  }

  async getChallenge(id: string): Promise<ChallengeRecord | null> {
    if (!CHALLENGE_ID.test(id)) return null;
    const [r] = await this.#db.query<Row>('SELECT * FROM transfer_challenges WHERE id = $1', [id]);
    return r ? challengeFrom(r) : null;
  }

  acceptChallenge(a: AcceptChallenge): Promise<boolean> {
    return this.#accepts.submit(a);
  }

  /**
   * accept_signatures (migration 10): the acceptances and their audit rows in one statement. The
   * rows' company, user and serial are the accepted challenge's own; time, actor and detail are sent.
   */
  async #acceptBatch(batch: AcceptChallenge[]): Promise<Set<string>> {
    const n = batch.length;
    const ids = new Array<string>(n), nows = new Array<number>(n), actors = new Array<string>(n), details = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const p = batch[i]!;
      ids[i] = p.id; nows[i] = p.now; actors[i] = p.audit.actor; details[i] = p.audit.detail ?? null;
    }
    const rows = await this.#db.query<Row>('SELECT c AS id FROM accept_signatures($1::text[], $2::bigint[], $3::text[], $4::text[]) AS c', [ids, nows, actors, details]);
    this.#audited();
    const accepted = new Set<string>();
    for (const r of rows) accepted.add(r.id as string);
    return accepted;
  }

  async refuseChallenge(id: string, now: number): Promise<void> {
    await this.#db.query(`UPDATE transfer_challenges SET state = 'refused', used_at = $2 WHERE id = $1 AND state = 'open'`, [id, now]);
  }

  async listChallenges(q: ChallengeQuery): Promise<ChallengeRecord[]> {
    const where = new SqlWhere();
    if (q.companyId !== undefined) where.add('company_id = ?', q.companyId);
    if (q.userId !== undefined) where.add('user_id = ?', q.userId);
    if (q.before !== undefined) where.add('(created_at, id) < (?::bigint, ?::text)', q.before.createdAt, q.before.id);
    const limit = where.param(q.limit);
    const rows = await this.#db.query<Row>(
      `SELECT * FROM transfer_challenges ${where} ORDER BY created_at DESC, id DESC LIMIT ${limit}`, where.params,
    );
    return rows.map(challengeFrom);
  }
}
