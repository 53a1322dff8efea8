/**
 * What the screens show. One rule for a user's displayed status (`displayedStatus`), so the
 * administrator's company view and the operator's search agree on every user.
 */
import type { BankUserView, CompanyView, UserView } from './api-types.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { STATUS_MEANING } from './lifecycle.ts';
import type { TokenRecord, UserRecord } from './types.ts';

/**
 * `bound`: the token the user signs in with; `pending`: an unexpired unassigned token issued for
 * the user (or, in shared mode, for the company). A bound token wins; then a pending one.
 */
export function displayedStatus(user: Pick<UserRecord, 'stopped'>, bound: TokenRecord | null | undefined, pending: Pick<TokenRecord, 'serial'> | null | undefined): Omit<UserView, 'userId'> {
  const shows = bound ? STATUS_MEANING[bound.status].shows : null;
  if (bound && shows) return { serial: bound.serial, ...shows };
  if (pending) return { serial: pending.serial, status: 'unassigned' };
  return { serial: null, status: user.stopped ? 'stopped' : 'none' };
}

/** Whether `t` is a token waiting for registration at `now`. */
export function isPending(t: TokenRecord, now: number): boolean {
  return t.status === 'unassigned' && (t.expiresAt === null || t.expiresAt > now);
}

export async function companyView(ctx: IssuerContext, companyId: string, now: number): Promise<CompanyView> {
  return ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    const tokens = new Map((await tx.listCompanyTokens(companyId)).map((t) => [t.serial, t]));
    const pendingFor = new Map<string, TokenRecord>();
    let sharedPending: TokenRecord | undefined;
    for (const t of tokens.values()) {
      if (!isPending(t, now)) continue;
      if (t.reservedFor) pendingFor.set(t.reservedFor, t);
      else sharedPending = t;
    }
    const users = (await tx.listUsers(companyId))
      .sort((x, y) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0))
      .map((u): UserView => ({
        userId: u.userId,
        ...(u.displayName ? { displayName: u.displayName } : {}),
        ...displayedStatus(u, u.serial ? tokens.get(u.serial) : null, pendingFor.get(u.userId) ?? (company.usageMode === 'shared' ? sharedPending : undefined)),
      }));
    const pinLocked = (company.pinFailures ?? 0) >= ctx.settings.maxPinFailures;
    const view: CompanyView = { companyId, name: company.name, usageMode: company.usageMode, pinLocked, users };
    if (company.sharedSerial) view.sharedSerial = company.sharedSerial;
    return view;
  });
}

export async function searchUsers(ctx: IssuerContext, q: string, now: number, limit = 100): Promise<BankUserView[]> {
  const rows = await ctx.store.searchUsers(q, limit, now);
  return rows.map((r) => ({
    companyId: r.companyId, companyName: r.companyName, userId: r.user.userId,
    ...displayedStatus(r.user, r.token, r.pending),
  }));
}

/** One user as companyView shows it. */
export async function userView(ctx: IssuerContext, companyId: string, userId: string, now: number): Promise<UserView | undefined> {
  return (await companyView(ctx, companyId, now)).users.find((u) => u.userId === userId);
}
