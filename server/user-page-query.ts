/** `?q=&offset=&limit=` of the user lists (docs/api.md); a bad value is `400 invalid-query`. */
import type { Context } from 'hono';
import { USER_PAGE, type UserPageRequest } from '../src/issuer/read-models.ts';
import { ApiError } from './errors.ts';

function whole(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) > max) throw new ApiError('invalid-query');
  return Number(text);
}

export function userPageQuery(c: Context, defaultSize: number = USER_PAGE.defaultSize): UserPageRequest {
  const q = (c.req.query('q') ?? '').trim();
  if (Array.from(q).length > USER_PAGE.queryLength) throw new ApiError('invalid-query');
  const limit = whole(c.req.query('limit'), defaultSize, USER_PAGE.maxSize);
  if (limit === 0) throw new ApiError('invalid-query');
  return { q, offset: whole(c.req.query('offset'), 0, 100_000_000), limit };
}
