// Transfers signed with the token's OCRA key, over HTTP against the embedded database (and
// PostgreSQL with DATABASE_URL): a challenge is accepted once and within 5 minutes (the clock is
// stepped, nothing waits), only for its own payee and amount; a token exchanged or a user stopped
// or under 事故設定 in between is refused; wrong signatures count toward the token's lockout; the
// audit log names payee and amount. The phone's side is an independent node:crypto OCRA.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TransferPage } from '../../../src/issuer/api-types.ts';
import { CHALLENGE_TTL_MS, BANK_SIGNING_SUITE } from '../../../src/issuer/transactions.ts';
import { referenceOcra, transferQuestion, type Transfer } from '../../e2e/ocra-reference.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS, T0 } from '../issuer/time-steps.ts';
import { backends } from './backends.ts';
import { API_KEY, PIN, service, USER_PW, describeService } from './service-fixture.ts';

vi.setConfig({ testTimeout: 60_000 });

interface Issued { id: string; typed: string; qr: string; expiresAt: number }

describeService('transfers', 'transfers', ({ clock, s }) => {
  /** A user with a token and its signing key, signed in to the demo internet banking. */
  async function customer(userId: string) {
    const u = await s.userWithToken(userId);
    const key = await s.transactions!.issueSigningKey(u.serial);
    expect(key.suite).toBe(BANK_SIGNING_SUITE);
    const res = await s.request('POST', '/api/signin', { userId, password: USER_PW, code: u.code() });
    const body = (await res.json()) as { outcome: string; csrf: string };
    expect(body.outcome).toBe('ok');
    const session = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': body.csrf };
    const start = async (account: string, amount: number, name?: string): Promise<Issued> => {
      const r = await s.request('POST', '/api/signin/transfer', { account, amount, ...(name ? { name } : {}) }, session);
      expect(r.status).toBe(201);
      return (await r.json()) as Issued;
    };
    const confirm = async (challenge: string, code: string): Promise<string> => {
      const r = await s.request('POST', '/api/signin/transfer/confirm', { challenge, code }, session);
      expect(r.status).toBe(200);
      return ((await r.json()) as { outcome: string }).outcome;
    };
    /** The phone's response to the typed digits. */
    const sign = (typed: string) => referenceOcra(key.secret, BANK_SIGNING_SUITE, typed);
    return { ...u, key: key.secret, session, start, confirm, sign };
  }

  const transferOf = (qr: string): Transfer => {
    const q = new URL(qr.replace('soft-token-transfer:1', 'http://x/'));
    return {
      bank: q.searchParams.get('bank')!, branch: q.searchParams.get('branch')!, account: q.searchParams.get('account')!,
      name: q.searchParams.get('name')!, amount: Number(q.searchParams.get('amount')), nonce: q.searchParams.get('nonce')!,
    };
  };
  const audit = async (userId: string) => (await s.issuer.listAudit('demo', { userId })).filter((e) => e.action.startsWith('transfer'));

  it('a challenge is accepted once: typed digits and the QR form; the audit names payee and amount', async () => {
    const u = await customer('tx-once');
    const c = await u.start('1234567', 50_000);
    expect(c.typed).toMatch(/^123456750000\d{4}$/);
    const signature = u.sign(c.typed);
    expect(await u.confirm(c.id, signature)).toBe('ok');
    expect(await u.confirm(c.id, signature)).toBe('refused');

    const byQr = await u.start('7654321', 120_000, 'ﾔﾏﾀﾞ ﾀﾛｳ');
    const qrSignature = referenceOcra(u.key, BANK_SIGNING_SUITE, transferQuestion(transferOf(byQr.qr), 24));
    expect(await u.confirm(byQr.id, qrSignature)).toBe('ok');

    const entries = await audit('tx-once');
    const accepted = entries.filter((e) => e.action === 'transfer' && e.outcome === 'ok');
    expect(accepted.map((e) => e.detail)).toEqual([
      expect.stringMatching(/7654321 ﾔﾏﾀﾞ ﾀﾛｳ ¥120000 \(qr\)$/),
      expect.stringMatching(/1234567 .* ¥50000 \(typed\)$/),
    ]);
    expect(accepted.every((e) => e.serial === u.serial && e.userId === 'tx-once')).toBe(true);
    expect(entries.some((e) => e.outcome === 'replay' && /1234567 .* ¥50000/.test(e.detail ?? ''))).toBe(true);
    expect((await s.failures(u.serial)).failures).toBe(0);
  });

  it('expires after 5 minutes on the server clock', async () => {
    const u = await customer('tx-expiry');
    const inTime = await u.start('1111111', 1_000);
    const late = await u.start('2222222', 2_000);
    expect(late.expiresAt - clock.now).toBe(CHALLENGE_TTL_MS);
    clock.now += CHALLENGE_TTL_MS - 1;
    expect(await u.confirm(inTime.id, u.sign(inTime.typed))).toBe('ok');
    clock.now += 1;
    expect(await u.confirm(late.id, u.sign(late.typed))).toBe('refused');
    expect((await audit('tx-expiry')).some((e) => e.outcome === 'expired' && e.detail?.includes('2222222'))).toBe(true);
    // An expired challenge's wrong answer is not a failure of the token.
    expect((await s.failures(u.serial)).failures).toBe(0);
  });

  it('a signature for another payee or another amount is refused and uses the challenge up', async () => {
    const u = await customer('tx-details');
    const intended = await u.start('3333333', 10_000);
    const forIntended = u.sign(intended.typed);
    const otherPayee = await u.start('4444444', 10_000);
    expect(await u.confirm(otherPayee.id, forIntended)).toBe('refused');
    expect(await u.confirm(otherPayee.id, u.sign(otherPayee.typed))).toBe('refused'); // used up

    const otherAmount = await u.start('3333333', 99_000);
    const [, nonce] = /^\d{7}\d+(\d{4})$/.exec(otherAmount.typed)!;
    expect(await u.confirm(otherAmount.id, u.sign(`333333710000${nonce}`))).toBe('refused');
    // The QR form over different details: another amount in the signed question.
    const qr = await u.start('5555555', 7_000);
    const tampered = { ...transferOf(qr.qr), amount: 70_000 };
    expect(await u.confirm(qr.id, referenceOcra(u.key, BANK_SIGNING_SUITE, transferQuestion(tampered, 24)))).toBe('refused');
    expect((await s.failures(u.serial)).failures).toBe(3);
    expect((await audit('tx-details')).filter((e) => e.outcome === 'wrong-signature')).toHaveLength(3);
  });

  it('wrong signatures count toward the token’s lockout, shared with wrong codes', async () => {
    const u = await customer('tx-lock');
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const c = await u.start('6666666', 500 + i);
      outcomes.push(await u.confirm(c.id, '00000000'));
    }
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'refused']);
    // The fifth failure is a wrong one-time password: the token locks.
    const res = await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'tx-lock', code: '000000' }, { authorization: `Bearer ${API_KEY}` });
    expect(await res.json()).toEqual({ outcome: 'locked' });
    // A locked token still gets a challenge (it may be unlocked in time) but cannot answer it.
    const c = await u.start('6666666', 999);
    expect(await u.confirm(c.id, u.sign(c.typed))).toBe('locked');
    expect(await s.failures(u.serial)).toEqual({ status: 'locked', failures: 5 });
  });

  it('five wrong signatures alone lock the token', async () => {
    const u = await customer('tx-lock5');
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      const c = await u.start('7777777', 100 + i);
      outcomes.push(await u.confirm(c.id, String(10_000_000 + i)));
    }
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'refused', 'locked']);
    expect((await audit('tx-lock5')).filter((e) => e.action === 'transfer-failure')).toHaveLength(5);
  });

  it('a token exchanged between challenge and signature: the old challenge is refused', async () => {
    const u = await customer('tx-exchange');
    const c = await u.start('8888888', 30_000);
    const signature = u.sign(c.typed);
    const replacement = await s.issuer.provision(clock.now);
    const code = referenceHotp(replacement.secret, Math.floor(clock.now / PERIOD_MS));
    await s.issuer.register({ companyId: 'demo', userId: 'tx-exchange', serial: replacement.serial, code, pin: PIN }, clock.now, 'admin:admin');
    expect(await u.confirm(c.id, signature)).toBe('refused');
    expect((await audit('tx-exchange')).some((e) => e.outcome === 'token-changed')).toBe(true);
  });

  it('a user stopped in between: `stopped`; 事故設定 in between: `suspended`, like the code check', async () => {
    const stopped = await customer('tx-stopped');
    const c1 = await stopped.start('1212121', 4_000);
    await s.issuer.stop('demo', 'tx-stopped', clock.now, 'admin:admin');
    expect(await stopped.confirm(c1.id, stopped.sign(c1.typed))).toBe('stopped');

    const accident = await customer('tx-accident');
    const c2 = await accident.start('3434343', 4_000);
    await s.issuer.setAccident({ companyId: 'demo', userId: 'tx-accident', reason: 'lost' }, clock.now, 'admin:admin');
    expect(await accident.confirm(c2.id, accident.sign(c2.typed))).toBe('suspended');
    // A wrong signature meanwhile counts nothing: the token is not active.
    expect(await accident.confirm(c2.id, '12345678')).toBe('suspended');
    expect(await s.failures(accident.serial)).toEqual({ status: 'accident', failures: 0 });
    expect((await audit('tx-accident')).filter((e) => e.outcome === 'accident')).toHaveLength(2);
    // Lifted: the challenge (still open, still in time) is accepted.
    await s.issuer.clearAccident({ companyId: 'demo', userId: 'tx-accident' }, clock.now, 'admin:admin');
    expect(await accident.confirm(c2.id, accident.sign(c2.typed))).toBe('ok');
  });

  it('20 concurrent confirmations of one right signature: exactly one is accepted', async () => {
    const u = await customer('tx-race');
    const c = await u.start('5656565', 80_000);
    const signature = u.sign(c.typed);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => u.confirm(c.id, signature)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(19);
    expect((await audit('tx-race')).filter((e) => e.action === 'transfer' && e.outcome === 'ok')).toHaveLength(1);
  });

  it('transfers need the signed-in session and its CSRF token; another user’s challenge is unknown', async () => {
    const a = await customer('tx-owner');
    const b = await customer('tx-other');
    const c = await a.start('9090909', 1_234);
    expect((await s.request('POST', '/api/signin/transfer', { account: '9090909', amount: 1 })).status).toBe(401);
    expect((await s.request('POST', '/api/signin/transfer', { account: '9090909', amount: 1 }, { cookie: a.session.cookie })).status).toBe(403);
    expect(await b.confirm(c.id, a.sign(c.typed))).toBe('refused');
    expect(await a.confirm(c.id, a.sign(c.typed))).toBe('ok');
    // Bad input: a clear refusal, nothing stored.
    const bad = await s.request('POST', '/api/signin/transfer', { account: '12-34', amount: -5 }, a.session);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid-body' });
  });

  it('the internet banking’s confirmation: a response that is not digits is 400 invalid-code, counts and audits nothing, and the right one still works', async () => {
    const u = await customer('tx-banking-format');
    const c = await u.start('5555555', 5_000);
    await s.transferAudit.flush();
    const before = (await audit('tx-banking-format')).length;
    const right = u.sign(c.typed);
    // More than the lockout's five: letters, too short, too long, full-width digits (the screen folds
    // them before sending; the API takes ASCII only, as /api/v1/verify-transaction does), a space, empty.
    const bad = ['12ab5678', '123', '12345678901', '１２３４５６７８', `${right.slice(0, 4)} ${right.slice(4)}`, '', 'abcdefgh'];
    for (const code of bad) {
      const res = await s.request('POST', '/api/signin/transfer/confirm', { challenge: c.id, code }, u.session);
      expect([res.status, await res.json()], code).toEqual([400, { error: 'invalid-code' }]);
    }
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    await s.transferAudit.flush();
    expect(await audit('tx-banking-format')).toHaveLength(before);
    // The challenge is still open: nothing refused it.
    expect(await u.confirm(c.id, right)).toBe('ok');
  });

  it('the bank systems’ API: a signature that is not digits is 400 invalid-code, counts and audits nothing, and the right one still works', async () => {
    const u = await customer('tx-format');
    const auth = { authorization: `Bearer ${API_KEY}` };
    const made = await s.request('POST', '/api/v1/transactions', {
      companyId: 'demo', userId: 'tx-format', bank: 'デモ信用金庫', branch: '本店営業部', account: '4444444', name: 'ﾃｽﾄ', amount: 4_000,
    }, auth);
    expect(made.status).toBe(201);
    const c = (await made.json()) as Issued;
    await s.transferAudit.flush();
    const before = (await audit('tx-format')).length;
    // More than the lockout's five: letters, too short, too long, full-width digits, spaces, empty.
    const right = u.sign(c.typed);
    const bad = ['12ab5678', '123', '12345678901', '１２３４５６７８', `${right.slice(0, 4)} ${right.slice(4)}`, '', 'abcdefgh'];
    for (const code of bad) {
      const res = await s.request('POST', '/api/v1/verify-transaction', { companyId: 'demo', userId: 'tx-format', challenge: c.id, code }, auth);
      expect([res.status, await res.json()], code).toEqual([400, { error: 'invalid-code' }]);
    }
    // A bad code beside another bad field is the body's fault as a whole.
    const both = await s.request('POST', '/api/v1/verify-transaction', { companyId: 'demo', userId: 'x'.repeat(200), challenge: c.id, code: 'zz' }, auth);
    expect(await both.json()).toEqual({ error: 'invalid-body' });
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    await s.transferAudit.flush();
    expect(await audit('tx-format')).toHaveLength(before);
    const ok = await s.request('POST', '/api/v1/verify-transaction', { companyId: 'demo', userId: 'tx-format', challenge: c.id, code: right }, auth);
    expect(await ok.json()).toEqual({ outcome: 'ok' });
  });
}, { signing: true });

