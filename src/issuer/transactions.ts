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
import { next, STATUS_MEANING } from './lifecycle.ts';
import { randomDigits } from './random-digits.ts';
import { openSeed as webOpenSeed, sealSeed, type OpenSeed } from './seal.ts';
import type { AuditEntry, IssuerStore, VerifyOutcome } from './types.ts';
import { webCryptoSign, type MakeSign } from './verifier.ts';

/** The bank's signing suite: SHA-256, 8 digits, a numeric question of up to 24 digits (typed or derived). */
export const BANK_SIGNING_SUITE = 'OCRA-1:HOTP-SHA256-8:QN24';
export const SIGNING_KEY_BYTES = 32;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const NONCE_DIGITS = 4;

export type ChallengeState = 'open' | 'accepted' | 'refused';
/** What the screens show: an open challenge past its time is `expired`. */
export type ChallengeOutcome = 'open' | 'accepted' | 'refused' | 'expired';

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
  /** When it was accepted or refused. */
  usedAt?: number | null;
}

export interface SigningKeyRecord {
  serial: string;
  suite: string;
  sealedSeed: Uint8Array;
}

export interface ChallengeQuery {
  companyId?: string;
  userId?: string;
  /** Paging: challenges older than this one (its `cursor`). */
  before?: { createdAt: number; id: string };
  limit: number;
}

export interface TransactionStore {
  putSigningKey(k: SigningKeyRecord): Promise<void>;
  getSigningKey(serial: string): Promise<SigningKeyRecord | null>;
  insertChallenge(c: ChallengeRecord): Promise<void>;
  getChallenge(id: string): Promise<ChallengeRecord | null>;
  /**
   * The check's one statement: open → accepted only while unexpired, and only while the
   * challenge's token is still the user's and active and the user not stopped, with `audit`
   * written in the same statement. True when this call accepted it.
   */
  acceptChallenge(a: { id: string; now: number; audit: AuditEntry }): Promise<boolean>;
  /** open → refused (a wrong signature uses the challenge up). */
  refuseChallenge(id: string, now: number): Promise<void>;
  /** Newest first: the approvals the screens show. */
  listChallenges(q: ChallengeQuery): Promise<ChallengeRecord[]>;
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
  // The QR form's question of those challenges, derived once (from public details: no secret).
  #questions = new WeakMap<ChallengeRecord, string>();

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
    const key = await this.#signer(serial);
    if (!key) throw new TransactionError('no-signing-key');
    const record: ChallengeRecord = {
      ...transfer, id: crypto.randomUUID(), companyId: a.companyId, userId: a.userId, serial,
      createdAt: now, expiresAt: now + (this.#o.ttlMs ?? CHALLENGE_TTL_MS), state: 'open',
    };
    await this.#o.store.insertChallenge(record);
    this.#remember(record);
    this.#questions.set(record, await transactionQuestion(record, key.suite, sha256));
    this.#o.audit.queue({ at: now, actor, action: 'transfer-challenge', companyId: a.companyId, userId: a.userId, serial, detail: describe(record), outcome: 'ok' });
    return { id: record.id, typed: typedChallenge(record), qr: formatTransactionText(record), expiresAt: record.expiresAt };
  }

  #remember(c: ChallengeRecord): void {
    if (this.#recent.size > 50_000) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(c.id, c);
  }

