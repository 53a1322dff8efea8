// The administrator's certificate check on certificates made by openssl: issuer, signature, dates, use, contract ID.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkClientCertificate, headerCertificate, parseCaBundle, requestCertificate,
} from '../../../server/client-certificate.ts';
import { makeTestCertificates } from '../../test-certificates.ts';

const certs = makeTestCertificates();
afterAll(() => fs.rmSync(certs.dir, { recursive: true, force: true }));
const cas = parseCaBundle(certs.ca);
const x509 = (pem: string) => new X509Certificate(pem);
const now = Date.now();

describe('checkClientCertificate', () => {
  it('accepts a certificate of the bank’s CA and reads the contract ID from its CN', () => {
    const result = checkClientCertificate(x509(certs.clients.demo.cert), cas, now);
    expect(result).toMatchObject({ ok: true, companyId: 'demo' });
    expect(checkClientCertificate(x509(certs.clients.acme.cert), cas, now)).toMatchObject({ ok: true, companyId: 'acme' });
  });

  it.each([
    ['no certificate', null, 'missing'],
    ['another CA’s certificate with the same subject', certs.clients.stranger.cert, 'untrusted'],
    ['a certificate only for servers', certs.clients.serverOnly.cert, 'not-for-clients'],
    ['a subject without a CN', certs.clients.noCn.cert, 'no-contract-id'],
    ['the CA itself (self-signed, so issued by itself)', certs.ca, 'not-for-clients'],
  ])('refuses %s', (_name, pem, reason) => {
    expect(checkClientCertificate(pem ? x509(pem) : null, cas, now)).toEqual({ ok: false, reason });
  });

  it('refuses a certificate outside its validity', () => {
    const cert = x509(certs.clients.demo.cert);
    expect(checkClientCertificate(cert, cas, Date.parse(cert.validTo) + 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(checkClientCertificate(cert, cas, Date.parse(cert.validFrom) - 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a forged certificate: the stranger’s, presented as the bank CA’s', () => {
    // Same issuer name as the bank's CA is not enough: the signature must verify with its key.
    const bundle = parseCaBundle(certs.ca + fs.readFileSync(`${certs.dir}/other-ca.pem`, 'utf8'));
    expect(bundle).toHaveLength(2);
    expect(checkClientCertificate(x509(certs.clients.stranger.cert), cas, now)).toEqual({ ok: false, reason: 'untrusted' });
    expect(checkClientCertificate(x509(certs.clients.stranger.cert), bundle, now)).toMatchObject({ ok: true });
  });
});

describe('the CA setting', () => {
  it('refuses a bundle without certificates or with a non-CA certificate', () => {
    expect(() => parseCaBundle('nonsense')).toThrow(/no PEM certificate/);
    expect(() => parseCaBundle(certs.clients.demo.cert)).toThrow(/not a CA/);
  });
});

describe('the proxy’s header', () => {
  const pem = certs.clients.demo.cert;
  it.each([
    ['PEM', pem],
    ['URL-encoded PEM (nginx $ssl_client_escaped_cert)', encodeURIComponent(pem)],
    ['PEM folded onto one line', pem.replace(/\n/g, ' ')],
    ['base64 DER', x509(pem).raw.toString('base64')],
  ])('reads %s', (_name, value) => {
    const cert = headerCertificate(value);
    expect(cert).toBeInstanceOf(X509Certificate);
    expect((cert as X509Certificate).fingerprint256).toBe(x509(pem).fingerprint256);
  });

  it('tells absent from unreadable', () => {
    expect(headerCertificate(undefined)).toBeNull();
    expect(headerCertificate('')).toBeNull();
    expect(headerCertificate('(null)')).toBeNull();
    expect(headerCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe('unreadable');
    expect(headerCertificate('%E0%A4%A')).toBe('unreadable');
  });

  it('is read only when the policy names it', () => {
    const headers: Record<string, string> = { 'x-client-cert': encodeURIComponent(pem) };
    const req = { header: (n: string) => headers[n] };
    expect(requestCertificate({ cas }, req, now)).toEqual({ ok: false, reason: 'missing' });
    expect(requestCertificate({ cas, header: 'x-client-cert' }, req, now)).toMatchObject({ ok: true, companyId: 'demo' });
    headers['x-client-cert'] = encodeURIComponent(certs.clients.stranger.cert);
    expect(requestCertificate({ cas, header: 'x-client-cert' }, req, now)).toEqual({ ok: false, reason: 'untrusted' });
    headers['x-client-cert'] = 'garbage!';
    expect(requestCertificate({ cas, header: 'x-client-cert' }, req, now)).toEqual({ ok: false, reason: 'unreadable' });
  });
});
