/**
 * Structured JSON logs (pino), one line per request with its id. Only method, path, status and
 * time are logged: never a body, so never a code, password, PIN or seed; `redact` guards the
 * fields a careless call might pass.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function makeLogger(o: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: o.level ?? 'info',
      base: { service: 'soft-token' },
      redact: { paths: ['code', 'password', 'pin', 'secret', 'seed', 'key', '*.code', '*.password', '*.pin', '*.secret', '*.seed', '*.key', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    o.destination,
  );
}

/** A request id from the caller when it looks like one, else a new one. */
export function requestId(given: string | undefined): string {
  return given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
}
