// The configuration module: defaults, typed values, one clear error naming every bad variable
// (and never echoing a secret), and the same table in README.md and docs/api.md.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configTable, loadConfig, withConfigTable } from '../../../server/config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '.data', unassignedTtlMinutes: 1440, provisionLimitPerMinute: 20, trustProxy: 0, issuerName: 'Demo Bank', companyId: 'demo', importAnswerSeconds: 5 });
    expect(loadConfig({ IMPORT_ANSWER_SECONDS: '0' }).importAnswerSeconds).toBe(0);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.masterKey).toBeUndefined();
  });

  it('types the values', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({ PORT: ' 9000 ', MASTER_KEY: key, TRUST_PROXY: '10.0.0.0/8, 2001:db8::/32', ADMIN_PIN: 'abc12345' });
    expect(c.port).toBe(9000);
    expect(c.masterKey).toEqual(new Uint8Array(32).fill(7));
    expect(c.trustProxy).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it.each([
    [{ PORT: '80a' }, /PORT="80a": must be a whole number/],
    [{ PORT: '70000' }, /PORT="70000": must be at most 65535/],
    [{ UNASSIGNED_TTL_MINUTES: '0' }, /UNASSIGNED_TTL_MINUTES="0": must be at least 1/],
    [{ PROVISION_LIMIT_PER_MINUTE: 'lots' }, /PROVISION_LIMIT_PER_MINUTE/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY="yes": must be the number of your proxies/],
    [{ TRUST_PROXY: '-1' }, /TRUST_PROXY="-1"/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY="10.0.0.0\/33"/],
    [{ TRUST_PROXY: '10.0.0.0/8, 300.1.1.1/32' }, /TRUST_PROXY=/],
    [{ LOGIN_LIMIT_PER_MINUTE: '0' }, /LOGIN_LIMIT_PER_MINUTE="0"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL=\(value hidden\): must start with postgres/],
    [{ COMPANY_ID: 'a b' }, /COMPANY_ID/],
    [{ IMPORT_ANSWER_SECONDS: '61' }, /IMPORT_ANSWER_SECONDS="61": must be at most 60/],
  ])('refuses %o with a message naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the customer card and the certificate settings, and refuses those that cannot work together', () => {
    const c = loadConfig({ ADMIN_CARD: '1234 5678-9012 3456 7890', TLS_CERT: 's.pem', TLS_KEY: 's.key', ADMIN_CLIENT_CA: 'ca.pem' });
    expect(c).toMatchObject({ adminCard: '12345678901234567890', tlsCert: 's.pem', tlsKey: 's.key', adminClientCa: 'ca.pem' });
    expect(loadConfig({ ADMIN_CLIENT_CA: 'ca.pem', ADMIN_CLIENT_CERT_HEADER: 'X-Client-Cert' }).adminClientCertHeader).toBe('x-client-cert');
    expect(() => loadConfig({ ADMIN_CARD: '1234' })).toThrow(/ADMIN_CARD=\(value hidden\): must be 20 digits/);
    expect(() => loadConfig({ TLS_CERT: 's.pem' })).toThrow(/TLS_CERT and TLS_KEY: set both or neither/);
    expect(() => loadConfig({ ADMIN_CLIENT_CA: 'ca.pem' })).toThrow(/ADMIN_CLIENT_CA: needs TLS_CERT/);
    expect(() => loadConfig({ ADMIN_CLIENT_CERT_HEADER: 'x-cert' })).toThrow(/needs ADMIN_CLIENT_CA/);
    expect(() => loadConfig({ ADMIN_CLIENT_CA: 'ca.pem', ADMIN_CLIENT_CERT_HEADER: 'bad header' })).toThrow(/must be a header name/);
  });

  it('lists every bad variable at once, and never shows a secret', () => {
    try {
      loadConfig({ PORT: 'x', MASTER_KEY: 'c2hvcnQ=', ADMIN_PIN: 'secret!' });
      expect.unreachable();
    } catch (e) {
      const err = e as ConfigError;
      expect(err.problems).toHaveLength(3);
      expect(err.message).toMatch(/MASTER_KEY=\(value hidden\): must be base64 of exactly 32 bytes/);
      expect(err.message).not.toContain('c2hvcnQ=');
      expect(err.message).not.toContain('secret!');
      expect(err.message).toMatch(/Invalid configuration/);
    }
  });
});

it('README.md and docs/api.md show the same, current configuration table', () => {
  for (const file of ['README.md', 'docs/api.md']) {
    const text = fs.readFileSync(file, 'utf8');
    expect(withConfigTable(text), `${file}: run npm run config-table`).toBe(text);
    expect(text).toContain(configTable());
  }
});
