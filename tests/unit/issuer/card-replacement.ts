// After a customer card is replaced, only the new card's digits answer: shared by the issuer's
// tests and the SQL store's (where the replacement is made on one instance and asked on another).
import { expect } from 'vitest';
import type { CustomerCards } from '../../../src/issuer/card-sign-in.ts';
import { CARD_LABELS } from '../../../src/issuer/customer-card.ts';

const answer = (labels: string[], card: string) => labels.map((l) => card[CARD_LABELS.indexOf(l as never)]).join('');

/**
 * Asks until a challenge lands on a cell where `old` and `digits` differ (random cards agree ~10 %
 * per cell): the old card's answer is refused, the new one's accepted.
 */
export async function expectOnlyNewCard(cards: CustomerCards, o: { account: string; companyId: string; old: string; digits: string; at: number }): Promise<void> {
  const { account, companyId, at } = o;
  for (let i = 0; i < 50; i++) {
    const c = await cards.challenge(account, at);
    if (answer(c.cells, o.old) === answer(c.cells, o.digits)) continue;
    expect(await cards.check({ challengeId: c.id, account, companyId, answer: answer(c.cells, o.old) }, at)).toBe(false);
    const c2 = await cards.challenge(account, at);
    expect(await cards.check({ challengeId: c2.id, account, companyId, answer: answer(c2.cells, o.digits) }, at)).toBe(true);
    return;
  }
  throw new Error('no differing cell in 50 challenges');
}
