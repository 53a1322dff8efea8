import './pwa/trusted-types.ts'; // first: the Trusted Types policy must exist before any markup is made
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { locale } from './ui/i18n/locale.svelte.ts';
import { tokens } from './ui/state/tokens.svelte.ts';
import './ui/app.css';

// public/browser-check.js ran first: below the floor it shows its message, and the app starts
// nothing (no vault, so no IndexedDB; no mount, so no service worker).
if (document.documentElement.dataset.browser !== 'unsupported') {
  // The vault (IndexedDB, key unwrapping) opens while the catalogue loads and the app mounts.
  tokens.open().catch(() => {}); // a failure shows on the home screen through tokens.error
  // An English reader's catalogue is a separate chunk (served by the service worker): mount once it is in.
  locale.ready.then(() => mount(App, { target: document.getElementById('app')! }));
}
