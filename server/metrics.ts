/** Prometheus metrics (prom-client) for GET /metrics: verifications, latency, throttles, locks, the database pool. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly verifications = new Counter({ name: 'softtoken_verifications_total', help: 'Code verifications by outcome', labelNames: ['outcome', 'via'] as const, registers: [this.registry] });
  readonly verifySeconds = new Histogram({
    name: 'softtoken_verify_duration_seconds', help: 'Time to answer a verification', labelNames: ['via'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1], registers: [this.registry],
  });
  readonly throttled = new Counter({ name: 'softtoken_throttled_total', help: 'Requests refused by a throttle (429)', labelNames: ['what'] as const, registers: [this.registry] });
  readonly locked = new Counter({ name: 'softtoken_locked_total', help: 'Tokens and confirmation PINs locked by repeated failures', labelNames: ['what'] as const, registers: [this.registry] });
  readonly authFailures = new Counter({ name: 'softtoken_auth_failures_total', help: 'Refused passwords and API keys', labelNames: ['what'] as const, registers: [this.registry] });

  constructor(pool?: () => { total: number; idle: number; waiting: number }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'softtoken_' });
    if (pool) {
      const gauge = (name: string, help: string, pick: (p: { total: number; idle: number; waiting: number }) => number) =>
        new Gauge({ name, help, registers: [this.registry], collect() { this.set(pick(pool())); } });
      gauge('softtoken_db_pool_connections', 'Database connections open', (p) => p.total);
      gauge('softtoken_db_pool_idle', 'Database connections idle', (p) => p.idle);
      gauge('softtoken_db_pool_waiting', 'Queries waiting for a connection', (p) => p.waiting);
    }
  }
}
