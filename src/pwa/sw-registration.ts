// The page's one service-worker registration (workbox-window), plain so the first paint can make it
// without the app; the app's state (service-worker.svelte.ts) hears the same events, including
// those that came before it loaded.
export type WorkerEvent = 'need-refresh' | 'offline-ready' | 'need-reload';

/** Whether a worker controlled the page as it loaded: a later controller change is a new version. */
export const controlledAtLoad = typeof navigator !== 'undefined' && Boolean(navigator.serviceWorker?.controller);

const happened: WorkerEvent[] = [];
const listeners = new Set<(e: WorkerEvent) => void>();
let update: ((reload?: boolean) => Promise<void>) | undefined;
let registering: Promise<void> | undefined;

function emit(e: WorkerEvent) {
  happened.push(e);
  for (const l of listeners) l(e);
}

/** Registers once (on a first visit this starts the precache download). */
export function registerWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return Promise.resolve();
  registering ??= import('virtual:pwa-register').then(({ registerSW }) => {
    update = registerSW({
      immediate: true,
      onNeedRefresh: () => emit('need-refresh'),
      onOfflineReady: () => emit('offline-ready'),
      onNeedReload: () => emit('need-reload'),
    });
  });
  return registering;
}

/** Calls `listener` for every event so far, then for each new one. */
export function onWorkerEvent(listener: (e: WorkerEvent) => void): () => void {
  for (const e of happened) listener(e);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Activates the waiting version (`reload`: then reloads the page). */
export async function activateUpdate(reload?: boolean): Promise<void> {
  await update?.(reload);
}
