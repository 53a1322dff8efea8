/**
 * Code checks with a cache of each user's verifier state and of the opened HMAC keys. The cache is
 * only a hint: every write is conditional on the database's state (IssuerStore.acceptStep,
 * recordFailure), and a write that finds it changed reloads and retries.
 */
import { webCryptoHash, type HashAlgorithm, type Sign } from '../core/algorithms.ts';
import { DEFAULTS } from '../core/limits.ts';
import type { AuditQueue } from './audit-queue.ts';
import { next, STATUS_MEANING } from './lifecycle.ts';
import { openSeed, type OpenSeed } from './seal.ts';
import { TOKEN_TYPES, typeOf, type TokenType } from './token-types.ts';
import type { AuditEntry, Binding, IssuerStore, TokenRecord, VerifyOutcome } from './types.ts';

/** Who asks: the integration API's client (`api:<name>`) or the sign-in demo, and from where. */
export interface VerifyRequest {
  companyId: string;
  userId: string;
  code: string;
  actor?: string;
  address?: string | null;
}

/** What the verifier remembers per user between requests; the database stays the authority. */
interface VerifierState {
  serial: string | null;
  type: TokenType;
  stopped: boolean;
  status: TokenRecord['status'] | null;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  sealedSeed: Uint8Array;
  lastStep: number;
  drift: number;
  validUntil: number | null;
}

export type MakeSign = (secret: Uint8Array, algorithm: HashAlgorithm) => Promise<Sign>;

export function webCryptoSign(secret: Uint8Array, algorithm: HashAlgorithm): Promise<Sign> {
  return crypto.subtle
    .importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: webCryptoHash[algorithm] }, false, ['sign'])
    .then((key) => async (message: Uint8Array) =>
      new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(message))));
}

const userKey = (companyId: string, userId: string) => `${companyId}\u0000${userId}`;

function auditEntry(a: VerifyRequest, at: number, serial: string | null, outcome: string): AuditEntry {
  return { at, actor: a.actor ?? `user:${a.userId}`, action: 'verify', companyId: a.companyId, userId: a.userId, serial, outcome, address: a.address ?? null };
}

export interface VerifierOptions {
  store: IssuerStore;
  masterKey: CryptoKey;
  audit: AuditQueue;
  makeSign?: MakeSign | undefined;
  openSeed?: OpenSeed | undefined;
  window: number;
  maxDrift: number;
  lookAhead: number;
  maxFailures: number;
}

export class Verifier {
  #o: VerifierOptions;
  #makeSign: MakeSign;
  #openSeed: OpenSeed;
  #states = new Map<string, VerifierState>();
  /** Decrypted HMAC keys by serial: a serial's seed never changes, so these never go stale. */
  #signs = new Map<string, Promise<Sign>>();

  constructor(o: VerifierOptions) {
    this.#o = o;
    this.#makeSign = o.makeSign ?? webCryptoSign;
    this.#openSeed = o.openSeed ?? openSeed;
  }

