/**
 * With ADMIN_CLIENT_CA set, the administrator's page and API answer only a request carrying a client
 * certificate of the bank's CA whose CN names a company the bank issued a customer card to, and for
 * the API that company must be the signed-in administrator's. Unset, this adds nothing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { requestCertificate, type CertificateCheck } from './client-certificate.ts';
import { ApiError } from './errors.ts';
import type { Deps, Env } from './http.ts';

/** The request's certificate checked, and its company known to the bank; null when certificates are not asked. */
export async function adminCertificate(d: Deps, c: Context<Env>): Promise<CertificateCheck | null> {
  if (!d.clientCertificates) return null;
  const check = requestCertificate(d.clientCertificates, { incoming: c.env?.incoming, header: (n) => c.req.header(n) }, d.now());
  if (check.ok && !(await d.cards.hasCard(check.companyId))) return { ok: false, reason: 'no-contract-id' };
  return check;
}

// The page has no script of its own to translate an error code, so it says it in both languages.
const CERTIFICATE_PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>電子証明書 / Electronic certificate</title>
<h1>管理者の電子証明書が必要です</h1><p>銀行が発行した、この企業の電子証明書をブラウザーで選んでください。</p>
<h1 lang="en">The administrator's electronic certificate is required</h1><p lang="en">Choose, in the browser, the certificate the bank issued for this company.</p></html>`;

/** For /admin/ (the page): a plain bilingual refusal instead of the screens. */
export function requireCertificateForPage(d: Deps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const check = await adminCertificate(d, c);
    if (check && !check.ok) {
      return c.html(CERTIFICATE_PAGE, 403);
    }
    await next();
  };
}

/** For /api/admin/… after requireRole: the certificate must name the session's company. */
export function requireCertificateForApi(d: Deps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const check = await adminCertificate(d, c);
    if (check && (!check.ok || check.companyId !== c.get('session').companyId)) throw new ApiError('certificate-required');
    await next();
  };
}
