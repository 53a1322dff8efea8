/**
 * What the screens show. One rule for a user's displayed status (`displayedStatus`), so the
 * administrator's company view and the operator's search agree on every user.
 */
import type { BankUserPage, BankUserView, CompanyView, UserView } from './api-types.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { STATUS_MEANING } from './lifecycle.ts';
import type { TokenRecord, UserRecord, UserSearchRow } from './types.ts';

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

/** Pages of the user lists: 50 users unless asked, 200 at most; a search of 64 characters at most. */
export const USER_PAGE = { defaultSize: 50, maxSize: 200, queryLength: 64 } as const;

export interface UserPageRequest {
  q: string;
  offset: number;
  limit: number;
}

const FIRST_PAGE: UserPageRequest = { q: '', offset: 0, limit: USER_PAGE.defaultSize };

function userViewOf(r: UserSearchRow): UserView {
  return {
    userId: r.user.userId,
    ...(r.user.displayName ? { displayName: r.user.displayName } : {}),
    ...displayedStatus(r.user, r.token, r.pending),
  };
}

/** The company and one page of its users; only the page's users and tokens are read. */
export async function companyView(ctx: IssuerContext, companyId: string, now: number, page: UserPageRequest = FIRST_PAGE): Promise<CompanyView> {
  return ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    const { rows, total } = await tx.pageUsers({ companyId, ...page }, now);
    const pinLocked = (company.pinFailures ?? 0) >= ctx.settings.maxPinFailures;
    const view: CompanyView = {
      companyId, name: company.name, usageMode: company.usageMode, pinLocked, users: rows.map(userViewOf), userPage: { ...page, total },
    };
    if (company.sharedSerial) view.sharedSerial = company.sharedSerial;
    return view;
  });
}

/** The operator's search over every company, one page. */
export async function bankUserPage(ctx: IssuerContext, page: UserPageRequest, now: number): Promise<BankUserPage> {
  const { rows, total } = await ctx.store.transaction((tx) => tx.pageUsers(page, now));
  return { users: rows.map((r) => ({ companyId: r.companyId, companyName: r.companyName, ...userViewOf(r) })), ...page, total };
}

export async function searchUsers(ctx: IssuerContext, q: string, now: number, limit = 100): Promise<BankUserView[]> {
  return (await bankUserPage(ctx, { q, offset: 0, limit }, now)).users;
}

/** One user as companyView shows it. */
export async function userView(ctx: IssuerContext, companyId: string, userId: string, now: number): Promise<UserView | undefined> {
  const { rows } = await ctx.store.transaction((tx) => tx.pageUsers({ companyId, userId, q: '', offset: 0, limit: 1 }, now));
  return rows[0] ? userViewOf(rows[0]) : undefined;
}
