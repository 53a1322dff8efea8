// The user lists as pages, searched and counted by the service: GET /api/admin/company?q=&offset=&limit=
// (one company) and GET /api/bank/user-page (every company), on the embedded database and (with
// DATABASE_URL) PostgreSQL; the operator's older GET /api/bank/users keeps its array.
import { beforeAll, expect, it, vi } from 'vitest';
import type { BankUserPage, CompanyView } from '../../../src/issuer/api-types.ts';
import { postSession } from './test-cards.ts';
import { describeService } from './service-fixture.ts';
import { expectWordsFor } from './error-words.ts';

vi.setConfig({ testTimeout: 120_000 });

describeService('pages', 'user pages', ({ clock, s, db }) => {
  let admin: Record<string, string>;
  let operator: Record<string, string>;
  const ids = Array.from({ length: 120 }, (_, i) => `u${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    const signIn = async (role: string, password: string) => {
      const res = await postSession(s.app, { role, user: role, password });
      expect(res.status).toBe(200);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, host: 'bank.test' };
    };
    admin = await signIn('admin', 'admin-pw');
    operator = await signIn('operator', 'operator-pw');
    // 120 users of the demo company, named; a second company with two users.
    await db.query(
      `INSERT INTO users (company_id, user_id, serial, stopped, created_at, display_name)
       SELECT 'demo', id, NULL, false, 0, name FROM unnest($1::text[], $2::text[]) AS v(id, name)`,
      [ids, ids.map((id, i) => (i === 7 ? '山田 花子' : i === 8 ? '100%_Taro' : `Name ${id.toUpperCase()}`))],
    );
    await db.query(`INSERT INTO companies (company_id, name, usage_mode, shared_serial, pin_hash) VALUES ('acme', 'Acme 商事', 'per-user', NULL, 'x')`);
    await db.query(`INSERT INTO users (company_id, user_id, serial, stopped, created_at) VALUES ('acme', 'a1', NULL, false, 0), ('acme', 'a2', NULL, true, 0)`);
  }, 180_000);

  const get = async <T>(url: string, who = admin) => {
    const res = await s.app.request(url, { headers: who });
    expect(res.status).toBe(200);
    return { body: (await res.json()) as T, headers: res.headers };
  };
  const company = async (query = '') => (await get<CompanyView>(`/api/admin/company${query}`)).body;

  it('the administrator gets 50 users a page with the count; the pages together are every user once, in order', async () => {
    const first = await company();
    expect(first.userPage).toEqual({ q: '', offset: 0, limit: 50, total: 120 });
    expect(first.users).toHaveLength(50);
    const pages = [first, await company('?offset=50'), await company('?offset=100')];
    expect(pages.map((p) => p.users.length)).toEqual([50, 50, 20]);
    expect(pages.flatMap((p) => p.users.map((u) => u.userId))).toEqual(ids);
    expect((await company('?offset=150')).users).toEqual([]);
    expect((await company('?limit=200')).users).toHaveLength(120);
    // Each user as before: status and name.
    expect(first.users[7]).toEqual({ userId: 'u007', displayName: '山田 花子', serial: null, status: 'none' });
  });

  it('search by part of the user ID or the name, any case; % and _ are only characters; other companies never show', async () => {
    const found = async (q: string) => (await company(`?q=${encodeURIComponent(q)}`)).users.map((u) => u.userId);
    expect(await found('u11')).toEqual(['u110', 'u111', 'u112', 'u113', 'u114', 'u115', 'u116', 'u117', 'u118', 'u119']); // prefix
    expect(await found('19')).toEqual(['u019', 'u119']); // inside
    expect(await found('花子')).toEqual(['u007']);
    expect(await found('name u04')).toHaveLength(10); // the name, any case
    expect(await found('%_')).toEqual(['u008']);
    expect(await found('_')).toEqual(['u008']);
    expect(await found('a1')).toEqual([]); // acme's user
    const page = await company('?q=u0&offset=50');
    expect(page.userPage).toEqual({ q: 'u0', offset: 50, limit: 50, total: 100 });
    expect(page.users.map((u) => u.userId)).toEqual(ids.slice(50, 100));
  });

  it('bad page parameters are 400 invalid-query, on both lists, in words on both screens', async () => {
    const bad = ['?offset=-1', '?limit=0', '?limit=201', '?offset=x', `?q=${'x'.repeat(65)}`, '?offset=100000001', '?limit=1.5', '?offset=1e3', '?limit=0x10'];
    for (const [path, who] of [['/api/admin/company', admin], ['/api/bank/user-page', operator]] as const) {
      for (const q of bad) {
        const res = await s.app.request(`${path}${q}`, { headers: who });
        expect(res.status, `${path}${q}`).toBe(400);
        expect(await res.json()).toEqual({ error: 'invalid-query' });
      }
    }
    await expectWordsFor('invalid-query');
    // Empty is as if not given; the search is trimmed, and 64 characters (not bytes) are allowed.
    expect((await company('?q=%20u01%20&offset=&limit=')).userPage).toEqual({ q: 'u01', offset: 0, limit: 50, total: 10 });
    expect((await company(`?q=${encodeURIComponent('花'.repeat(64))}`)).userPage.q).toHaveLength(64);
  });

  it('the operator pages every company, searching company names and user names too; the older list stays an array with the count in a header', async () => {
    const page = (await get<BankUserPage>('/api/bank/user-page', operator)).body;
    expect({ ...page, users: page.users.length }).toEqual({ q: '', offset: 0, limit: 50, total: 122, users: 50 });
    expect(page.users.slice(0, 2).map((u) => [u.companyId, u.userId, u.status])).toEqual([['acme', 'a1', 'none'], ['acme', 'a2', 'stopped']]);
    const acme = (await get<BankUserPage>(`/api/bank/user-page?q=${encodeURIComponent('商事')}`, operator)).body;
    expect(acme.users.map((u) => u.userId)).toEqual(['a1', 'a2']);
    expect((await get<BankUserPage>(`/api/bank/user-page?q=${encodeURIComponent('山田')}`, operator)).body.users).toEqual([
      { companyId: 'demo', companyName: 'デモ株式会社', userId: 'u007', displayName: '山田 花子', serial: null, status: 'none' },
    ]);
    const older = await get<unknown[]>('/api/bank/users?q=u1', operator);
    expect(older.body).toHaveLength(20); // u100–u119
    expect(older.headers.get('x-total-count')).toBe('20');
    expect((await get<unknown[]>('/api/bank/users', operator)).body).toHaveLength(100);
  });

  it('a user made and stopped through the API shows on its page with its status', async () => {
    await s.issuer.createUser('demo', 'zz-new', clock.now, 'admin:admin');
    await s.issuer.stop('demo', 'zz-new', clock.now, 'admin:admin');
    const last = await company('?offset=100');
    expect(last.userPage.total).toBe(121);
    expect(last.users.at(-1)).toEqual({ userId: 'zz-new', serial: null, status: 'stopped' });
  });
});
