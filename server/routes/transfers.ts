/**
 * Transfers with transaction signing: the demo internet banking's (`/api/signin/transfer`, for a
 * user signed in there: the database-held `customer` session) and the bank systems' (`/api/v1/transactions`, `/api/v1/verify-transaction`,
 * with the bearer key VERIFY_API_KEY). A failure counts against a token only from a signed-in
 * user or a holder of the key. docs/api.md "Transaction signing".
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { TransactionError as DetailsError } from '../../src/core/transaction.ts';
import { TransactionError, type Transactions } from '../../src/issuer/transactions.ts';
import { ApiError } from '../errors.ts';
import { jsonBody, requireRole, type Deps, type Env } from '../http.ts';
import { Id, SignatureCode } from '../schemas.ts';
import { apiClientCheck } from './integration.ts';

/** The demo bank's own payees: the internet banking fills in bank and branch. */
const DEMO_PAYEE_BANK = { bank: 'デモ信用金庫', branch: '本店営業部' };

const Text = v.pipe(v.string(), v.maxLength(64));
const Amount = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9_999_999_999));
const Account = v.pipe(v.string(), v.regex(/^[0-9]{7}$/));
const Challenge = v.pipe(v.string(), v.maxLength(64));
const BankingTransfer = v.object({ account: Account, amount: Amount, name: v.optional(Text) });
const BankingConfirm = v.object({ challenge: Challenge, code: SignatureCode });
const SystemTransfer = v.object({ companyId: Id, userId: Id, bank: Text, branch: Text, account: Account, name: Text, amount: Amount });
const SystemVerify = v.object({ companyId: Id, userId: Id, challenge: Challenge, code: SignatureCode });

/** The signed-in internet-banking user of the request's session (held in the database, so any instance knows it). */
function customer(c: Context<Env>): { companyId: string; userId: string } {
  const s = c.get('session');
  return { companyId: s.companyId ?? '', userId: s.user };
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
  // Signed in on /signin/ with password and code (a `customer` session), with its CSRF token.
  banking.use('*', requireRole(d, 'customer'));
  banking.post('/', async (c) => {
    const now = d.now();
    const who = customer(c);
    const b = await jsonBody(c, BankingTransfer);
    const issued = await challengeFor(d.transactions, {
      ...who, transfer: { ...DEMO_PAYEE_BANK, account: b.account, amount: b.amount, name: b.name?.trim() || `ﾌﾘｺﾐｻｷ ${b.account}` },
    }, now, `user:${who.userId}`);
    return c.json(issued, 201);
  });
  banking.post('/confirm', async (c) => {
    const now = d.now();
    const who = customer(c);
    const b = await jsonBody(c, BankingConfirm);
    return c.json({ outcome: await d.transactions.verify({ ...who, challenge: b.challenge, code: b.code }, now) });
  });

  const system = new Hono<Env>();
  const apiClient = apiClientCheck(d);
  // An API client's key (created on /bank/, or VERIFY_API_KEY's demo-ib) before anything is read.
  const actor = async (c: Context) => `api:${await apiClient(c)}`;
  system.post('/transactions', async (c) => {
    const by = await actor(c);
    const b = await jsonBody(c, SystemTransfer);
    const { companyId, userId, ...transfer } = b;
    return c.json(await challengeFor(d.transactions, { companyId, userId, transfer }, d.now(), by), 201);
  });
  system.post('/verify-transaction', async (c) => {
    const by = await actor(c);
    const b = await jsonBody(c, SystemVerify);
    return c.json({ outcome: await d.transactions.verify(b, d.now(), by) });
  });
  return { banking, system };
}
