/**
 * What the administrator's and the operator's screens share: the session, the first load, and
 * the act → reload → message cycle. A 401 anywhere means the session ended: back to sign-in with
 * a notice, and the page's data forgotten.
 */
import { ApiError } from './api.ts';
import { flash } from './flash.svelte.ts';
import { errorText, locale } from './i18n/locale.svelte.ts';
import { currentSession, signOut, type Role, type Session } from './session.ts';

/** Runs one action; its outcome shows at `owner`. Resolves to whether the action succeeded. */
export type Act = (owner: string, call: () => Promise<unknown>, success: () => string) => Promise<boolean>;

export class SignedInPage {
  session = $state<Session | null>(null);
  ready = $state(false);
  loginNotice = $state<string | null>(null);
  readonly role: Role;
  readonly #load: () => Promise<void>;
  readonly #forget: () => void;

  /** `load` fetches the page's data; `forget` drops it when the session ends. */
  constructor(role: Role, load: () => Promise<void>, forget: () => void) {
    this.role = role;
    this.#load = load;
    this.#forget = forget;
  }

  /** Call once on mount: restores a session that is still open. */
  async start(): Promise<void> {
    try {
      this.session = await currentSession(this.role);
      if (this.session) await this.#load();
    } catch (e) {
      flash.show('page', 'alert', errorText(e));
    }
    this.ready = true;
  }

  /** The page's data reloads whether the action worked or not: someone else may have acted too. */
  act: Act = async (owner, call, success) => {
    flash.clear();
    let ok = false;
    try {
      await call();
      ok = true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return this.expired();
      flash.show(owner, 'alert', errorText(e));
    }
    try {
      await this.#load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return this.expired();
    }
    if (ok) flash.show(owner, 'status', success());
    return ok;
  };

  /** Fetch something to show (a search, another page); a refusal is said under `owner`. */
  fetch = async (owner: string, call: () => Promise<unknown>): Promise<void> => {
    flash.clear();
    try {
      await call();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return void this.expired();
      flash.show(owner, 'alert', errorText(e));
    }
  };

  expired = (): false => {
    this.session = null;
    this.#forget();
    this.loginNotice = locale.t.error.session;
    return false;
  };

  /** Loads before the screen shows, as `start` does, so its lists fetch once (not at mount and again after the load). */
  signedIn = async (s: Session): Promise<void> => {
    this.loginNotice = null;
    flash.clear();
    try {
      await this.#load();
    } catch (e) {
      flash.show('page', 'alert', errorText(e));
    }
    this.session = s;
  };

  signOut = async (): Promise<void> => {
    await signOut().catch(() => {});
    this.session = null;
    this.#forget();
    flash.clear();
  };
}
