/** The customer card the server tests give their demo company, and the two-request sign-in with it. */
import { SqlCardStore } from '../../../server/card-store.ts';
import type { Db } from '../../../server/db.ts';
import { CustomerCards } from '../../../src/issuer/card-sign-in.ts';
import { CARD_LABELS, deriveCardKey } from '../../../src/issuer/customer-card.ts';

export const TEST_CARD = '11223344556677889900';

export function cardAnswer(cells: string[], card = TEST_CARD): string {
  return cells.map((l) => card[CARD_LABELS.indexOf(l as never)]).join('');
}

/** Cards in `db` under a random key, `companyId` holding TEST_CARD. */
export async function testCards(db: Db, now: number, companyId = 'demo'): Promise<CustomerCards> {
  const cards = new CustomerCards(new SqlCardStore(db), await deriveCardKey(crypto.getRandomValues(new Uint8Array(32))));
  await cards.issue(companyId, now, TEST_CARD);
  return cards;
}

/** POST /api/session; for the administrator the first answer's card challenge is answered in a second. */
export async function postSession(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }, body: { role: string; user: string; password: string }, headers: Record<string, string> = {}): Promise<Response> {
  const post = (b: unknown) => app.request('/api/session', { method: 'POST', body: JSON.stringify(b), headers: { 'content-type': 'application/json', host: 'bank.test', ...headers } });
  const first = await post(body);
  if (body.role !== 'admin' || first.status !== 401) return first;
  const { challenge } = (await first.json()) as { challenge?: { id: string; cells: string[] } };
  if (!challenge) throw new Error('no card challenge');
  return post({ ...body, challengeId: challenge.id, card: cardAnswer(challenge.cells) });
}
