/**
 * Operations: GET /healthz (the process runs), /readyz (the database answers and the master key is
 * the one it was made with), /metrics (Prometheus text, only with `Authorization: Bearer
 * METRICS_TOKEN`; 404 when that is unset).
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Deps, Env } from '../http.ts';

export interface OpsOptions {
  metricsToken?: string | undefined;
  /** The database answers and the master key matches its check value. */
  ready: () => Promise<boolean>;
  /** False once shutdown has begun (the load balancer should stop sending). */
  accepting: () => boolean;
}

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(`Bearer ${expected}`);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function opsRoutes(d: Deps, o: OpsOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/readyz', async (c) => {
    let ready = false;
    try {
      ready = o.accepting() && (await o.ready());
    } catch {
      ready = false;
    }
    return c.text(ready ? 'ready' : 'not ready', ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    if (!o.metricsToken) return c.text('Not found', 404);
    if (!sameToken(c.req.header('authorization'), o.metricsToken)) return c.text('Unauthorized', 401, { 'WWW-Authenticate': 'Bearer' });
    return c.body(await d.metrics.registry.metrics(), 200, { 'Content-Type': d.metrics.registry.contentType });
  });
  return app;
}
