/**
 * One status change of a user's token (in shared mode: the company's) by an administrator or the
 * bank: read and written in one transaction, then audited under the user and the token whether it
 * was made or refused, and the verifier's cache of the company dropped.
 */
import type { SuspensionReason } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { next, type TokenAction } from './lifecycle.ts';
import type { TokenRecord } from './types.ts';

/** The audit target: who was stopped, which token, and why. */
export function suspensionTarget(companyId: string, userId: string, serial: string | null, reason?: SuspensionReason): string {
  return `${companyId}/${userId}${serial ? ` ${serial}` : ''}${reason ? ` reason:${reason}` : ''}`;
}

export interface UserTokenChange {
  action: TokenAction;
  companyId: string;
  userId: string;
  reason?: SuspensionReason;
  /** What else the change refuses or resets, given the token as it is (its status follows the lifecycle). */
  apply?: (token: TokenRecord) => Partial<TokenRecord>;
}

export async function changeUserToken(ctx: IssuerContext, a: UserTokenChange, now: number, actor: string): Promise<void> {
  const { action, companyId, userId } = a;
  let serial: string | null = null;
  const audit = (outcome: string) => ctx.audit.write({
    at: now, actor, action, companyId, userId, serial, target: suspensionTarget(companyId, userId, serial, a.reason), outcome,
  });
  try {
    await ctx.store.transaction(async (tx) => {
      const user = await tx.getUser(companyId, userId);
      if (!user) throw new IssuerError('unknown-user');
      if (!user.serial) throw new IssuerError('no-token');
      const token = await tx.getToken(user.serial);
      if (!token) throw new IssuerError('no-token');
      serial = token.serial;
      await tx.putToken({ ...token, ...a.apply?.(token), status: next(action, token.status) });
    });
  } catch (error) {
    if (error instanceof IssuerError) await audit(error.code);
    throw error;
  }
  ctx.verifier.forget(companyId);
  await audit('ok');
}
