/**
 * お客様カード (the customer card): 20 cells labelled イ … ネ, one digit each, issued by the bank to a
 * company. The administrator's sign-in asks for two random cells. The service keeps, per cell, only
 * HMAC-SHA256(card key, company ‖ card id ‖ cell ‖ digit) under a key derived from the master key
 * (HKDF, RFC 5869), so a database dump without the master key does not reveal a single digit.
 */

import { compactTyped, PATTERNS } from '../core/limits.ts';
import { randomDigits, randomIndex } from './random-digits.ts';

export const CARD_LABELS = [
  'イ', 'ロ', 'ハ', 'ニ', 'ホ', 'ヘ', 'ト', 'チ', 'リ', 'ヌ', 'ル', 'ヲ', 'ワ', 'カ', 'ヨ', 'タ', 'レ', 'ソ', 'ツ', 'ネ',
] as const;
export type CardLabel = (typeof CARD_LABELS)[number];
export const CARD_CELLS = CARD_LABELS.length;
/** A challenge is good for this long, and for one try. */
export const CARD_CHALLENGE_TTL_MS = 5 * 60_000;

/** How a company's card is kept: one tag per cell, nothing else about the digits. */
export interface StoredCard {
  companyId: string;
  /** Random per issuance, in every tag: a replaced card's tags never match the new one. */
  cardId: string;
  /** base64 HMAC-SHA256 tags, in label order. */
  tags: string[];
  createdAt: number;
}

export class CardFormatError extends RangeError {
  override readonly name = 'CardFormatError';
}

const encoder = new TextEncoder();

/** The card key: HKDF-SHA256 of the 32-byte master key, its own label, so it is not the seal key. */
export async function deriveCardKey(masterKeyRaw: Uint8Array): Promise<CryptoKey> {
  if (masterKeyRaw.length !== 32) throw new RangeError('master key must be 32 bytes');
  const ikm = await crypto.subtle.importKey('raw', new Uint8Array(masterKeyRaw), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode('soft-token customer card v1') },
    ikm, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign'],
  );
}

/** 20 digits from what a person types or configures (groups spaced or hyphenated, full-width folded). */
export function parseCard(text: string): string {
  const digits = compactTyped(text);
  if (!PATTERNS.customerCard.test(digits)) throw new CardFormatError(`a customer card is ${CARD_CELLS} digits (cells ${CARD_LABELS.join('')} in order)`);
  return digits;
}

export function randomCard(): string {
  return randomDigits(CARD_CELLS);
}

async function tag(key: CryptoKey, card: { companyId: string; cardId: string }, cell: number, digit: string): Promise<Uint8Array> {
  const message = encoder.encode(`soft-token card v1\u0000${card.companyId}\u0000${card.cardId}\u0000${cell}\u0000${digit}`);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The stored form of `digits` (parseCard's output) for `companyId`. */
export async function sealCard(key: CryptoKey, companyId: string, digits: string, now: number): Promise<StoredCard> {
  const parsed = parseCard(digits);
  const cardId = toBase64(crypto.getRandomValues(new Uint8Array(12)));
  const card = { companyId, cardId };
  const tags = await Promise.all([...parsed].map(async (d, i) => toBase64(await tag(key, card, i, d))));
  return { companyId, cardId, tags, createdAt: now };
}

/** Two different cells, uniformly chosen, in the order they are asked. */
export function pickCells(): [number, number] {
  const first = randomIndex(CARD_CELLS);
  const second = (first + 1 + randomIndex(CARD_CELLS - 1)) % CARD_CELLS;
  return [first, second];
}

export function cellLabels(cells: readonly number[]): CardLabel[] {
  return cells.map((i) => {
    const label = CARD_LABELS[i];
    if (label === undefined) throw new RangeError(`no card cell ${i}`);
    return label;
  });
}

/**
 * Whether `answer` gives the digits of `cells` on `card`. Every asked cell is computed and compared
 * in full whatever the others gave, so the time does not tell which cell was wrong.
 */
export async function answerMatches(key: CryptoKey, card: StoredCard, cells: readonly number[], answer: string): Promise<boolean> {
  const shaped = answer.length === cells.length && /^[0-9]*$/.test(answer);
  let difference = shaped ? 0 : 1;
  for (const [n, cell] of cells.entries()) {
    const stored = card.tags[cell];
    const expected = stored === undefined ? new Uint8Array(32) : fromBase64(stored);
    if (stored === undefined) difference |= 1;
    const given = await tag(key, card, cell, shaped ? answer[n]! : '0');
    if (given.length !== expected.length) difference |= 1;
    for (let i = 0; i < given.length; i++) difference |= given[i]! ^ (expected[i] ?? 0);
  }
  return difference === 0;
}
