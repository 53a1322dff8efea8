// tools/decrypt-vault.mjs, the auditors' reference decrypter, on the stored PIN-locked fixtures:
// the right PIN prints every seed (and the codes it gives are the RFC reference codes); a PIN
// failing the check is refused; the wrong PIN that passes it prints other seeds.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import v2 from '../../fixtures/vault/vault-v2-pbkdf2.json';
import v3 from '../../fixtures/vault/vault-v4-argon2id.json';

const run = (file: string, pin: string) =>
  spawnSync(process.execPath, ['tools/decrypt-vault.mjs', `tests/fixtures/vault/${file}`, '--pin', pin], { encoding: 'utf8' });

const secretsOf = (stdout: string) => stdout.trim().split('\n').map((uri) => OTPAuth.URI.parse(uri));

describe('tools/decrypt-vault.mjs', { timeout: 120_000 }, () => {
  for (const [file, fixture] of [['vault-v2-pbkdf2.json', v2], ['vault-v4-argon2id.json', v3]] as const) {
    it(`opens ${file} with its PIN: every seed and its metadata`, () => {
      const r = run(file, fixture.pin);
      expect(r.status, r.stderr).toBe(0);
      const tokens = secretsOf(r.stdout);
      const ids = fixture.records.filter((x) => x.key.startsWith('token:')).map((x) => (x.value as { id: string }).id);
      expect(tokens.map((t) => t.secret.latin1)).toEqual(ids.map((id) => fixture.seeds[id as keyof typeof fixture.seeds]));
      expect(tokens.map((t) => t.issuer)).toEqual(['しんきん銀行', 'Example', 'Counter Co']);
      expect(tokens[2]).toBeInstanceOf(OTPAuth.HOTP);
    });
  }

  it('refuses a PIN that fails the check, and prints other seeds for the one that passes it', () => {
    const refused = run('vault-v4-argon2id.json', v3.wrongPinsFailingCheck[0]!);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/wrong PIN/);
    const passing = run('vault-v4-argon2id.json', v3.wrongPinPassingCheck);
    expect(passing.status).toBe(0);
    for (const t of secretsOf(passing.stdout)) expect(Object.values(v3.seeds)).not.toContain(t.secret.latin1);
  });
});
