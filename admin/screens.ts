/**
 * The bank's screens, each served at `/<name>/` from dist-admin/<name>/, built by
 * vite.admin.config.ts, kept out of the PWA's navigation fallback (vite.config.ts) and given the
 * screens' policy by the service (server/app.ts). One list for all of them.
 */
export const SCREENS = ['admin', 'bank', 'signin'] as const;
export type Screen = (typeof SCREENS)[number];

/** The service's JSON API lives under this path. */
export const API_PREFIX = '/api';

/** True for a path served by a screen or the API (not the PWA). */
export function isServicePath(path: string): boolean {
  return [API_PREFIX.slice(1), ...SCREENS].some((p) => path === `/${p}` || path.startsWith(`/${p}/`));
}
