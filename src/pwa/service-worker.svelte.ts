// Service worker registration through workbox-window. A new version waits until the user
// chooses to update (never a silent reload that loses their place).
import { registerSW } from 'virtual:pwa-register';

class ServiceWorkerState {
  updateReady = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;

  start() {
    if (!('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.updateReady = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async update() {
    this.updateReady = false;
    await this.#update?.(true);
  }

  dismiss() {
    this.updateReady = false;
    this.offlineReady = false;
  }
}

export const serviceWorker = new ServiceWorkerState();
