/** Operations: liveness for the platform's health checks. */
import { Hono } from 'hono';
import type { Deps, Env } from '../http.ts';

export function opsRoutes(_d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/healthz', (c) => c.text('ok'));
  return app;
}
