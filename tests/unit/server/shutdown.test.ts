// SIGTERM on a real service process under load: the requests in flight get their answers, a new
// connection is refused, every audit entry (the acceptances and the queued refusals) is written
// and sealed, and the process exits 0 within 10 s.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { openPglite } from '../../../server/db.ts';
import { checkAuditChain } from '../../../server/sql-audit.ts';
import { verifyRequests } from '../../../bench/verify-load.ts';
import { seededEmbeddedService, type ServiceProcess } from '../../service-process.ts';

vi.setConfig({ testTimeout: 240_000 });

const KEY = 'shutdown-test-key-0123456789';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-shutdown-'));
let service: ServiceProcess | undefined;
afterAll(async () => {
  await service?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Send `request` on a new connection, all of it or (`held`) all but its last bytes until `rest()`;
 * its status and body, or the socket's error code.
 */
function exchange(port: number, request: Buffer, held = 0): { answer: Promise<{ status: number; body: string } | { error: string }>; rest: () => void; sent: Promise<void> } {
  const socket = net.connect(port, '127.0.0.1');
  const sent = new Promise<void>((resolve) => socket.on('connect', () => socket.write(request.subarray(0, request.length - held), () => resolve())));
  const answer = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    let data = '';
    socket.on('data', (d) => {
      data += d.toString();
      const head = data.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(data)?.[1] ?? NaN);
      if (head >= 0 && data.length >= head + 4 + length) {
        socket.destroy();
        resolve({ status: Number(data.slice(9, 12)), body: data.slice(head + 4, head + 4 + length) });
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    socket.on('close', () => resolve({ error: data ? 'closed mid-answer' : 'closed without an answer' }));
  });
  return { answer, rest: () => socket.write(request.subarray(request.length - held)), sent };
}

it('SIGTERM under load: answers what it began, refuses new connections, writes the audit, exits within 10 s', async () => {
  const started = await seededEmbeddedService(dataDir, 400, KEY, { ADMIN_PIN: 'shutdown1' });
  service = started.service;
  const users = started.users;
  const port = service.port;
  const right = verifyRequests(users, 0, 400, KEY);
  // Unknown users: refusals that the audit queue writes a moment later.
  const ghosts = verifyRequests({ userIds: Array.from({ length: 20 }, (_, i) => `ghost${i}`), secrets: users.secrets }, 0, 20, KEY);

  // In flight for sure: 50 right codes and 20 unknown users whose headers the service has read,
  // their bodies' last bytes still to come.
  const begun = [...right.slice(0, 50), ...ghosts].map((r) => exchange(port, r, 5));
  await Promise.all(begun.map((b) => b.sent));
  const probe = await exchange(port, right[50]!).answer; // one whole round trip after them
  expect(probe).toEqual({ status: 200, body: '{"outcome":"ok"}' });
  // And a burst of 300 whole requests just before the signal.
  const burst = right.slice(51, 351).map((r) => exchange(port, r));
  await Promise.race(burst.map((b) => b.answer));
  const t0 = performance.now();
  service.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  for (const b of begun) b.rest();

  const begunAnswers = await Promise.all(begun.map((b) => b.answer));
  const burstAnswers = await Promise.all(burst.map((b) => b.answer));
  const exited = await service.exited;
  expect(exited).toEqual({ code: 0, signal: null });
  expect((performance.now() - t0) / 1000).toBeLessThan(10);
  expect(begunAnswers.slice(0, 50)).toEqual(Array(50).fill({ status: 200, body: '{"outcome":"ok"}' }));
  expect(begunAnswers.slice(50)).toEqual(Array(20).fill({ status: 200, body: '{"outcome":"refused"}' }));
  // Of the burst, each was answered, or refused at the door before the service read it (a client
  // retries those): nothing in between.
  const answeredOk = burstAnswers.filter((a) => 'status' in a && a.status === 200 && a.body === '{"outcome":"ok"}').length;
  const reset = burstAnswers.filter((a) => 'error' in a && a.error === 'ECONNRESET').length;
  expect(answeredOk + reset).toBe(300);
  expect(answeredOk).toBeGreaterThan(0);
  // Once it has stopped listening, a new connection is refused.
  expect(await exchange(port, right[399]!).answer).toEqual({ error: 'ECONNREFUSED' });

  const after = await openPglite(dataDir);
  try {
    // Every answered acceptance and every queued refusal is in the log, sealed; nothing else changed.
    const rows = await after.query<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM audit WHERE action = 'verify' GROUP BY outcome ORDER BY outcome`);
    expect(rows).toEqual([{ outcome: 'ok', n: 51 + answeredOk }, { outcome: 'unknown-user', n: 20 }]);
    const [used] = await after.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE last_step >= 0');
    expect(used!.n).toBe(51 + answeredOk);
    expect(await checkAuditChain(after)).toMatchObject({ ok: true, unsealed: 0 });
  } finally {
    await after.close();
  }
});
