// The customer card (お客様カード): its cells, how it is kept, and the one-try challenge of sign-in.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  answerMatches, CARD_CHALLENGE_TTL_MS, CARD_LABELS, cellLabels, deriveCardKey, parseCard, pickCells, randomCard,
  sealCard,
} from '../../../src/issuer/customer-card.ts';
import { CustomerCards, MemoryCardStore, OPEN_CHALLENGES_PER_ACCOUNT } from '../../../src/issuer/card-sign-in.ts';
import { randomDigits, randomIndex } from '../../../src/issuer/random-digits.ts';
import { expectOnlyNewCard } from './card-replacement.ts';

const CARD = '31415926535897932384';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

/** The tag of one cell computed with node:crypto: an independent copy of the construction. */
function independentTag(masterKey: Uint8Array, companyId: string, cardId: string, cell: number, digit: string): string {
  const key = Buffer.from(hkdfSync('sha256', masterKey, new Uint8Array(32), 'soft-token customer card v1', 32));
  return createHmac('sha256', key).update(`soft-token card v1\u0000${companyId}\u0000${cardId}\u0000${cell}\u0000${digit}`).digest('base64');
}

describe('the card', () => {
  it('has the guide’s 20 cells イ … ネ in order', () => {
    expect(CARD_LABELS.join('')).toBe('イロハニホヘトチリヌルヲワカヨタレソツネ');
    expect(new Set(CARD_LABELS).size).toBe(20);
    expect(cellLabels([0, 13])).toEqual(['イ', 'カ']);
    expect(() => cellLabels([20])).toThrow(RangeError);
  });

  it.each([
    [CARD, CARD], ['3141 5926 5358 9793 2384', CARD], ['31415-92653-58979-32384', CARD], ['３１４１５９２６５３５８９７９３２３８４', CARD],
  ])('reads %j as 20 digits', (text, digits) => expect(parseCard(text)).toBe(digits));

  it.each(['', '3141592653589793238', '314159265358979323846', '3141592653589793238x', 'イ3141592653589793238'])(
    'refuses %j with the card’s shape in the message', (text) => {
      expect(() => parseCard(text)).toThrow(/20 digits/);
    });

  it('makes random cards of 20 digits, each digit about equally often', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 1000; i++) for (const d of randomCard()) counts[Number(d)]++;
    expect(randomCard()).toMatch(/^[0-9]{20}$/);
    // 20,000 digits: 2,000 expected each; ±15 % is far beyond chance (σ ≈ 42).
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(300);
    expect(randomDigits(7)).toMatch(/^[0-9]{7}$/);
  });

  it('asks two different cells, every cell about as often as the others', () => {
    const counts = new Array(20).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = pickCells();
      expect(a).not.toBe(b);
      counts[a]++;
      counts[b]++;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(300);
    expect(() => randomIndex(0)).toThrow(RangeError);
    expect(() => randomIndex(257)).toThrow(RangeError);
  });
});

describe('what the database keeps', () => {
  it('is one keyed hash per cell that an independent HKDF + HMAC reproduces from the master key only', async () => {
    const master = randomBytes(32);
    const stored = await sealCard(await deriveCardKey(master), 'acme', CARD, T0);
    expect(stored.tags).toHaveLength(20);
    for (const [i, t] of stored.tags.entries()) expect(t).toBe(independentTag(master, 'acme', stored.cardId, i, CARD[i]!));
  });

  it('does not give the digits to whoever has the dump but not the master key', async () => {
    const stored = await sealCard(await deriveCardKey(randomBytes(32)), 'acme', CARD, T0);
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain(CARD);
    // The attacker tries every digit of every cell with keys they might guess; nothing matches.
    const guesses = [new Uint8Array(32), randomBytes(32)];
    for (const guess of guesses) {
      for (const [i, t] of stored.tags.entries()) {
        for (let d = 0; d <= 9; d++) expect(independentTag(guess, 'acme', stored.cardId, i, String(d))).not.toBe(t);
      }
    }
    // The same digit in different cells, companies or issuances never gives the same tag.
    const again = await sealCard(await deriveCardKey(randomBytes(32)), 'acme', '1'.repeat(20), T0);
    expect(new Set(again.tags).size).toBe(20);
  });

  it('checks both asked cells in full: right, one wrong, both wrong, wrong shape', async () => {
    const key = await deriveCardKey(randomBytes(32));
    const stored = await sealCard(key, 'acme', CARD, T0);
    const cells = [0, 13] as const; // イ = 3, カ = 7
    expect(await answerMatches(key, stored, cells, '37')).toBe(true);
    for (const wrong of ['07', '30', '73', '00', '3', '377', '3a', ' 37', '']) {
      expect(await answerMatches(key, stored, cells, wrong)).toBe(false);
    }
    // A card checked with another master key's card key is refused: the key is part of the check.
    expect(await answerMatches(await deriveCardKey(randomBytes(32)), stored, cells, '37')).toBe(false);
  });
});

