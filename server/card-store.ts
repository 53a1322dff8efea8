/** CardStore in SQL: cards as their per-cell tags, challenges as rows deleted when answered. */
import type { CardChallenge, CardStore } from '../src/issuer/card-sign-in.ts';
import type { StoredCard } from '../src/issuer/customer-card.ts';
import type { Db } from './db.ts';

type Row = Record<string, unknown>;

export class SqlCardStore implements CardStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async getCard(companyId: string): Promise<StoredCard | null> {
    const [r] = await this.#db.query<Row>('SELECT card_id, tags, created_at FROM customer_cards WHERE company_id = $1', [companyId]);
    if (!r) return null;
    return { companyId, cardId: r.card_id as string, tags: JSON.parse(r.tags as string) as string[], createdAt: Number(r.created_at) };
  }

  async putCard(card: StoredCard): Promise<void> {
    await this.#db.query(
      `INSERT INTO customer_cards (company_id, card_id, tags, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (company_id) DO UPDATE SET card_id = EXCLUDED.card_id, tags = EXCLUDED.tags, created_at = EXCLUDED.created_at`,
      [card.companyId, card.cardId, JSON.stringify(card.tags), card.createdAt],
    );
  }

  async addChallenge(c: CardChallenge, keep: number): Promise<void> {
    await this.#db.transaction(async (q) => {
      // Expired ones of anyone go, and this account's oldest beyond `keep - 1`.
      await q.query('DELETE FROM card_challenges WHERE expires_at <= $1', [c.createdAt]);
      await q.query(
        `DELETE FROM card_challenges WHERE id IN (
           SELECT id FROM card_challenges WHERE account = $1 ORDER BY created_at DESC, id OFFSET $2)`,
        [c.account, Math.max(0, keep - 1)],
      );
      await q.query('INSERT INTO card_challenges (id, account, cells, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [c.id, c.account, JSON.stringify(c.cells), c.createdAt, c.expiresAt]);
    });
  }

  async hasChallenge(id: string, account: string, now: number): Promise<boolean> {
    return (await this.#db.query('SELECT 1 FROM card_challenges WHERE id = $1 AND account = $2 AND expires_at > $3', [id, account, now])).length === 1;
  }

  async takeChallenge(id: string, account: string, now: number): Promise<CardChallenge | null> {
    // One statement: of two instances answering the same challenge, only one gets the row.
    const [r] = await this.#db.query<Row>('DELETE FROM card_challenges WHERE id = $1 AND account = $2 RETURNING cells, created_at, expires_at', [id, account]);
    if (!r || Number(r.expires_at) <= now) return null;
    return { id, account, cells: JSON.parse(r.cells as string) as [number, number], createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) };
  }
}