describe.each(backends('approvals').slice(0, 1))('the approvals on the screens’ API (%s)', (_name, open) => {
  const clock = { now: T0 };
  let cleanup: () => Promise<void>;
  let s: Awaited<ReturnType<typeof service>>;

  beforeAll(async () => {
    const opened = await open!();
    cleanup = opened.cleanup;
    s = await service(opened.db, clock, {}, { signing: true });
    await s.issuer.ensureCompany({ companyId: 'other', name: '他社', pin: PIN });
  }, 120_000);
  afterAll(async () => {
    await s?.transferAudit.flush();
    await s?.store.sealAudit();
    await cleanup?.();
  });

  const as = async (role: 'admin' | 'operator', companyId: string | null) => {
    const session = await s.sessions.create({ role, user: role, companyId }, clock.now);
    return async (path: string) => {
      const res = await s.request('GET', path, undefined, { cookie: `st_session=${session.id}` });
      return { status: res.status, body: (await res.json()) as TransferPage & { error?: string } };
    };
  };

  it('lists accepted, refused, expired and open transfers, newest first, paged; the administrator sees only the company', async () => {
    const u = await s.userWithToken('approver');
    const key = await s.transactions!.issueSigningKey(u.serial);
    const make = (account: string, amount: number) =>
      s.transactions!.createChallenge({ companyId: 'demo', userId: 'approver', transfer: { bank: 'デモ信用金庫', branch: '本店', account, name: 'ﾃｽﾄ', amount } }, clock.now++, 'api:test');
    const answer = async (c: { id: string; typed: string }, code = referenceOcra(key.secret, BANK_SIGNING_SUITE, c.typed)) =>
      s.transactions!.verify({ companyId: 'demo', userId: 'approver', challenge: c.id, code }, clock.now);
    const expired = await make('1000001', 100);
    const accepted = await make('1000002', 200);
    const refused = await make('1000003', 300);
    expect(await answer(accepted)).toBe('ok');
    expect(await answer(refused, '00000000')).toBe('refused');
    clock.now += CHALLENGE_TTL_MS - 2;
    const open = await make('1000004', 400);
    clock.now += 2; // the first is past its 5 minutes

    const admin = await as('admin', 'demo');
    const first = await admin('/api/admin/transfers?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.transfers.map((x) => [x.account, x.outcome])).toEqual([['1000004', 'open'], ['1000003', 'refused'], ['1000002', 'accepted']]);
    expect(first.body.transfers[2]).toMatchObject({ userId: 'approver', serial: u.serial, payee: 'ﾃｽﾄ', amount: 200, bank: 'デモ信用金庫' });
    expect(first.body.transfers[2]!.answeredAt).not.toBeNull();
    expect(first.body.transfers[0]).not.toHaveProperty('companyId');
    const second = await admin(`/api/admin/transfers?limit=3&before=${first.body.next}`);
    expect(second.body.transfers.map((x) => [x.id, x.outcome])).toEqual([[expired.id, 'expired']]);
    expect(second.body.next).toBeNull();
    expect(open.id).toBe(first.body.transfers[0]!.id);

    // Another company's administrator sees none of them; the operator sees them with the company.
    expect((await (await as('admin', 'other'))('/api/admin/transfers')).body.transfers).toEqual([]);
    const operator = await as('operator', null);
    const all = await operator('/api/bank/transfers?user=approver');
    expect(all.body.transfers).toHaveLength(4);
    expect(all.body.transfers.every((x) => x.companyId === 'demo')).toBe(true);
    expect((await operator('/api/bank/transfers?company=other')).body.transfers).toEqual([]);
    // Bad queries: a clear refusal; and the customer's own session cannot read them.
    expect(await operator('/api/bank/transfers?before=yesterday')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
    expect((await admin('/api/bank/transfers')).status).toBe(403);
  });
});
