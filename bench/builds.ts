/**
 * The builds the bench measures, made in a temporary folder so the working dist/ is left alone:
 * the app itself (plus a blank page in its precache, the baseline for first code), and the stack's
 * floor, a Svelte 5 page showing one static number built with the app's own Vite config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'vite';
import { REPO_ROOT } from '../scripts/build-server.mjs';
import { SW_ROUTES_FILE } from '../src/pwa/sw-routes-file.ts';

/** The repository's root, declared once (scripts/build-server.mjs, which plain node runs too). */
export const root = REPO_ROOT;

/** A static code, the least a page can show; marks like src/ui/first-code.ts does, on the frame after it is in the DOM. */
const BLANK_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title><p>123 456</p><script>requestAnimationFrame(() => performance.mark('first-code'))</script></html>`;

function blankPage(): Plugin {
  return {
    name: 'bench-blank-page',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'bench-blank.html', source: BLANK_PAGE });
    },
  };
}

export interface Builds {
  tmp: string;
  app: string;
  floor: string;
}

export async function buildAll(): Promise<Builds> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-bench-'));
  const app = path.join(tmp, 'app');
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    plugins: [blankPage()],
    build: { outDir: app, emptyOutDir: true },
  });

  // The floor: same config file (Svelte, PWA plugin, build options), its own tiny source.
  const src = path.join(tmp, 'floor-src');
  fs.mkdirSync(path.join(src, 'src'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(root, 'svelte.config.js'), path.join(src, 'svelte.config.js'));
  fs.writeFileSync(
    path.join(src, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>`,
  );
  fs.writeFileSync(path.join(src, 'src', 'App.svelte'), `<p>123 456</p>\n`);
  fs.writeFileSync(
    path.join(src, 'src', 'main.ts'),
    `import { mount } from 'svelte';
import App from './App.svelte';
mount(App, { target: document.getElementById('app')! });
requestAnimationFrame(() => performance.mark('first-code'));
navigator.serviceWorker?.register('/sw.js');
`,
  );
  const floor = path.join(tmp, 'floor');
  await build({
    root: src,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    publicDir: false,
    build: { outDir: floor, emptyOutDir: true },
  });
  // The app's worker imports its static routes from the public folder, which this build leaves out.
  fs.copyFileSync(path.join(root, 'public', SW_ROUTES_FILE), path.join(floor, SW_ROUTES_FILE));
  return { tmp, app, floor };
}
