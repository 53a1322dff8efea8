/**
 * The administrator's electronic certificate (電子証明書): a TLS client certificate issued by the
 * bank's CA (ADMIN_CLIENT_CA) whose subject's CN is the company's contract ID. The same check runs on
 * the certificate of the TLS connection (node:https with requestCert) and on the one a
 * TLS-terminating proxy forwards in a trusted header (already verified there; checked again here).
 */
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { PATTERNS } from '../src/core/limits.ts';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'; // id-kp-clientAuth, RFC 5280 §4.2.1.12

export type CertificateCheck =
  | { ok: true; companyId: string; fingerprint: string }
  | { ok: false; reason: 'missing' | 'unreadable' | 'untrusted' | 'expired' | 'not-for-clients' | 'no-contract-id' };

/** Every certificate in a PEM bundle (ADMIN_CLIENT_CA may hold several CAs); throws on none or a non-CA. */
export function parseCaBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('ADMIN_CLIENT_CA holds no PEM certificate');
  return blocks.map((block) => {
    const cert = new X509Certificate(block);
    if (!cert.ca) throw new Error(`ADMIN_CLIENT_CA: ${cert.subject.replace(/\n/g, ', ')} is not a CA certificate`);
    return cert;
  });
}

/** The subject's one CN, when there is exactly one. */
function commonName(subject: string): string | null {
  const names = subject.split('\n').filter((line) => line.startsWith('CN=')).map((line) => line.slice(3));
  return names.length === 1 ? names[0]! : null;
}

/** Issued (and signed) by one of `cas`, valid at `now`, for client authentication, naming a contract ID. */
export function checkClientCertificate(cert: X509Certificate | null, cas: readonly X509Certificate[], now: number): CertificateCheck {
  if (!cert) return { ok: false, reason: 'missing' };
  const issuer = cas.find((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
  if (!issuer) return { ok: false, reason: 'untrusted' };
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return { ok: false, reason: 'expired' };
  if (now < Date.parse(issuer.validFrom) || now > Date.parse(issuer.validTo)) return { ok: false, reason: 'expired' };
  if (cert.ca || (cert.keyUsage && !cert.keyUsage.includes(CLIENT_AUTH))) return { ok: false, reason: 'not-for-clients' };
  const cn = commonName(cert.subject);
  if (cn === null || !PATTERNS.id.test(cn)) return { ok: false, reason: 'no-contract-id' };
  return { ok: true, companyId: cn, fingerprint: cert.fingerprint256 };
}

/** The certificate of a request's TLS connection, or null (plain HTTP, or none sent). */
export function connectionCertificate(incoming: IncomingMessage | undefined): X509Certificate | null {
  const socket = incoming?.socket as Partial<TLSSocket> | undefined;
  if (!socket || typeof socket.getPeerCertificate !== 'function') return null;
  const peer = socket.getPeerCertificate(false);
  if (!peer || !peer.raw) return null;
  try {
    return new X509Certificate(peer.raw);
  } catch {
    return null;
  }
}

/**
 * A proxy's header: PEM, URL-encoded PEM (nginx `$ssl_client_escaped_cert`) or base64 DER.
 * 'unreadable' when something is there but is not a certificate.
 */
export function headerCertificate(value: string | undefined): X509Certificate | null | 'unreadable' {
  if (value === undefined || value.trim() === '' || value === '(null)') return null;
  try {
    const text = value.includes('%') ? decodeURIComponent(value) : value;
    if (text.includes('-----BEGIN')) {
      // Some proxies fold the PEM onto one line with spaces for the newlines.
      const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
      return new X509Certificate(`-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
    }
    return new X509Certificate(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  } catch {
    return 'unreadable';
  }
}

export interface ClientCertificatePolicy {
  cas: X509Certificate[];
  /** Lower-case name of the proxy's header; only set when the service is reachable only through that proxy. */
  header?: string;
}

/** The check for one request: the connection's certificate, else the trusted header's. */
export function requestCertificate(
  policy: ClientCertificatePolicy,
  req: { incoming?: IncomingMessage; header: (name: string) => string | undefined },
  now: number,
): CertificateCheck {
  let cert = connectionCertificate(req.incoming);
  if (!cert && policy.header) {
    const fromHeader = headerCertificate(req.header(policy.header));
    if (fromHeader === 'unreadable') return { ok: false, reason: 'unreadable' };
    cert = fromHeader;
  }
  return checkClientCertificate(cert, policy.cas, now);
}
