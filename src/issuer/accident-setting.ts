/**
 * 事故設定 (accident setting): the company administrator's own temporary stop of a user's token
 * after a loss or theft (in shared mode, the company's one token). Verification answers
 * `suspended` at once; the administrator lifts only this setting, never a stop the bank made.
 */
import type { SuspensionReason } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { next } from './lifecycle.ts';

/** The audit target: who was stopped, which token, and why. */
export function suspensionTarget(companyId: string, userId: string, serial: string | null, reason?: SuspensionReason): string {
  return `${companyId}/${userId}${serial ? ` ${serial}` : ''}${reason ? ` reason:${reason}` : ''}`;
}

async function change(
  ctx: IssuerContext, action: 'accident' | 'accident-clear', a: { companyId: string; userId: string; reason?: SuspensionReason },
  now: number, actor: string,
): Promise<void> {
  let serial: string | null = null;
  try {
    await ctx.store.transaction(async (tx) => {
      const user = await tx.getUser(a.companyId, a.userId);
      if (!user) throw new IssuerError('unknown-user');
      if (!user.serial) throw new IssuerError('no-token');
      const token = await tx.getToken(user.serial);
      if (!token) throw new IssuerError('no-token');
      serial = token.serial;
      if (action === 'accident-clear' && token.status === 'suspended') throw new IssuerError('suspended-by-bank');
      await tx.putToken({ ...token, status: next(action, token.status) });
    });
  } catch (error) {
    if (error instanceof IssuerError) {
      await ctx.audit.write({ at: now, actor, action, companyId: a.companyId, target: suspensionTarget(a.companyId, a.userId, serial, a.reason), outcome: error.code });
    }
    throw error;
  }
  ctx.verifier.forget(a.companyId);
  await ctx.audit.write({ at: now, actor, action, companyId: a.companyId, target: suspensionTarget(a.companyId, a.userId, serial, a.reason), outcome: 'ok' });
}

export function setAccident(ctx: IssuerContext, a: { companyId: string; userId: string; reason: SuspensionReason }, now: number, actor: string): Promise<void> {
  return change(ctx, 'accident', a, now, actor);
}

export function clearAccident(ctx: IssuerContext, a: { companyId: string; userId: string }, now: number, actor: string): Promise<void> {
  return change(ctx, 'accident-clear', a, now, actor);
}
