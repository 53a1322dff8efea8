/**
 * 解約 (cancellation, on the company's written request, e.g. after a token locked during a phone
 * change): every OTP setting of the company cleared in one transaction. Every token of the company
 * is retired, every user goes back to `none` (not `stopped`), the usage mode stays.
 */
import type { CancelContractResponse as CancelResult } from './api-types.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { next } from './lifecycle.ts';

export async function cancelContract(ctx: IssuerContext, companyId: string, now: number, actor: string): Promise<CancelResult> {
  const result = await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    const tokens = await tx.listCompanyTokens(companyId);
    for (const token of tokens) await tx.putToken({ ...token, status: next('cancel', token.status) });
    const users = await tx.listUsers(companyId);
    for (const user of users) await tx.putUser({ ...user, serial: null, stopped: false });
    await tx.putCompany({ ...company, sharedSerial: null });
    return { companyId, companyName: company.name, retired: tokens.length, users: users.length };
  });
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action: 'cancel', companyId, target: `${companyId} tokens:${result.retired} users:${result.users}`, outcome: 'ok' });
  return result;
}
