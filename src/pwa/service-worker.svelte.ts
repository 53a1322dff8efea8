// Service worker registration through workbox-window. A new version waits until the user
// chooses to update (never a silent reload that loses their place).

class ServiceWorkerState {
  updateReady = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;

  async start() {
    if (!('serviceWorker' in navigator)) return;
    // Loaded after the first render: registration is never on the way to the first code.
    const { registerSW } = await import('virtual:pwa-register');
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
