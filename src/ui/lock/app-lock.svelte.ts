// The app lock as the screens see it: whether the vault is locked, unlock/lock, setup, and the
// auto-lock after a chosen idle time or that long hidden. The crypto lives in src/vault/lock.
import { tokens } from '../state/tokens.svelte.ts';
import type { Vault } from '../../vault/vault.ts';
import { prfMaybeSupported } from '../../vault/lock/prf-key.ts';

const IDLE_KEY = 'soft-token.auto-lock-minutes';
export const IDLE_CHOICES = [1, 5, 15, 60] as const;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

class AppLock {
  #state = $state<'off' | 'locked' | 'unlocked' | 'unknown'>('unknown');
  #kind = $state<'pin' | 'prf' | undefined>(undefined);
  #idleMinutes = $state(Number(globalThis.localStorage?.getItem(IDLE_KEY)) || 5);
  #vault: Vault | undefined;
  #lastActive = Date.now();
  #hiddenAt: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  get state() {
    return this.#state;
  }
  get kind() {
    return this.#kind;
  }
  get locked(): boolean {
    return this.#state === 'locked';
  }
  get idleMinutes(): number {
    return this.#idleMinutes;
  }

  /** Connects to the vault once it is open; call from the app shell. Returns the cleanup. */
  start(): () => void {
    let off = () => {};
    tokens.open().then((vault) => {
      this.#vault = vault;
      const sync = () => {
        this.#state = vault.lockState();
        this.#kind = vault.lockKind();
        this.#schedule();
      };
      off = vault.onChange(sync);
      sync();
    }, () => {});
    const active = () => {
      this.#lastActive = Date.now();
      this.#schedule();
    };
    const visibility = () => {
      if (document.visibilityState === 'hidden') this.#hiddenAt = Date.now();
      else {
        // Timers do not run while a phone sleeps: measure the hidden time on return instead.
        if (this.#hiddenAt !== undefined && Date.now() - this.#hiddenAt >= this.#idleMs()) this.lockNow();
        this.#hiddenAt = undefined;
        active();
      }
    };
    for (const e of ACTIVITY) addEventListener(e, active, { passive: true, capture: true });
    document.addEventListener('visibilitychange', visibility);
    return () => {
      off();
      clearTimeout(this.#timer);
      for (const e of ACTIVITY) removeEventListener(e, active, { capture: true });
      document.removeEventListener('visibilitychange', visibility);
    };
  }

  #idleMs(): number {
    return this.#idleMinutes * 60_000;
  }

  #schedule() {
    clearTimeout(this.#timer);
    if (this.#state !== 'unlocked') return;
    const left = this.#lastActive + this.#idleMs() - Date.now();
    this.#timer = setTimeout(() => {
      if (Date.now() - this.#lastActive >= this.#idleMs()) this.lockNow();
      else this.#schedule();
    }, Math.max(1000, left));
  }

  setIdleMinutes(minutes: number) {
    this.#idleMinutes = minutes;
    localStorage.setItem(IDLE_KEY, String(minutes));
    this.#schedule();
  }

  async #v(): Promise<Vault> {
    return (this.#vault ??= await tokens.open());
  }

  lockNow() {
    this.#vault?.lock();
  }

  async unlockWithPin(pin: string) {
    await (await this.#v()).unlockWithPin(pin);
    this.#lastActive = Date.now();
  }

  async unlockWithPasskey() {
    await (await this.#v()).unlockWithPasskey();
    this.#lastActive = Date.now();
  }

  /** Turns the PIN lock on, or changes it (then `current` must be the unlocking PIN). */
  async setPin(pin: string, current?: string) {
    const vault = await this.#v();
    if (vault.lockKind() === 'pin') await vault.confirmPin(current ?? '');
    await vault.setPin(pin);
  }

  async setPasskey() {
    await (await this.#v()).setPasskey();
  }

  async turnOff(pin?: string) {
    const vault = await this.#v();
    if (vault.lockKind() === 'pin') await vault.confirmPin(pin ?? '');
    // A passkey lock asks the authenticator again, so a borrowed unlocked phone cannot turn it off.
    if (vault.lockKind() === 'prf') await vault.unlockWithPasskey();
    await vault.turnOff();
  }

  passkeyMaybeSupported(): Promise<boolean> {
    return prfMaybeSupported();
  }
}

export const appLock = new AppLock();
