// Service worker registration through workbox-window. A new version waits until the user
// chooses to update (never a silent reload that loses their place). When another tab updates,
// this tab must not keep running old code under the new worker (its lazy chunks are gone from
// the precache): it reloads at once where nothing can be lost, else asks the user to.

import { activateUpdate, controlledAtLoad, onWorkerEvent, registerWorker } from './sw-registration.ts';
import { afterFirstCode } from '../ui/first-code.ts';

class ServiceWorkerState {
  updateReady = $state(false);
  offlineReady = $state(false);
  /** The worker changed under this tab (another tab updated) and the tab waits for a safe reload. */
  reloadNeeded = $state(false);
  #requested = false;
  #safeToReload: () => boolean = () => true;

  /** `safeToReload`: whether a reload now would lose nothing (e.g. the home screen is showing). */
  async start(safeToReload?: () => boolean) {
    if (!('serviceWorker' in navigator)) return;
    if (safeToReload) this.#safeToReload = safeToReload;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (controlledAtLoad) this.#newVersionControls();
    });
    onWorkerEvent((e) => {
      if (e === 'need-refresh') this.updateReady = true;
      else if (e === 'offline-ready') this.offlineReady = true;
      else this.#newVersionControls();
    });
    // Registration (and on a first visit, the precache download) never competes with the first code.
    await afterFirstCode();
    await registerWorker();
  }

  async update() {
    this.updateReady = false;
    this.#requested = true;
    await activateUpdate(true);
  }

  /** Reload now if it loses nothing; else keep asking, and the next safe moment reloads. */
  reloadWhenSafe() {
    if (this.reloadNeeded && this.#safeToReload()) location.reload();
  }

  dismiss() {
    this.updateReady = false;
    this.offlineReady = false;
  }

  #newVersionControls() {
    this.updateReady = false;
    if (this.#requested || this.#safeToReload()) {
      location.reload();
      return;
    }
    this.reloadNeeded = true;
  }
}

export const serviceWorker = new ServiceWorkerState();
