// The administrator's user CSV: RFC 4180 quoting, a header, and a reason for every line not taken.
import { describe, expect, it } from 'vitest';
import { parseUserCsv, USER_IMPORT_RULES } from '../../../src/issuer/bulk-users.ts';
import { csvRecords } from '../../../src/issuer/csv-records.ts';
import { LIMITS } from '../../../src/core/limits.ts';

describe('CSV records (RFC 4180)', () => {
  it('quoted fields hold commas, doubled quotes and line breaks; records keep their first line', () => {
    const { records, unclosedQuoteAt } = csvRecords('a,"b, c","say ""hi"""\r\n\r\nx,"two\nlines",z\n');
    expect(unclosedQuoteAt).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 3, fields: ['x', 'two\nlines', 'z'] },
    ]);
  });

  it('a byte-order mark is dropped and an unclosed quote is reported at its record', () => {
    const { records, unclosedQuoteAt } = csvRecords('\uFEFFa,b\nc,"d');
    expect(records).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(unclosedQuoteAt).toBe(2);
  });
});

describe('bulk users', () => {
  it('imports good lines with a Japanese display name, skipping the header', () => {
    const { users, rejected } = parseUserCsv('userId,displayName,password\ntaro,山田 太郎,Initial-Pass1\n"hanako","佐藤, 花子",p@ss word 2\n');
    expect(rejected).toEqual([]);
    expect(users).toEqual([
      { line: 2, userId: 'taro', displayName: '山田 太郎', password: 'Initial-Pass1' },
      { line: 3, userId: 'hanako', displayName: '佐藤, 花子', password: 'p@ss word 2' },
    ]);
  });

  it('a Japanese header is a header too', () => {
    expect(parseUserCsv('ユーザーID,氏名,初期パスワード\ntaro,太郎,abcdefgh\n').users).toHaveLength(1);
  });

  it('reports each bad line with its reason and line number, and imports the rest', () => {
    const csv = [
      'taro,太郎,abcdefgh',
      'taro,太郎 2,abcdefgh',
      'bad id!,名前,abcdefgh',
      'jiro,,abcdefgh',
      `saburo,${'長'.repeat(LIMITS.nameLength + 1)},abcdefgh`,
      'shiro,四郎,short',
      'goro,五郎\u202e,abcdefgh',
      'rokuro,六郎',
      'hachiro,八郎,abcdefgh,extra',
      'nana,七,abcdefgh',
    ].join('\n');
    const { users, rejected } = parseUserCsv(csv);
    expect(users.map((u) => u.userId)).toEqual(['taro', 'nana']);
    expect(rejected.map((r) => [r.line, r.userId, r.reason])).toEqual([
      [2, 'taro', 'duplicate'],
      [3, 'bad id!', 'bad-id'],
      [4, 'jiro', 'bad-name'],
      [5, 'saburo', 'bad-name'],
      [6, 'shiro', 'bad-password'],
      [7, 'goro', 'bad-name'],
      [8, 'rokuro', 'bad-line'],
      [9, 'hachiro', 'bad-line'],
    ]);
  });

  it('lines past the file limit are reported, not dropped silently', () => {
    const lines = Array.from({ length: USER_IMPORT_RULES.maxLines + 2 }, (_, i) => `u${i},User ${i},password${i}`);
    const { users, rejected } = parseUserCsv(lines.join('\n'));
    expect(users).toHaveLength(USER_IMPORT_RULES.maxLines);
    expect(rejected.map((r) => r.reason)).toEqual(['too-many', 'too-many']);
  });
});

describe('bulk users into the issuer', () => {
  // The service's job (server/user-imports.ts, tested with its audit entry in
  // tests/unit/server/user-imports.test.ts) commits each chunk inside its own transaction.
  it('a chunk creates the new users, reports existing ones, and gives the shared token to each', async () => {
    const { makeIssuer, ADMIN } = await import('./fixture.ts');
    const { MemoryStore } = await import('../../../src/issuer/index.ts');
    const store = new MemoryStore();
    const issuer = await makeIssuer({ store });
    const now = 1_700_000_000_000;
    await issuer.createUser('acme', 'taro', now, ADMIN);
    const { users, rejected } = parseUserCsv('taro,山田 太郎,password-1\nhanako,佐藤 花子,password-2\njiro,鈴木 次郎,password-3\n');
    expect(rejected).toEqual([]);
    const lines = users.map((u) => ({ line: u.line, userId: u.userId, displayName: u.displayName, passwordHash: 'scrypt$hash' }));
    const outcome = await store.transaction((tx) => issuer.importUsersWithin(tx, 'acme', lines, now));
    issuer.usersChanged('acme');
    expect(outcome).toEqual({ created: ['hanako', 'jiro'], rejected: [{ line: 1, userId: 'taro', reason: 'user-exists' }] });
    const view = await issuer.companyView('acme', now);
    expect(view.users.map((u) => u.userId)).toEqual(['hanako', 'jiro', 'taro']);
  });
});
