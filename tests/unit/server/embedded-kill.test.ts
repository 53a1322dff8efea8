// The embedded database (PGlite, no DATABASE_URL): a kill -9 of the service under load loses no
// acceptance it answered. The database is opened again after the kill, as the next start would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from '../../../server/db.ts';
import { checkAuditChain } from '../../../server/sql-audit.ts';
import { referenceTotp } from '../../reference-otp.ts';
import { seededEmbeddedService, type ServiceProcess } from '../../service-process.ts';
import { loadUntilGone, whenAnswered } from './kill-under-load.ts';

vi.setConfig({ testTimeout: 180_000 });

const KEY = 'embedded-kill-test-key-0123456789';

describe('one instance on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-embedded-kill-'));
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 under load: every acceptance it answered is in the audit log and on its token after a restart', async () => {
    const started = await seededEmbeddedService(dataDir, 400, KEY, { ADMIN_PIN: 'kill1234' });
    service = started.service;
    const users = started.users;
    const url = service.url;
    const verify = async (i: number) => {
      const res = await fetch(`${url}/api/v1/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ companyId: 'demo', userId: users.userIds[i], code: referenceTotp(users.secrets[i]!, Date.now()) }),
      });
      return ((await res.json()) as { outcome: string }).outcome;
    };
    const { answered: answeredAt, done } = loadUntilGone(users.userIds.map((_, i) => i), verify);
    await whenAnswered(answeredAt, 60, 60_000);
    service.child.kill('SIGKILL');
    await done;
    await service.exited;
    const answered = answeredAt.map((i) => users.userIds[i]!);
    expect(answered.length).toBeGreaterThan(10);
    expect(answered.length).toBeLessThan(users.userIds.length); // it died mid-way

    const db = await openPglite(dataDir);
    try {
      const audited = await db.query<{ user_id: string }>(
        `SELECT user_id FROM audit WHERE action = 'verify' AND outcome = 'ok' AND user_id = ANY($1::text[])`, [answered]);
      expect(new Set(audited.map((r) => r.user_id))).toEqual(new Set(answered));
      // The step is spent too: the same code cannot be accepted again after the restart.
      const spent = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users u JOIN tokens t ON t.serial = u.serial WHERE u.user_id = ANY($1::text[]) AND t.last_step >= 0`, [answered]);
      expect(Number(spent[0]!.n)).toBe(answered.length);
      expect((await checkAuditChain(db)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});
