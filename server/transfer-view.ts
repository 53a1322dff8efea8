/** Transfer challenges as the screens show them (the approvals), a page at a time (docs/api.md "Transaction signing"). */
import type { Context } from 'hono';
import * as v from 'valibot';
import type { TransferPage, TransferView } from '../src/issuer/api-types.ts';
import { challengeOutcome, type ChallengeRecord, type Transactions } from '../src/issuer/transactions.ts';
import { queryParams } from './query-params.ts';
import { Id } from './schemas.ts';

/** `before`: the cursor of the previous page's last transfer, `<created ms>.<id>`. */
const TransferQuery = v.object({
  user: v.optional(Id),
  company: v.optional(Id),
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[0-9a-f-]{36}$/))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200))),
});

export function transferView(c: ChallengeRecord, now: number, withCompany: boolean): TransferView {
  return {
    id: c.id, at: new Date(c.createdAt).toISOString(), userId: c.userId, serial: c.serial,
    bank: c.bank, branch: c.branch, account: c.account, payee: c.name, amount: c.amount,
    outcome: challengeOutcome(c, now), answeredAt: c.usedAt ? new Date(c.usedAt).toISOString() : null,
    ...(withCompany ? { companyId: c.companyId } : {}),
  };
}

/** One page of `companyId`'s transfers (undefined: every company's, or `?company=`), newest first. */
export async function transferPage(t: Transactions | undefined, c: Context, companyId: string | undefined, now: number): Promise<TransferPage> {
  const q = queryParams(c, TransferQuery);
  if (!t) return { transfers: [], next: null };
  const company = companyId ?? q.company;
  const [at, id] = q.before?.split('.') ?? [];
  const page = await t.listChallenges({
    limit: q.limit ?? 50,
    ...(company !== undefined ? { companyId: company } : {}), ...(q.user !== undefined ? { userId: q.user } : {}),
    ...(at && id ? { before: { createdAt: Number(at), id } } : {}),
  });
  return {
    transfers: page.challenges.map((x) => transferView(x, now, companyId === undefined)),
    next: page.next ? `${page.next.createdAt}.${page.next.id}` : null,
  };
}
