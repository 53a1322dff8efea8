/**
 * Transaction signing at the bank (取引認証): each bank token's separate OCRA signing key, the
 * challenges of transfers (payee and amount → the digits to type and the transaction QR), and the
 * check of a signature. A challenge is accepted once, within its time, for its own details only;
 * a wrong signature counts toward the token's lockout like a wrong code.
 */
import type { Sign } from '../core/algorithms.ts';
import { codesEqual } from '../core/compare.ts';
import { ocra } from '../core/ocra.ts';
import { parseOcraSuite, type OcraSuite } from '../core/ocra-suite.ts';
import {
  checkTransaction, formatTransactionText, transactionQuestion, typedChallenge, type Transaction,
} from '../core/transaction.ts';
import type { AuditQueue } from './audit-queue.ts';
import { next } from './lifecycle.ts';
import { openSeed as webOpenSeed, sealSeed, type OpenSeed } from './seal.ts';
import type { IssuerStore, VerifyOutcome } from './types.ts';
import { webCryptoSign, type MakeSign } from './verifier.ts';

/** The bank's signing suite: SHA-256, 8 digits, a numeric question of up to 24 digits (typed or derived). */
export const BANK_SIGNING_SUITE = 'OCRA-1:HOTP-SHA256-8:QN24';
export const SIGNING_KEY_BYTES = 32;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const NONCE_DIGITS = 4;

export type ChallengeState = 'open' | 'accepted' | 'refused';

export interface ChallengeRecord extends Omit<Transaction, 'nonce'> {
  id: string;
  companyId: string;
  userId: string;
  /** The token the challenge was made for: a token exchanged since cannot answer it. */
  serial: string;
  nonce: string;
  createdAt: number;
  expiresAt: number;
  state: ChallengeState;
}

export interface SigningKeyRecord {
  serial: string;
  suite: string;
  sealedSeed: Uint8Array;
}

export interface TransactionStore {
  putSigningKey(k: SigningKeyRecord): Promise<void>;
  getSigningKey(serial: string): Promise<SigningKeyRecord | null>;
  insertChallenge(c: ChallengeRecord): Promise<void>;
  getChallenge(id: string): Promise<ChallengeRecord | null>;
  /**
   * The check's one write: open → accepted only while unexpired, and only while the challenge's
   * token is still the user's, active, and the user not stopped. True when this call accepted it.
   */
  acceptChallenge(id: string, now: number): Promise<boolean>;
  /** open → refused (a wrong signature uses the challenge up). */
  refuseChallenge(id: string): Promise<void>;
  /** Newest first: the approvals the screens show. */
  listChallenges(q: { companyId?: string; limit: number }): Promise<ChallengeRecord[]>;
}

export interface IssuedChallenge {
  id: string;
  /** What the user types into the token: account ‖ amount ‖ nonce. */
  typed: string;
  /** The transaction QR's text (docs/transaction-qr.md). */
  qr: string;
  expiresAt: number;
}

export class TransactionError extends Error {
  override readonly name = 'TransactionRefusal';
  constructor(readonly code: 'no-token' | 'no-signing-key' | 'bad-transfer') {
    super(code);
  }
}

const sha256 = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b)));
const keyLabel = (serial: string) => `${serial}/signing`;

function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const b of crypto.getRandomValues(new Uint8Array(count * 2))) if (b < 250 && out.length < count) out += String(b % 10);
  }
  return out;
}

export interface TransactionsOptions {
  store: TransactionStore;
  issuerStore: IssuerStore;
  masterKey: CryptoKey;
  audit: AuditQueue;
  maxFailures: number;
  makeSign?: MakeSign | undefined;
  openSeed?: OpenSeed | undefined;
  ttlMs?: number;
}

export class Transactions {
  #o: TransactionsOptions;
  #suites = new Map<string, OcraSuite>();
  #signs = new Map<string, Promise<{ sign: Sign; suite: OcraSuite } | null>>();
  // Challenges made here, so the usual check needs only its conditional UPDATE; the database decides.
  #recent = new Map<string, ChallengeRecord>();

  constructor(o: TransactionsOptions) {
    this.#o = o;
  }

  /** A new signing key for a bank token (at provisioning); the caller sends the secret to the phone sealed. */
  async issueSigningKey(serial: string): Promise<{ suite: string; secret: Uint8Array }> {
    const secret = crypto.getRandomValues(new Uint8Array(SIGNING_KEY_BYTES));
    await this.#o.store.putSigningKey({ serial, suite: BANK_SIGNING_SUITE, sealedSeed: await sealSeed(this.#o.masterKey, keyLabel(serial), secret) });
    return { suite: BANK_SIGNING_SUITE, secret };
  }

