/**
 * The bank service as one JavaScript file, dist-server/main.mjs, bundled from server/main.ts by
 * esbuild (installed with tsx and vite). Run as plain node it skips tsx's loader and the name
 * helpers tsx adds to every function made per request. The packages stay imports of node_modules
 * (PGlite finds its wasm there). `npm run build` makes it; `npm start` and tests/service-process.ts
 * make it again first, so a change in server/ is never served stale. Alone: `node scripts/build-server.mjs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist-server', 'main.mjs');

/** Bundle server/main.ts to SERVER_BUNDLE; written by rename, so a service starting meanwhile reads a whole file. */
export async function buildServer() {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'server', 'main.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external',
    outfile: SERVER_BUNDLE, sourcemap: 'linked', write: false, logLevel: 'warning', absWorkingDir: REPO_ROOT,
  });
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return SERVER_BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
