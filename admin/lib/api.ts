/** JSON client for the bank service's /api (same origin). Keeps the CSRF token of the session. */

/** A refusal from the service (4xx/5xx with an error code) or the network; errorText says it in words. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** The whole error body, for refusals that carry more (the sign-in's card challenge). */
    readonly body?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

let csrf: string | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

/** A PSKC file with its transport key (hex) or password; the password goes percent-encoded (docs/api.md). */
type PskcBody = { pskc: string; key?: string; password?: string };
type Body = { json: unknown } | { csv: string } | PskcBody | undefined;

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body && 'csv' in body) {
    headers['Content-Type'] = 'text/csv';
    payload = body.csv;
  } else if (body && 'pskc' in body) {
    headers['Content-Type'] = 'application/pskc+xml';
    if (body.key) headers['X-PSKC-Key'] = body.key;
    // Header values are Latin-1 only: the password travels as UTF-8, percent-encoded.
    if (body.password) headers['X-PSKC-Password'] = encodeURIComponent(body.password);
    payload = body.pskc;
  }
  // Every state-changing call carries the session's CSRF token (the service refuses it otherwise).
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('network', 0);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError('bad_response', res.status);
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { error?: unknown };
    throw new ApiError(typeof err.error === 'string' ? err.error : `http_${res.status}`, res.status, err as Record<string, unknown>);
  }
  return data as T;
}