describe('the sign-in challenge', () => {
  async function cards() {
    const store = new MemoryCardStore();
    const service = new CustomerCards(store, await deriveCardKey(randomBytes(32)));
    await service.issue('acme', T0, CARD);
    return { store, service };
  }
  const answerFor = (labels: string[], card = CARD) => labels.map((l) => card[CARD_LABELS.indexOf(l as never)]).join('');

  it('accepts the right digits once; the same challenge never works again', async () => {
    const { service } = await cards();
    const c = await service.challenge('admin:alice', T0);
    expect(c.cells).toHaveLength(2);
    const answer = answerFor(c.cells);
    const check = () => service.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer }, T0 + 1000);
    expect(await check()).toBe(true);
    expect(await check()).toBe(false);
  });

  it('uses the challenge up on a wrong answer, so the next try faces new cells', async () => {
    const { service } = await cards();
    const c = await service.challenge('admin:alice', T0);
    const right = answerFor(c.cells);
    const wrong = String((Number(right) + 1) % 100).padStart(2, '0');
    expect(await service.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: wrong }, T0)).toBe(false);
    expect(await service.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: right }, T0)).toBe(false);
  });

  it('refuses an expired challenge, another account’s, an unknown one and a company without a card', async () => {
    const { service } = await cards();
    const c1 = await service.challenge('admin:alice', T0);
    expect(await service.check({ challengeId: c1.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(c1.cells) }, T0 + CARD_CHALLENGE_TTL_MS)).toBe(false);
    const c2 = await service.challenge('admin:alice', T0);
    expect(await service.check({ challengeId: c2.id, account: 'admin:mallory', companyId: 'acme', answer: answerFor(c2.cells) }, T0)).toBe(false);
    expect(await service.check({ challengeId: c2.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(c2.cells) }, T0)).toBe(true);
    expect(await service.check({ challengeId: 'nope', account: 'admin:alice', companyId: 'acme', answer: '12' }, T0)).toBe(false);
    const c3 = await service.challenge('admin:bob', T0);
    expect(await service.check({ challengeId: c3.id, account: 'admin:bob', companyId: 'other', answer: answerFor(c3.cells) }, T0)).toBe(false);
    expect(await service.check({ challengeId: c3.id, account: 'admin:bob', companyId: null, answer: answerFor(c3.cells) }, T0)).toBe(false);
  });

  it('after a replacement only the new card’s digits are accepted', async () => {
    const { service } = await cards();
    const { digits } = await service.issue('acme', T0 + 1);
    expect(digits).toMatch(/^[0-9]{20}$/);
    await expectOnlyNewCard(service, { account: 'admin:alice', companyId: 'acme', old: CARD, digits, at: T0 });
  });

  it('keeps only a few open challenges per account, the newest', async () => {
    const { service, store } = await cards();
    const made = [];
    for (let i = 0; i < OPEN_CHALLENGES_PER_ACCOUNT + 3; i++) made.push(await service.challenge('admin:alice', T0 + i));
    await service.challenge('admin:bob', T0);
    expect([...store.challenges.values()].filter((c) => c.account === 'admin:alice')).toHaveLength(OPEN_CHALLENGES_PER_ACCOUNT);
    const oldest = made[0]!;
    expect(await service.check({ challengeId: oldest.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(oldest.cells) }, T0)).toBe(false);
    const newest = made.at(-1)!;
    expect(await service.check({ challengeId: newest.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(newest.cells) }, T0)).toBe(true);
  });

  it('refuses a malformed card at issuance and keeps the old one', async () => {
    const { service } = await cards();
    await expect(service.issue('acme', T0, '123')).rejects.toThrow(/20 digits/);
    const c = await service.challenge('admin:alice', T0);
    expect(await service.check({ challengeId: c.id, account: 'admin:alice', companyId: 'acme', answer: answerFor(c.cells) }, T0)).toBe(true);
  });
});
