// The customer card's SQL store on PGlite and, with DATABASE_URL, on PostgreSQL from two pools
// (two service instances): one try per challenge even when both answer at once.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { CustomerCards, OPEN_CHALLENGES_PER_ACCOUNT } from '../../../src/issuer/card-sign-in.ts';
import { CARD_CHALLENGE_TTL_MS, CARD_LABELS, deriveCardKey } from '../../../src/issuer/customer-card.ts';
import { SqlCardStore } from '../../../server/card-store.ts';
import { expectOnlyNewCard } from '../issuer/card-replacement.ts';
import { migrate } from '../../../server/db.ts';
import { describeOnEach, twoPoolBackends, type TwoPools } from './backends.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const CARD = '27182818284590452353';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const answerFor = (labels: string[], card = CARD) => labels.map((l) => card[CARD_LABELS.indexOf(l as never)]).join('');

type Opened = TwoPools;
const backends = twoPoolBackends('cards');

describeOnEach(backends, 'customer cards', (open) => {
  let opened: Opened;
  let one: CustomerCards;
  let two: CustomerCards;

  beforeAll(async () => {
    opened = await open();
    const [a, b] = opened.dbs;
    await migrate(a, T0);
    await a.query(`INSERT INTO companies (company_id, name, usage_mode, pin_hash) VALUES ('acme', 'ACME', 'per-user', 'x')`);
    const key = await deriveCardKey(crypto.getRandomValues(new Uint8Array(32)));
    one = new CustomerCards(new SqlCardStore(a), key);
    two = new CustomerCards(new SqlCardStore(b), key);
    await one.issue('acme', T0, CARD);
  });
  afterAll(() => opened?.cleanup());

  it('keeps tags, not digits: no column of the dump holds the card', async () => {
    const rows = await opened.dbs[0].query<Record<string, unknown>>('SELECT * FROM customer_cards');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(CARD);
    expect(JSON.parse(rows[0]!.tags as string)).toHaveLength(20);
  });

  it('a challenge made on one instance is answered on the other, once', async () => {
    const c = await one.challenge('admin:alice', T0);
    const check = (cards: CustomerCards) => cards.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(c.cells) }, T0 + 1);
    const results = await Promise.all([check(one), check(two), check(one), check(two)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a wrong answer and uses the challenge up', async () => {
    const c = await one.challenge('admin:alice', T0);
    const right = answerFor(c.cells);
    const wrong = right === '00' ? '11' : '00';
    expect(await two.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: wrong }, T0)).toBe(false);
    expect(await two.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: right }, T0)).toBe(false);
  });

  it('expires challenges, keeps a few per account, and drops expired rows', async () => {
    const old = await one.challenge('admin:carol', T0);
    expect(await one.check({ challengeId: old.id, account: 'admin:carol', companyId: 'acme', answer: answerFor(old.cells) }, T0 + CARD_CHALLENGE_TTL_MS)).toBe(false);
    const made = [];
    for (let i = 0; i < OPEN_CHALLENGES_PER_ACCOUNT + 2; i++) made.push(await one.challenge('admin:dave', T0 + i));
    const count = await opened.dbs[0].query<{ n: number }>(`SELECT count(*)::int AS n FROM card_challenges WHERE account = 'admin:dave'`);
    expect(count[0]!.n).toBe(OPEN_CHALLENGES_PER_ACCOUNT);
    const first = made[0]!;
    expect(await one.check({ challengeId: first.id, account: 'admin:dave', companyId: 'acme', answer: answerFor(first.cells) }, T0 + 10)).toBe(false);
    const last = made.at(-1)!;
    expect(await one.check({ challengeId: last.id, account: 'admin:dave', companyId: 'acme', answer: answerFor(last.cells) }, T0 + 10)).toBe(true);
    await one.challenge('admin:erin', T0 + 2 * CARD_CHALLENGE_TTL_MS);
    const left = await opened.dbs[0].query<{ n: number }>(`SELECT count(*)::int AS n FROM card_challenges WHERE account <> 'admin:erin'`);
    expect(left[0]!.n).toBe(0);
  });

  it('a replacement takes effect on every instance', async () => {
    const { digits } = await two.issue('acme', T0 + 5);
    await expectOnlyNewCard(one, { account: 'admin:alice', companyId: 'acme', old: CARD, digits, at: T0 });
  });
});