  /** The HMAC key of a token, opened once. */
  sign(serial: string, sealedSeed: Uint8Array, algorithm: HashAlgorithm): Promise<Sign> {
    let sign = this.#signs.get(serial);
    if (!sign) {
      sign = this.#openSeed(this.#o.masterKey, serial, sealedSeed).then((seed) => {
        const made = this.#makeSign(seed, algorithm);
        seed.fill(0); // the HMAC key holds its own copy
        return made;
      });
      sign.catch(() => this.#signs.delete(serial));
      this.#signs.set(serial, sign);
    }
    return sign;
  }

  /** Load every user's verifier state in one query, so verification never waits on a cold cache. */
  async warm(): Promise<number> {
    const bindings = await this.#o.store.loadAllBindings();
    for (const b of bindings) this.#remember(b);
    return bindings.length;
  }

  /** Drop cached states of a company after an administrative change. */
  forget(companyId: string): void {
    const prefix = `${companyId}\u0000`;
    for (const key of this.#states.keys()) if (key.startsWith(prefix)) this.#states.delete(key);
  }

  #remember(b: Binding): VerifierState {
    const t = b.token;
    const state: VerifierState = {
      serial: t ? t.serial : null, type: typeOf(t), stopped: b.user.stopped, status: t ? t.status : null,
      algorithm: t?.algorithm ?? DEFAULTS.algorithm, digits: t?.digits ?? DEFAULTS.digits, period: t?.period ?? DEFAULTS.period,
      sealedSeed: t?.sealedSeed ?? new Uint8Array(), lastStep: t?.lastStep ?? -1, drift: t?.drift ?? 0,
      validUntil: t?.validUntil ?? null,
    };
    this.#states.set(userKey(b.user.companyId, b.user.userId), state);
    return state;
  }

  async #load(companyId: string, userId: string): Promise<VerifierState | null> {
    const binding = await this.#o.store.loadBinding(companyId, userId);
    return binding ? this.#remember(binding) : null;
  }

  #log(a: VerifyRequest, now: number, outcome: string, serial?: string | null): void {
    this.#o.audit.queue(auditEntry(a, now, serial ?? null, outcome));
  }

  /**
   * Check a user's code at `now` (the server's clock). On the usual path this is one statement:
   * the conditional UPDATE that accepts the step.
   */
  async verify(a: VerifyRequest, now: number): Promise<VerifyOutcome> {
    const { store, audit, window, maxDrift, lookAhead, maxFailures } = this.#o;
    // Refusals that change nothing are queued (#log); an acceptance and a counted failure are
    // written with their own statement (acceptStep, recordFailure). No closures on this path:
    // each would be made, and named by the loader (tsx keeps names), for every request.

    let state = this.#states.get(userKey(a.companyId, a.userId)) ?? null;
    // Cached refusal states may be stale (another server process may have acted): recheck them.
    if (!state || state.status !== 'active') state = await this.#load(a.companyId, a.userId);
    for (let attempt = 0; attempt < 3; attempt++) {
      // Not logged under the company: anyone can name any company or user.
      if (!state) return audit.queue({ ...auditEntry(a, now, null, 'unknown-user'), companyId: null, userId: null }), 'refused';
      if (!state.serial || !state.status) {
        return state.stopped ? (this.#log(a, now, 'stopped'), 'stopped') : (this.#log(a, now, 'no-token'), 'refused');
      }
      const refused = STATUS_MEANING[state.status].signIn;
      if (refused) return this.#log(a, now, refused.audit, state.serial), refused.answer;
      if (state.validUntil !== null && now >= state.validUntil) return this.#log(a, now, 'token-expired', state.serial), 'refused';

      const serial = state.serial;
      const match = await TOKEN_TYPES[state.type].match({
        sign: await this.sign(serial, state.sealedSeed, state.algorithm), code: a.code, token: state, now, window, maxDrift, lookAhead,
      });
      if (match.kind === 'match') {
        if (await store.acceptStep({ companyId: a.companyId, userId: a.userId, serial, step: match.step, drift: match.drift, audit: auditEntry(a, now, serial, 'ok') })) {
          // A concurrent success may have raised lastStep in between; never lower it.
          state.lastStep = Math.max(state.lastStep, match.step);
          state.drift = match.drift;
          return 'ok';
        }
        state = await this.#load(a.companyId, a.userId); // refused by the database: see why
        continue;
      }
      if (match.kind === 'replay') return this.#log(a, now, 'replay', serial), 'refused';

      const counted = await store.recordFailure({
        companyId: a.companyId, userId: a.userId, serial, maxFailures, lockedStatus: next('lock', 'active'), audit: auditEntry(a, now, serial, 'refused'),
      });
      if (!counted) {
        state = await this.#load(a.companyId, a.userId);
        continue;
      }
      state.status = counted.status;
      return counted.status === 'locked' ? 'locked' : 'refused';
    }
    return this.#log(a, now, 'refused'), 'refused';
  }
}
