// The Svelte app, loaded after the first code. It mounts beside the first paint (if there is one)
// with everything it needs already in (strings, the open vault, the painted codes), so its first
// render is complete; the paint then leaves in the same task, before the browser draws again.
import { flushSync, mount } from 'svelte';
import App from './App.svelte';
import { locale } from './i18n/locale.svelte.ts';
import { tokens } from './state/tokens.svelte.ts';
import type { FirstPaint } from './home/first-paint.ts';

export async function startApp(target: HTMLElement, paint: FirstPaint | undefined): Promise<void> {
  // A vault that cannot open shows on the home screen through tokens.error.
  await Promise.all([locale.ready, tokens.open().catch(() => {}), paint?.settled()]);
  mount(App, { target });
  flushSync();
  paint?.handOver(target);
}
