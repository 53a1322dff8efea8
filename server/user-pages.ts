/**
 * The user lists of the screens as pages: the administrator's (one company) and the operator's
 * (every company), searched by part of the user ID or display name (the operator's also by
 * company ID or name and serial), any case, sorted by company and user ID. The count and the page
 * are two statements: the page joins tokens only for its own rows, so 5,000 users cost a count.
 */
import type { Queryable } from './db.ts';
import { SqlWhere } from './sql-where.ts';
import { TOKEN_COLUMNS, tokenFrom, USER_COLUMNS, userFrom } from './sql-store.ts';
import type { UserPage, UserPageQuery } from '../src/issuer/types.ts';

type Row = Record<string, unknown>;

/** `%part%` for LIKE … ESCAPE '\', the part taken literally. */
export function containsPattern(part: string): string {
  return `%${part.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function where(query: UserPageQuery): SqlWhere {
  const w = new SqlWhere();
  if (query.companyId !== undefined) w.add('u.company_id = ?', query.companyId);
  if (query.userId !== undefined) w.add('u.user_id = ?', query.userId);
  if (query.q !== '') {
    const like = w.param(containsPattern(query.q));
    const fields = ['u.user_id', "coalesce(u.display_name, '')"];
    if (query.companyId === undefined) fields.push('u.company_id', 'c.name', "coalesce(u.serial, '')");
    w.add(`(${fields.map((f) => `lower(${f}) LIKE ${like} ESCAPE '\\'`).join(' OR ')})`);
  }
  return w;
}

export async function pageUsers(db: Queryable, query: UserPageQuery, now: number): Promise<UserPage> {
  const filter = where(query);
  const counted = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u JOIN companies c ON c.company_id = u.company_id ${filter}`, [...filter.params],
  );
  const total = Number(counted[0]?.n ?? 0);
  if (total === 0 || query.offset >= total) return { rows: [], total };
  // The page's statement takes the filter's parameters first, then these.
  const limit = filter.param(query.limit);
  const offset = filter.param(query.offset);
  const at = filter.param(now);
  // The pending token: issued for the user, or for the company in shared mode; unassigned, unexpired.
  const rows = await db.query<Row>(
    `WITH page AS (
       SELECT u.* FROM users u JOIN companies c ON c.company_id = u.company_id ${filter}
       ORDER BY u.company_id COLLATE "C", u.user_id COLLATE "C" LIMIT ${limit} OFFSET ${offset}
     )
     SELECT ${USER_COLUMNS}, ${TOKEN_COLUMNS}, c.name AS c_name, p.serial AS p_serial
     FROM page u JOIN companies c ON c.company_id = u.company_id LEFT JOIN tokens t ON t.serial = u.serial
     LEFT JOIN LATERAL (
       SELECT serial FROM tokens x
       WHERE x.company_id = u.company_id AND x.status = 'unassigned' AND (x.expires_at IS NULL OR x.expires_at > ${at})
         AND (x.reserved_for = u.user_id OR (x.reserved_for IS NULL AND c.usage_mode = 'shared'))
       ORDER BY x.reserved_for IS NULL, x.created_at DESC LIMIT 1
     ) p ON TRUE
     ORDER BY u.company_id COLLATE "C", u.user_id COLLATE "C"`,
    filter.params,
  );
  return {
    total,
    rows: rows.map((r) => ({
      companyId: r.u_company_id as string, companyName: r.c_name as string, user: userFrom(r), token: tokenFrom(r),
      pending: r.p_serial ? { serial: r.p_serial as string } : null,
    })),
  };
}