  /** Which form `code` answers (the typed digits or the QR's question), or null. */
  async #match(key: { sign: Sign; suite: OcraSuite }, c: ChallengeRecord, code: string): Promise<'typed' | 'qr' | null> {
    // No closures on this path (each would be made, and named by the loader, for every request).
    const question = this.#questions.get(c) ?? (await transactionQuestion(c, key.suite, sha256));
    const typedExpected = await ocra({ sign: key.sign, suite: key.suite, question: typedChallenge(c) });
    const qrExpected = await ocra({ sign: key.sign, suite: key.suite, question });
    // Both compared, no early exit: the time taken does not say which form was tried.
    const typed = codesEqual(typedExpected, code);
    const qr = codesEqual(qrExpected, code);
    return qr ? 'qr' : typed ? 'typed' : null;
  }

  /**
   * Check `code` against the challenge: the response to its typed digits or to its transaction
   * QR, by the user's signing key. Accepted once. The usual path is one statement (the
   * conditional UPDATE with its audit row); any other answer is explained from the database,
   * and its audit entry is written before the answer.
   */
  async verify(a: { companyId: string; userId: string; challenge: string; code: string }, now: number, actor = `user:${a.userId}`): Promise<VerifyOutcome> {
    const { store, audit } = this.#o;
    const cached = this.#recent.get(a.challenge) ?? (await store.getChallenge(a.challenge));
    if (!cached || cached.companyId !== a.companyId || cached.userId !== a.userId) {
      // Not logged under the challenge: anyone with the API can name any challenge.
      audit.queue({ at: now, actor, action: 'transfer', companyId: a.companyId, userId: a.userId, outcome: 'unknown-challenge' });
      return await audit.flush(), 'refused';
    }
    const key = await this.#signer(cached.serial);
    const matched = key && cached.state === 'open' && cached.expiresAt > now ? await this.#match(key, cached, a.code) : null;
    if (matched && (await store.acceptChallenge({ id: cached.id, now, audit: transferEntry(now, actor, cached, 'ok', matched) }))) {
      cached.state = 'accepted';
      return 'ok';
    }
    return this.#refusal(a, cached, key, matched, now, actor);
  }

  /** Why a signature was not accepted, from the database (another instance may have acted); its audit entry written before the answer. */
  async #refusal(
    a: { companyId: string; userId: string }, cached: ChallengeRecord, key: { sign: Sign; suite: OcraSuite } | null, matched: 'typed' | 'qr' | null, now: number, actor: string,
  ): Promise<VerifyOutcome> {
    const { store, issuerStore, audit, maxFailures } = this.#o;

    const c = (await store.getChallenge(cached.id)) ?? cached;
    if (c.state !== 'open') this.#recent.delete(c.id);
    const log = async (outcome: string): Promise<void> => {
      audit.queue(transferEntry(now, actor, c, outcome));
      await audit.flush();
    };
    const binding = await issuerStore.loadBinding(a.companyId, a.userId);
    const token = binding?.token;
    if (!binding) return await log('unknown-user'), 'refused';
    if (binding.user.stopped) return await log('stopped'), 'stopped';
    if (!token) return await log('no-token'), 'refused';
    // A held token answers as a code check does (事故設定 as `suspended`, the log keeps whose it is).
    const held = STATUS_MEANING[token.status].signIn;
    if (held) return await log(held.audit), held.answer;
    if (token.serial !== c.serial) return await log('token-changed'), 'refused';
    if (c.state !== 'open') return await log('replay'), 'refused';
    if (c.expiresAt <= now) return await log('expired'), 'refused';
    if (!key) return await log('no-signing-key'), 'refused';
    if (matched) return await log('replay'), 'refused'; // a rival request took it first

    const counted = await issuerStore.recordFailure({
      companyId: a.companyId, userId: a.userId, serial: c.serial, maxFailures, lockedStatus: next('lock', 'active'),
      audit: { at: now, actor, action: 'transfer-failure', companyId: a.companyId, userId: a.userId, serial: c.serial, outcome: 'refused', detail: describe(c) },
    });
    await store.refuseChallenge(c.id, now);
    this.#recent.delete(c.id);
    if (!counted) return await log('token-changed'), 'refused';
    if (counted.status === 'locked') return await log('locked'), 'locked';
    return await log('wrong-signature'), 'refused';
  }

  /** Newest first, a page at a time: `next` is the cursor of the page after, or null. */
  async listChallenges(q: ChallengeQuery): Promise<{ challenges: ChallengeRecord[]; next: { createdAt: number; id: string } | null }> {
    const rows = await this.#o.store.listChallenges({ ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { challenges: page, next: rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
  }
}

/** accepted / refused / expired / open, as the screens show a challenge at `now`. */
export function challengeOutcome(c: Pick<ChallengeRecord, 'state' | 'expiresAt'>, now: number): ChallengeOutcome {
  return c.state === 'open' && c.expiresAt <= now ? 'expired' : c.state;
}

function transferEntry(now: number, actor: string, c: ChallengeRecord, outcome: string, how?: string): AuditEntry {
  return {
    at: now, actor, action: 'transfer', companyId: c.companyId, userId: c.userId, serial: c.serial, outcome,
    detail: how ? `${describe(c)} (${how})` : describe(c),
  };
}

/** The audit's detail for a transfer: to whom, how much (who and which token are the entry's own columns). */
function describe(c: ChallengeRecord): string {
  return `→ ${c.bank} ${c.branch} ${c.account} ${c.name} ¥${c.amount}`;
}
