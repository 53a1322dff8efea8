/** A GET request's query checked against its schema; anything else is `400 invalid-query`, which the screens say in words. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError } from './errors.ts';

export function queryParams<T>(c: Context, schema: v.GenericSchema<Record<string, string>, T>): T {
  const parsed = v.safeParse(schema, c.req.query());
  if (!parsed.success) throw new ApiError('invalid-query');
  return parsed.output;
}
