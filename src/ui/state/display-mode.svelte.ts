// Code or serial-number display (the bank app's ≡ toggle), remembered on this device.
export type DisplayMode = 'code' | 'serial';
import { DISPLAY_MODE_KEY as KEY } from './display-mode-key.ts';

class DisplayModeState {
  #mode = $state<DisplayMode>(globalThis.localStorage?.getItem(KEY) === 'serial' ? 'serial' : 'code');

  get current(): DisplayMode {
    return this.#mode;
  }

  toggle() {
    this.#mode = this.#mode === 'code' ? 'serial' : 'code';
    localStorage.setItem(KEY, this.#mode);
  }
}

export const displayMode = new DisplayModeState();
