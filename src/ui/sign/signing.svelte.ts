// The signing screen's state: a challenge (typed, or a transaction QR's text) answered with the
// token's OCRA key. Everything runs on the phone: no network, and the key never leaves WebCrypto.
import { webCryptoHash } from '../../core/algorithms.ts';
import { compactTyped } from '../../core/limits.ts';
import { OcraInputError, ocra, ocraSecondsLeft, ocraTimeStep } from '../../core/ocra.ts';
import { parseOcraSuite, type OcraSuite } from '../../core/ocra-suite.ts';
import {
  TransactionError, isTransactionText, parseTransactionText, transactionQuestion, type Transaction,
} from '../../core/transaction.ts';
import type { TokenMeta } from '../../vault/records.ts';
import { tokens } from '../state/tokens.svelte.ts';
import type { Strings } from '../i18n/locale.svelte.ts';

export interface Signed {
  /** The question the key answered: what was typed, or the one derived from the transaction. */
  question: string;
  /** The transaction QR's details, shown large above the response. */
  transaction?: Transaction;
  /** Time step the response belongs to (T suites). */
  step?: number;
  signature: string;
}

const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

export class Signing {
  readonly key: TokenMeta | undefined;
  readonly suite: OcraSuite | undefined;
  text = $state('');
  password = $state('');
  result = $state<Signed | undefined>();
  error = $state('');
  busy = $state(false);
  #t: () => Strings;

  constructor(keyId: string, t: () => Strings) {
    const key = tokens.find(keyId);
    this.key = key?.type === 'ocra' ? key : undefined;
    this.suite = this.key?.type === 'ocra' ? parseOcraSuite(this.key.suite) : undefined;
    this.#t = t;
  }

  /** Answers the challenge now; a refusal leaves no response on screen. */
  async submit(now = Date.now()): Promise<void> {
    const t = this.#t().sign;
    this.result = undefined;
    this.error = '';
    const key = this.key;
    const suite = this.suite;
    const sign = key ? tokens.signer(key.id) : undefined;
    if (!key || !suite) return void (this.error = t.noKey);
    if (!sign) return void (this.error = t.locked);
    if (suite.sessionBytes !== undefined) return void (this.error = t.sessionUnsupported);
    this.busy = true;
    try {
      const raw = this.text.trim();
      const transaction = isTransactionText(raw) ? parseTransactionText(raw) : undefined;
      // Typed challenges: full-width digits folded, the spaces and hyphens of grouping dropped.
      const question = transaction ? await transactionQuestion(transaction, suite, sha256) : compactTyped(raw);
      const passwordHash = suite.password
        ? new Uint8Array(await crypto.subtle.digest(webCryptoHash[suite.password], new TextEncoder().encode(this.password)))
        : undefined;
      if (suite.password && this.password === '') throw new OcraInputError('password');
      const signature = await ocra({
        sign, suite, question, counter: key.counter, timestamp: now, ...(passwordHash ? { passwordHash } : {}),
      });
      // A counter suite's counter is saved before its response shows (as HOTP's is).
      if (suite.counter) await tokens.advanceCounter(key.id);
      this.result = {
        question, signature, ...(transaction ? { transaction } : {}),
        ...(suite.timeStep !== undefined ? { step: ocraTimeStep(suite, now) } : {}),
      };
      performance.mark('signature-shown');
    } catch (e) {
      this.error = this.#message(e);
    } finally {
      this.busy = false;
    }
  }

  /** For a T suite: the response again when its time step has passed (same question, new step). */
  async refresh(now: number): Promise<void> {
    const r = this.result;
    const suite = this.suite;
    const sign = this.key ? tokens.signer(this.key.id) : undefined;
    if (!r || !suite || suite.timeStep === undefined || !sign || r.step === ocraTimeStep(suite, now)) return;
    if (suite.password || suite.counter) return void (this.result = undefined); // needs the user again
    const signature = await ocra({ sign, suite, question: r.question, timestamp: now });
    this.result = { ...r, signature, step: ocraTimeStep(suite, now) };
  }

  secondsLeft(now: number): number | undefined {
    return this.suite?.timeStep !== undefined ? ocraSecondsLeft(this.suite, now) : undefined;
  }

  #message(e: unknown): string {
    const errors = this.#t().sign.errors;
    if (e instanceof OcraInputError) {
      return e.code === 'question-length' ? errors['question-length'](this.suite?.question.maxLength ?? 64) : errors[e.code];
    }
    if (e instanceof TransactionError) {
      if (e.code === 'missing' || e.code === 'bad-name') return errors[e.code](e.field ?? '?');
      return errors[e.code];
    }
    return this.#t().errors.unknown;
  }
}
