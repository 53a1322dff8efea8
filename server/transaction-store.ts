/** TransactionStore in SQL: signing keys and transfer challenges (the same statements on PGlite and PostgreSQL). */
import type { ChallengeRecord, SigningKeyRecord, TransactionStore } from '../src/issuer/transactions.ts';
import type { Queryable } from './db.ts';

type Row = Record<string, unknown>;

function challengeFrom(r: Row): ChallengeRecord {
  return {
    id: r.id as string, companyId: r.company_id as string, userId: r.user_id as string, serial: r.serial as string,
    bank: r.bank as string, branch: r.branch as string, account: r.account as string, name: r.payee as string,
    amount: Number(r.amount), nonce: r.nonce as string, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at),
    state: r.state as ChallengeRecord['state'],
  };
}

export class SqlTransactionStore implements TransactionStore {
  constructor(private readonly db: Queryable) {}

  async putSigningKey(k: SigningKeyRecord): Promise<void> {
    await this.db.query('INSERT INTO signing_keys (serial, suite, sealed_seed) VALUES ($1, $2, $3)', [k.serial, k.suite, k.sealedSeed]);
  }

  async getSigningKey(serial: string): Promise<SigningKeyRecord | null> {
    const [r] = await this.db.query<Row>('SELECT serial, suite, sealed_seed FROM signing_keys WHERE serial = $1', [serial]);
    return r ? { serial: r.serial as string, suite: r.suite as string, sealedSeed: new Uint8Array(r.sealed_seed as Uint8Array) } : null;
  }

  async insertChallenge(c: ChallengeRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO transfer_challenges (id, company_id, user_id, serial, bank, branch, account, payee, amount, nonce, created_at, expires_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [c.id, c.companyId, c.userId, c.serial, c.bank, c.branch, c.account, c.name, c.amount, c.nonce, c.createdAt, c.expiresAt, c.state],
    );
  }

  async getChallenge(id: string): Promise<ChallengeRecord | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const [r] = await this.db.query<Row>('SELECT * FROM transfer_challenges WHERE id = $1', [id]);
    return r ? challengeFrom(r) : null;
  }

  async acceptChallenge(id: string, now: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE transfer_challenges c SET state = 'accepted', used_at = $2
       WHERE c.id = $1 AND c.state = 'open' AND c.expires_at > $2
         AND EXISTS (SELECT 1 FROM users u JOIN tokens t ON t.serial = u.serial
                     WHERE u.company_id = c.company_id AND u.user_id = c.user_id AND u.serial = c.serial
                       AND NOT u.stopped AND t.status = 'active')
       RETURNING c.id`,
      [id, now],
    );
    return rows.length === 1;
  }

  async refuseChallenge(id: string): Promise<void> {
    await this.db.query(`UPDATE transfer_challenges SET state = 'refused' WHERE id = $1 AND state = 'open'`, [id]);
  }

  async listChallenges(q: { companyId?: string; limit: number }): Promise<ChallengeRecord[]> {
    const rows = q.companyId === undefined
      ? await this.db.query<Row>('SELECT * FROM transfer_challenges ORDER BY created_at DESC LIMIT $1', [q.limit])
      : await this.db.query<Row>('SELECT * FROM transfer_challenges WHERE company_id = $1 ORDER BY created_at DESC LIMIT $2', [q.companyId, q.limit]);
    return rows.map(challengeFrom);
  }
}
