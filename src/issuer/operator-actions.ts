/** The bank operator's unlock, suspend and resume of a user's token (in shared mode: the company's). */
import type { OperatorAction, SuspensionReason } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { changeUserToken } from './user-token-change.ts';

export function operatorAction(
  ctx: IssuerContext, action: OperatorAction, companyId: string, userId: string, now: number, actor: string,
  reason?: SuspensionReason,
): Promise<void> {
  // Whatever the bank does, the count of wrong codes starts again.
  return changeUserToken(ctx, { action, companyId, userId, ...(reason ? { reason } : {}), apply: () => ({ failures: 0 }) }, now, actor);
}
