import fs from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { bundledPublicKeys } from './server/provisioning-key.ts';
import { API_PREFIX, SCREENS } from './admin/screens.ts';
import { BROWSER_FLOOR_TARGETS } from './src/pwa/browser-floor.ts';
import { fillBrowserCheck } from './src/pwa/browser-check-fill.ts';
import { FIRST_LANGUAGE } from './src/i18n/languages.ts';
import { LANG_KEY } from './src/ui/i18n/lang-key.ts';
import { DB_NAME, EARLY_VAULT_OPEN, STORE_NAME } from './src/vault/store-handle.ts';
import { SW_ROUTES_FILE } from './src/pwa/sw-routes-file.ts';

/**
 * public/browser-check.js, built with the home screen's string chunks per language (each with the
 * chunks it imports), so it can start fetching the reader's while the app's entry loads, and with
 * the vault's database names, so it can open it meanwhile. Without a build (the dev server) it has
 * neither and does neither.
 */
function homeStringsPreload(): Plugin {
  return {
    name: 'home-strings-preload',
    apply: 'build',
    generateBundle(_, bundle) {
      const files: Record<string, string[]> = {};
      for (const chunk of Object.values(bundle)) {
        const lang = chunk.type === 'chunk' && chunk.facadeModuleId?.match(/\/src\/ui\/i18n\/([a-z]+)\/home\.ts$/)?.[1];
        // Without the entry among its imports: the page loads that already.
        if (lang && chunk.type === 'chunk') files[lang] = [chunk.fileName, ...chunk.imports.filter((f) => !(bundle[f] as { isEntry?: boolean }).isEntry)].map((f) => `/${f}`);
      }
      if (!Object.keys(files).length) return; // another page's build (the bench's floor page)
      const template = fs.readFileSync(new URL('./public/browser-check.js', import.meta.url), 'utf8');
      const source = fillBrowserCheck(template, {
        home: { key: LANG_KEY, first: FIRST_LANGUAGE, files },
        vault: { db: DB_NAME, store: STORE_NAME, name: EARLY_VAULT_OPEN },
      });
      this.emitFile({ type: 'asset', fileName: 'browser-check.js', source });
    },
  };
}

// The PWA: built to dist/, served from the origin root by any static server.
export default defineConfig({
  plugins: [
    svelte(),
    homeStringsPreload(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        id: '/',
        name: 'ソフトウェアトークン Soft Token',
        short_name: 'トークン',
        description: 'ワンタイムパスワード（OTP）を表示する銀行のソフトウェアトークン / One-time password token for your bank',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5cab',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,json}'],
        globIgnores: ['**/bank-contact.json', `**/${SW_ROUTES_FILE}`],
        importScripts: [`/${SW_ROUTES_FILE}`],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [new RegExp(`^${API_PREFIX}/`), ...SCREENS.map((p) => new RegExp(`^/${p}`))],
        cleanupOutdatedCaches: true,
        // The bank-contact file changes per deployment (even after the build): fetch fresh when
        // online, the last copy offline.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname === '/bank-contact.json',
            handler: 'NetworkFirst',
            options: { cacheName: 'bank-contact', networkTimeoutSeconds: 4 },
          },
        ],
      },
    }),
  ],
  // The bank's provisioning public keys the app trusts (src/provision/trusted-keys.ts).
  define: { __PROVISIONING_KEYS__: JSON.stringify(await bundledPublicKeys()) },
  // No modulepreload polyfill: it is only a hint, every browser we support has it, and it cost the
  // home screen ~0.35 KB gzip (its byte budget in bench/run.ts).
  build: { target: [...BROWSER_FLOOR_TARGETS], cssTarget: [...BROWSER_FLOOR_TARGETS], outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
});
