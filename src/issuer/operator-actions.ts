/** The bank operator's unlock, suspend and resume of a user's token (in shared mode: the company's). */
import { suspensionTarget } from './accident-setting.ts';
import type { OperatorAction, SuspensionReason } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { next } from './lifecycle.ts';

export async function operatorAction(
  ctx: IssuerContext, action: OperatorAction, companyId: string, userId: string, now: number, actor: string,
  reason?: SuspensionReason,
): Promise<void> {
  let serial: string | null = null;
  const target = () => suspensionTarget(companyId, userId, serial, reason);
  try {
    await ctx.store.transaction(async (tx) => {
      const user = await tx.getUser(companyId, userId);
      if (!user) throw new IssuerError('unknown-user');
      if (!user.serial) throw new IssuerError('no-token');
      const token = await tx.getToken(user.serial);
      if (!token) throw new IssuerError('no-token');
      serial = token.serial;
      await tx.putToken({ ...token, status: next(action, token.status), failures: 0 });
    });
  } catch (error) {
    if (error instanceof IssuerError) await ctx.audit.write({ at: now, actor, action, companyId, userId, serial, target: target(), outcome: error.code });
    throw error;
  }
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action, companyId, userId, serial, target: target(), outcome: 'ok' });
}
