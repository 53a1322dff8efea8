/**
 * The customer-card step of the administrator's sign-in: issue or replace a company's card, ask two
 * random cells, check the answer once. Challenges live in the store (one row each), so any service
 * instance can check a challenge another made, and taking one deletes it: one try per challenge.
 */
import {
  answerMatches, CARD_CHALLENGE_TTL_MS, cellLabels, parseCard, pickCells, randomCard, sealCard, type CardLabel,
  type StoredCard,
} from './customer-card.ts';

export interface CardChallenge {
  id: string;
  /** Who it was made for (`admin:<user name>`); another account cannot answer it. */
  account: string;
  cells: [number, number];
  createdAt: number;
  expiresAt: number;
}

export interface CardStore {
  getCard(companyId: string): Promise<StoredCard | null>;
  /** Insert or replace the company's card. */
  putCard(card: StoredCard): Promise<void>;
  /** Store a challenge, keeping at most `keep` open per account (the oldest go); expired ones may go. */
  addChallenge(challenge: CardChallenge, keep: number): Promise<void>;
  /** Delete and return the account's challenge if it has not expired at `now`; null otherwise. */
  takeChallenge(id: string, account: string, now: number): Promise<CardChallenge | null>;
  /** Whether the account's challenge is there and not expired at `now` (nothing changes). */
  hasChallenge(id: string, account: string, now: number): Promise<boolean>;
}

/** Open challenges per account: a few tabs may sign in at once; a flood only replaces its own. */
export const OPEN_CHALLENGES_PER_ACCOUNT = 5;

export class CustomerCards {
  readonly #store: CardStore;
  readonly #key: CryptoKey;

  /** `key`: deriveCardKey(master key). */
  constructor(store: CardStore, key: CryptoKey) {
    this.#store = store;
    this.#key = key;
  }

  /** Issue (or replace) the company's card; the digits are returned this once and never kept. */
  async issue(companyId: string, now: number, digits: string = randomCard()): Promise<{ digits: string }> {
    const parsed = parseCard(digits);
    await this.#store.putCard(await sealCard(this.#key, companyId, parsed, now));
    return { digits: parsed };
  }

  async hasCard(companyId: string): Promise<boolean> {
    return (await this.#store.getCard(companyId)) !== null;
  }

  /** A new challenge for `account`, whether or not it exists or has a card (the answer decides). */
  async challenge(account: string, now: number): Promise<{ id: string; cells: CardLabel[] }> {
    const id = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18)))).replace(/\+/g, '-').replace(/\//g, '_');
    const cells = pickCells();
    await this.#store.addChallenge({ id, account, cells, createdAt: now, expiresAt: now + CARD_CHALLENGE_TTL_MS }, OPEN_CHALLENGES_PER_ACCOUNT);
    return { id, cells: cellLabels(cells) };
  }

  /** The second request of a sign-in answers a challenge still open (the first was counted). */
  isOpen(challengeId: string, account: string, now: number): Promise<boolean> {
    return this.#store.hasChallenge(challengeId, account, now);
  }

  /** Uses up the challenge and says whether `answer` gives its cells on the company's card. */
  async check(a: { challengeId: string; account: string; companyId: string | null; answer: string }, now: number): Promise<boolean> {
    const challenge = await this.#store.takeChallenge(a.challengeId, a.account, now);
    const card = a.companyId === null ? null : await this.#store.getCard(a.companyId);
    if (!challenge || !card) return false;
    return answerMatches(this.#key, card, challenge.cells, a.answer);
  }
}

/** In memory, for tests and the library's users without SQL. */
export class MemoryCardStore implements CardStore {
  readonly cards = new Map<string, StoredCard>();
  readonly challenges = new Map<string, CardChallenge>();

  async getCard(companyId: string): Promise<StoredCard | null> {
    return this.cards.get(companyId) ?? null;
  }

  async putCard(card: StoredCard): Promise<void> {
    this.cards.set(card.companyId, structuredClone(card));
  }

  async addChallenge(challenge: CardChallenge, keep: number): Promise<void> {
    for (const c of this.challenges.values()) if (c.expiresAt <= challenge.createdAt) this.challenges.delete(c.id);
    const own = [...this.challenges.values()].filter((c) => c.account === challenge.account);
    for (const old of own.slice(0, Math.max(0, own.length - keep + 1))) this.challenges.delete(old.id);
    this.challenges.set(challenge.id, structuredClone(challenge));
  }

  async hasChallenge(id: string, account: string, now: number): Promise<boolean> {
    const c = this.challenges.get(id);
    return c !== undefined && c.account === account && c.expiresAt > now;
  }

  async takeChallenge(id: string, account: string, now: number): Promise<CardChallenge | null> {
    const c = this.challenges.get(id);
    if (!c || c.account !== account) return null;
    this.challenges.delete(id);
    return c.expiresAt > now ? c : null;
  }
}
