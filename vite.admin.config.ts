import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { SCREENS as pages } from './admin/screens.ts';
import { screenHead } from './admin/screen-head.ts';

// The bank's own screens (company administrator, bank operator, sign-in demo), built apart from
// the PWA into dist-admin/{admin,bank,signin}/ and served by the reference service at the same
// paths. Never part of dist/ or the PWA's precache.
const root = fileURLToPath(new URL('./admin', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }), screenHead()],
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./dist-admin', import.meta.url)),
    emptyOutDir: true,
    // Inline nothing as data: URLs: the service's CSP is strict.
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((p) => [p, `${root}/${p}/index.html`])),
      output: {
        // Each page's entry lives under its own path; code shared by the pages (Svelte's runtime,
        // admin/lib) goes under /admin/assets/, which the service serves to everyone like any file.
        entryFileNames: '[name]/assets/[name]-[hash].js',
        chunkFileNames: 'admin/assets/[name]-[hash].js',
        assetFileNames: 'admin/assets/[name]-[hash][extname]',
      },
    },
  },
  // `npx vite -c vite.admin.config.ts` for working on the screens against a running service.
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8787}` } },
});
