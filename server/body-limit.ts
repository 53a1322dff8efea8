/**
 * Request size limit for the API. Hono's bodyLimit reads `c.req.raw.body`, which makes
 * @hono/node-server build a full web Request and a web stream for every request (a third of the
 * verifier's time). When Content-Length gives the size (Node's parser holds the body to it), the
 * header alone decides and the body is later read straight from the socket; only a chunked body
 * goes through Hono's streaming count.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit';

export function bodyLimit(maxSize: number, onError: (c: Context) => never): MiddlewareHandler {
  const streamed = streamingBodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length, 10) > maxSize) onError(c);
      return next();
    }
    return streamed(c, next);
  };
}
