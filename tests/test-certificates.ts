/** A bank CA, a stranger's CA, a server certificate and client certificates, made with openssl. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  dir: string;
  /** PEM of the bank's administrator CA (ADMIN_CLIENT_CA). */
  ca: string;
  server: { cert: string; key: string };
  /** Client certificates by name: `demo` and `acme` from the bank's CA, `stranger` (CN=demo) from another CA, `serverOnly` (CN=demo, serverAuth only). */
  clients: Record<'demo' | 'acme' | 'stranger' | 'serverOnly' | 'noCn', { cert: string; key: string }>;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, subject: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`,
    '-out', `${name}.pem`, '-days', '30', '-subj', subject,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function issue(dir: string, ca: string, name: string, subject: string, ext: string): void {
  openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`,
    '-out', `${name}.csr`, '-subj', subject);
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial',
    '-out', `${name}.pem`, '-days', '7', '-extfile', `${name}.ext`);
}

const CLIENT_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n';

export function makeTestCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-certs-'));
  makeCa(dir, 'ca', '/O=Demo Bank/CN=Demo Bank administrator CA');
  makeCa(dir, 'other-ca', '/O=Somebody Else/CN=Another CA');
  issue(dir, 'ca', 'server', '/CN=127.0.0.1',
    'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
  issue(dir, 'ca', 'demo', '/O=Demo Bank 0001/OU=Administrator/CN=demo', CLIENT_EXT);
  issue(dir, 'ca', 'acme', '/O=Demo Bank 0001/OU=Administrator/CN=acme', CLIENT_EXT);
  issue(dir, 'other-ca', 'stranger', '/O=Demo Bank 0001/OU=Administrator/CN=demo', CLIENT_EXT);
  issue(dir, 'ca', 'serverOnly', '/O=Demo Bank 0001/CN=demo', 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'ca', 'noCn', '/O=Demo Bank 0001/OU=Administrator', CLIENT_EXT);
  const read = (name: string) => ({ cert: fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8'), key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8') });
  return {
    dir,
    ca: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    server: read('server'),
    clients: { demo: read('demo'), acme: read('acme'), stranger: read('stranger'), serverOnly: read('serverOnly'), noCn: read('noCn') },
  };
}
