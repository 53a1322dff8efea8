/** `?q=&offset=&limit=` of the user lists (docs/api.md); a bad value is `400 invalid-query`. */
import type { Context } from 'hono';
import { USER_PAGE, type UserPageRequest } from '../src/issuer/read-models.ts';
import { queryParams } from './query-params.ts';
import { UserPageQueryParams } from './schemas.ts';

export function userPageQuery(c: Context, defaultSize: number = USER_PAGE.defaultSize): UserPageRequest {
  const { q, offset, limit } = queryParams(c, UserPageQueryParams);
  return { q, offset: offset ?? 0, limit: limit ?? defaultSize };
}
