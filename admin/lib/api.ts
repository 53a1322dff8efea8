/** JSON client for the bank service's /api (same origin). Keeps the CSRF token of the session. */

export type Localized = { ja: string; en: string };

/** A refusal from the service (4xx/5xx with an error code) or the network. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly localized?: Localized,
  ) {
    super(localized?.en ?? code);
    this.name = 'ApiError';
  }
}

let csrf: string | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

type Body = { json: unknown } | { csv: string } | undefined;

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body && 'csv' in body) {
    headers['Content-Type'] = 'text/csv';
    payload = body.csv;
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
    const err = (data ?? {}) as { error?: unknown; message?: unknown };
    const code = typeof err.error === 'string' ? err.error : `http_${res.status}`;
    throw new ApiError(code, res.status, isLocalized(err.message) ? err.message : undefined);
  }
  return data as T;
}

function isLocalized(v: unknown): v is Localized {
  return typeof v === 'object' && v !== null && typeof (v as Localized).ja === 'string' && typeof (v as Localized).en === 'string';
}