  #suite(text: string): OcraSuite {
    let s = this.#suites.get(text);
    if (!s) this.#suites.set(text, (s = parseOcraSuite(text)));
    return s;
  }

  #signer(serial: string): Promise<{ sign: Sign; suite: OcraSuite } | null> {
    let p = this.#signs.get(serial);
    if (!p) {
      p = this.#o.store.getSigningKey(serial).then(async (k) => {
        if (!k) return null;
        const seed = await (this.#o.openSeed ?? webOpenSeed)(this.#o.masterKey, keyLabel(serial), k.sealedSeed);
        const suite = this.#suite(k.suite);
        const sign = await (this.#o.makeSign ?? webCryptoSign)(seed, suite.hash);
        seed.fill(0);
        return { sign, suite };
      });
      p.then((v) => v ?? this.#signs.delete(serial), () => this.#signs.delete(serial));
      this.#signs.set(serial, p);
    }
    return p;
  }

  /** A transfer's challenge for the user's current token. Throws TransactionError or core TransactionError. */
  async createChallenge(a: { companyId: string; userId: string; transfer: Omit<Transaction, 'nonce'> }, now: number, actor: string): Promise<IssuedChallenge> {
    const nonce = randomDigits(NONCE_DIGITS);
    const transfer = checkTransaction({ ...a.transfer, nonce });
    const binding = await this.#o.issuerStore.loadBinding(a.companyId, a.userId);
    const serial = binding?.token?.serial;
    if (!serial) throw new TransactionError('no-token');
    if (!(await this.#signer(serial))) throw new TransactionError('no-signing-key');
    const record: ChallengeRecord = {
      ...transfer, id: crypto.randomUUID(), companyId: a.companyId, userId: a.userId, serial,
      createdAt: now, expiresAt: now + (this.#o.ttlMs ?? CHALLENGE_TTL_MS), state: 'open',
    };
    await this.#o.store.insertChallenge(record);
    this.#remember(record);
    this.#o.audit.queue({ at: now, actor, action: 'transfer-challenge', companyId: a.companyId, target: describe(record), outcome: 'ok' });
    return { id: record.id, typed: typedChallenge(record), qr: formatTransactionText(record), expiresAt: record.expiresAt };
  }

  #remember(c: ChallengeRecord): void {
    if (this.#recent.size > 50_000) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(c.id, c);
  }

  /**
   * Check `code` against the challenge: the response to its typed digits or to its transaction
   * QR, by the user's signing key. Accepted once; the audit entry is written before the answer.
   */
  async verify(a: { companyId: string; userId: string; challenge: string; code: string }, now: number, actor = `user:${a.userId}`): Promise<VerifyOutcome> {
    const { store, issuerStore, audit, maxFailures } = this.#o;
    const c = this.#recent.get(a.challenge) ?? (await store.getChallenge(a.challenge));
    const log = async (outcome: string, record?: ChallengeRecord) => {
      audit.queue({ at: now, actor, action: 'transfer', companyId: a.companyId, target: record ? describe(record) : `${a.companyId}/${a.userId}`, outcome });
      await audit.flush();
    };
    if (!c || c.companyId !== a.companyId || c.userId !== a.userId) return await log('unknown-challenge'), 'refused';
    const binding = await issuerStore.loadBinding(a.companyId, a.userId);
    const token = binding?.token;
    if (!binding || !token) return await log(binding?.user.stopped ? 'stopped' : 'no-token', c), binding?.user.stopped ? 'stopped' : 'refused';
    if (binding.user.stopped) return await log('stopped', c), 'stopped';
    if (token.status === 'locked' || token.status === 'suspended') return await log(token.status, c), token.status;
    if (token.serial !== c.serial || token.status !== 'active') return await log('token-changed', c), 'refused';
    if (c.state !== 'open') return await log('replay', c), 'refused';
    if (c.expiresAt <= now) return await log('expired', c), 'refused';

    const key = await this.#signer(c.serial);
    if (!key) return await log('no-signing-key', c), 'refused';
    const questions = [typedChallenge(c), await transactionQuestion(c, key.suite, sha256)];
    const expected = await Promise.all(questions.map((question) => ocra({ sign: key.sign, suite: key.suite, question })));
    // Both compared, no early exit: the time taken does not say which form was tried.
    const matches = expected.map((e) => codesEqual(e, a.code));
    if (matches.some(Boolean)) {
      if (await store.acceptChallenge(c.id, now)) {
        c.state = 'accepted';
        return await log(matches[1] ? 'ok (qr)' : 'ok (typed)', c), 'ok';
      }
      this.#recent.delete(c.id);
      return await log('replay', c), 'refused';
    }
    const counted = await issuerStore.recordFailure({
      companyId: a.companyId, userId: a.userId, serial: c.serial, maxFailures, lockedStatus: next('lock', 'active'),
      audit: { at: now, actor: `user:${a.userId}`, action: 'transfer-failure', companyId: a.companyId, userId: a.userId, serial: c.serial, outcome: 'refused' },
    });
    await store.refuseChallenge(c.id);
    c.state = 'refused';
    if (counted?.status === 'locked') return await log('locked', c), 'locked';
    return await log('wrong-signature', c), 'refused';
  }

  listChallenges(companyId: string | undefined, limit = 100): Promise<ChallengeRecord[]> {
    return this.#o.store.listChallenges(companyId === undefined ? { limit } : { companyId, limit });
  }
}

/** The audit's target for a transfer: who, to whom, how much. */
function describe(c: ChallengeRecord): string {
  return `${c.companyId}/${c.userId} ${c.serial} → ${c.bank} ${c.branch} ${c.account} ${c.name} ¥${c.amount}`;
}
