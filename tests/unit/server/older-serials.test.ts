// Serials of the older, shorter form (4 letters + 7 digits + check digit) in a database made before
// the serial space grew: new tokens get the new form, and an older token still registers (step ⑧),
// verifies, shows on both screens' lists and resyncs, on each database.
import { beforeAll, expect, it, vi } from 'vitest';
import { BANK_SERIAL } from '../../../src/core/limits.ts';
import { isBankSerial } from '../../../src/core/serial.ts';
import { sealSeed } from '../../../src/issuer/seal.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS } from '../issuer/time-steps.ts';
import { API_KEY, PIN, describeService } from './service-fixture.ts';
import { postSession } from './test-cards.ts';

vi.setConfig({ testTimeout: 60_000 });

/** Made before the change: "28202928" (SKTS) + "0050964", Luhn check digit 5. */
const OLDER = 'SKTS00509645';

describeService('older_serials', 'older serials', ({ clock, s, db }) => {
  const secret = new Uint8Array(20).map((_, i) => i * 7 + 1);
  const code = (offset = 0) => referenceHotp(secret, Math.floor(clock.now / PERIOD_MS) + offset);

  beforeAll(async () => {
    // A token provisioned by the older service, as its row stands in the database.
    await db.query(
      `INSERT INTO tokens (serial, kind, sealed_seed, algorithm, digits, period, status, company_id, reserved_for, last_step, drift, failures, created_at, expires_at)
       VALUES ($1, 'software', $2, 'SHA1', 6, 30, 'unassigned', NULL, NULL, -1, 0, 0, $3, $4)`,
      [OLDER, await sealSeed(s.masterKey, OLDER, secret), clock.now - 86_400_000, clock.now + 30 * 86_400_000],
    );
  }, 120_000);
  const session = async (role: 'admin' | 'operator', user: string, password: string) => {
    const res = await postSession(s.app, { role, user, password }, { 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = (await res.json()) as { csrf: string };
    return { cookie, 'x-csrf-token': csrf };
  };

  it('a new token gets the new form: 4 letters, 9 digits and the check digit', async () => {
    const t = await s.issuer.provision(clock.now);
    expect(t.serial).toMatch(new RegExp(`^[A-Z]{4}[0-9]{${BANK_SERIAL.bodyDigits + 1}}$`));
    expect(t.serial).toHaveLength(14);
    expect(isBankSerial(t.serial)).toBe(true);
    expect(isBankSerial(OLDER)).toBe(true);
  });

  it('an older serial registers, verifies, shows on the screens and resyncs', async () => {
    const admin = await session('admin', 'admin', 'admin-pw');
    expect((await s.request('POST', '/api/admin/users', { userId: 'kenji', password: 'user-password-1' }, admin)).status).toBe(201);
    // Typed as people do: lower case with spaces (compared upper-cased).
    const reg = await s.request('POST', '/api/admin/users/kenji/register', { serial: 'skts 0050 9645', code: code(), pin: PIN }, admin);
    expect(await reg.json()).toEqual({ userId: 'kenji', serial: OLDER, status: 'active', replaced: null });
    clock.now += PERIOD_MS;

    const verify = await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'kenji', code: code() }, { authorization: `Bearer ${API_KEY}` });
    expect(await verify.json()).toEqual({ outcome: 'ok' });

    const company = (await (await s.request('GET', '/api/admin/company', undefined, admin)).json()) as { users: Array<{ userId: string; serial: string | null }> };
    expect(company.users.find((u) => u.userId === 'kenji')?.serial).toBe(OLDER);

    const operator = await session('operator', 'operator', 'operator-pw');
    const found = (await (await s.request('GET', `/api/bank/users?q=${OLDER}`, undefined, operator)).json()) as Array<{ userId: string; serial: string | null }>;
    expect(found.map((u) => [u.userId, u.serial])).toEqual([['kenji', OLDER]]);

    // The phone's clock ran 3 steps ahead; two consecutive codes bring the bank along.
    const resync = await s.request('POST', `/api/bank/tokens/${OLDER}/resync`, { codes: [code(3), code(4)] }, operator);
    expect(resync.status, await resync.clone().text()).toBe(200);
  });
});
