export const REPO_ROOT: string;
/** dist-server/main.mjs, the service's bundle. */
export const SERVER_BUNDLE: string;
/** Bundle server/main.ts to SERVER_BUNDLE; resolves to its path. */
export function buildServer(): Promise<string>;
