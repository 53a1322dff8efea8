/**
 * 事故設定 (accident setting): the company administrator's own temporary stop of a user's token
 * after a loss or theft (in shared mode, the company's one token). Verification answers
 * `suspended` at once; the administrator lifts only this setting, never a stop the bank made.
 */
import type { SuspensionReason } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { changeUserToken } from './user-token-change.ts';

function change(
  ctx: IssuerContext, action: 'accident' | 'accident-clear', a: { companyId: string; userId: string; reason?: SuspensionReason },
  now: number, actor: string,
): Promise<void> {
  return changeUserToken(ctx, {
    action, ...a,
    apply: (token) => {
      if (action === 'accident-clear' && token.status === 'suspended') throw new IssuerError('suspended-by-bank');
      return {};
    },
  }, now, actor);
}

export function setAccident(ctx: IssuerContext, a: { companyId: string; userId: string; reason: SuspensionReason }, now: number, actor: string): Promise<void> {
  return change(ctx, 'accident', a, now, actor);
}

export function clearAccident(ctx: IssuerContext, a: { companyId: string; userId: string }, now: number, actor: string): Promise<void> {
  return change(ctx, 'accident-clear', a, now, actor);
}
