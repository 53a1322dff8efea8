import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  preprocess: vitePreprocess(),
  // discloseVersion: no `window.__svelte` version push in the home screen's bytes.
  compilerOptions: { runes: true, discloseVersion: false },
};
