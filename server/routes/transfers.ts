/**
 * Transfers with transaction signing: the demo internet banking's (`/api/signin/transfer`, for a
 * user signed in there) and the bank systems' (`/api/v1/transactions`, `/api/v1/verify-transaction`,
 * with the bearer key VERIFY_API_KEY). A failure counts against a token only from a signed-in
 * user or a holder of the key. docs/api.md "Transaction signing".
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { TransactionError as DetailsError } from '../../src/core/transaction.ts';
import { TransactionError, type Transactions } from '../../src/issuer/transactions.ts';
import { ApiError } from '../errors.ts';
import { jsonBody, type Deps, type Env } from '../http.ts';
import { Id } from '../schemas.ts';
import { apiClientCheck } from './integration.ts';

export const BANKING_COOKIE = 'st_ib';
const BANKING_IDLE_MS = 15 * 60 * 1000;
/** The demo bank's own payees: the internet banking fills in bank and branch. */
const DEMO_PAYEE_BANK = { bank: 'デモ信用金庫', branch: '本店営業部' };

const Text = v.pipe(v.string(), v.maxLength(64));
const Amount = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9_999_999_999));
const Account = v.pipe(v.string(), v.regex(/^[0-9]{7}$/));
const Challenge = v.pipe(v.string(), v.maxLength(64));
const Code = v.pipe(v.string(), v.maxLength(16));
const BankingTransfer = v.object({ account: Account, amount: Amount, name: v.optional(Text) });
const BankingConfirm = v.object({ challenge: Challenge, code: Code });
const SystemTransfer = v.object({ companyId: Id, userId: Id, bank: Text, branch: Text, account: Account, name: Text, amount: Amount });
const SystemVerify = v.object({ companyId: Id, userId: Id, challenge: Challenge, code: Code });

/** Signed-in internet-banking users, in memory (a restart signs them out; one instance's own). */
export class BankingSessions {
  #byId = new Map<string, { companyId: string; userId: string; lastSeen: number }>();

  open(c: Context, companyId: string, userId: string, now: number): void {
    if (this.#byId.size > 10_000) for (const [k, s] of this.#byId) if (now - s.lastSeen > BANKING_IDLE_MS) this.#byId.delete(k);
    const id = randomBytes(32).toString('base64url');
    this.#byId.set(id, { companyId, userId, lastSeen: now });
    setCookie(c, BANKING_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/api/signin', secure: c.req.url.startsWith('https:') });
  }

  get(c: Context, now: number): { companyId: string; userId: string } {
    const id = getCookie(c, BANKING_COOKIE);
    const s = id ? this.#byId.get(id) : undefined;
    if (!s || now - s.lastSeen > BANKING_IDLE_MS) throw new ApiError('unauthenticated');
    s.lastSeen = now;
    return s;
  }
}


async function challengeFor(t: Transactions, a: Parameters<Transactions['createChallenge']>[0], now: number, actor: string) {
  try {
    return await t.createChallenge(a, now, actor);
  } catch (e) {
    if (e instanceof TransactionError) throw new ApiError(e.code === 'no-token' ? 'no-token' : 'invalid-body');
    if (e instanceof DetailsError) throw new ApiError('invalid-body');
    throw e;
  }
}

export function transferRoutes(d: Deps & { transactions: Transactions }) {
  const banking = new Hono<Env>();
  banking.post('/', async (c) => {
    const now = d.now();
    const who = d.banking.get(c, now);
    const b = await jsonBody(c, BankingTransfer);
    const issued = await challengeFor(d.transactions, {
      ...who, transfer: { ...DEMO_PAYEE_BANK, account: b.account, amount: b.amount, name: b.name?.trim() || `ﾌﾘｺﾐｻｷ ${b.account}` },
    }, now, `user:${who.userId}`);
    return c.json(issued, 201);
  });
  banking.post('/confirm', async (c) => {
    const now = d.now();
    const who = d.banking.get(c, now);
    const b = await jsonBody(c, BankingConfirm);
    return c.json({ outcome: await d.transactions.verify({ ...who, challenge: b.challenge, code: b.code }, now) });
  });

  const system = new Hono<Env>();
  const apiClient = apiClientCheck(d);
  system.use('*', async (c, next) => {
    await apiClient(c); // an API client's key (created on /bank/, or VERIFY_API_KEY's demo-ib)
    await next();
  });
  system.post('/transactions', async (c) => {
    const b = await jsonBody(c, SystemTransfer);
    const { companyId, userId, ...transfer } = b;
    return c.json(await challengeFor(d.transactions, { companyId, userId, transfer }, d.now(), 'api'), 201);
  });
  system.post('/verify-transaction', async (c) => {
    const b = await jsonBody(c, SystemVerify);
    return c.json({ outcome: await d.transactions.verify(b, d.now(), 'api') });
  });
  return { banking, system };
}
