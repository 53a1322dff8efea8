/** The bank operator's unlock, suspend and resume of a user's token (in shared mode: the company's). */
import type { OperatorAction } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { next } from './lifecycle.ts';

export async function operatorAction(
  ctx: IssuerContext, action: OperatorAction, companyId: string, userId: string, now: number, actor: string,
): Promise<void> {
  const target = `${companyId}/${userId}`;
  try {
    await ctx.store.transaction(async (tx) => {
      const user = await tx.getUser(companyId, userId);
      if (!user) throw new IssuerError('unknown-user');
      if (!user.serial) throw new IssuerError('no-token');
      const token = await tx.getToken(user.serial);
      if (!token) throw new IssuerError('no-token');
      await tx.putToken({ ...token, status: next(action, token.status), failures: 0 });
    });
  } catch (error) {
    if (error instanceof IssuerError) await ctx.audit.write({ at: now, actor, action, companyId, target, outcome: error.code });
    throw error;
  }
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action, companyId, target, outcome: 'ok' });
}
