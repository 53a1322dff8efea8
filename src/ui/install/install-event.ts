// The browser fires `beforeinstallprompt` once, early: caught here, with the first paint, and handed
// to the app's install state (install.svelte.ts) whenever that loads.
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let caught: InstallPromptEvent | undefined;
const listeners = new Set<(e: InstallPromptEvent) => void>();

addEventListener('beforeinstallprompt', (e) => {
  e.preventDefault(); // offered in our own words, at a calm moment
  caught = e as InstallPromptEvent;
  for (const l of listeners) l(caught);
});

/** Calls `listener` with the event already caught, if any, then with each new one. */
export function onInstallPrompt(listener: (e: InstallPromptEvent) => void): () => void {
  if (caught) listener(caught);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
