// Which screen shows, kept in the URL hash so the phone's back button returns home.
export type Screen = 'home' | 'add' | 'help' | 'settings' | 'sign';
const screens: readonly Screen[] = ['home', 'add', 'help', 'settings', 'sign'];

/** The screen and its argument (`#/sign/<token id>`); a screen that needs one and lacks it is home. */
function fromHash(): { screen: Screen; arg: string } {
  const [name, arg = ''] = location.hash.replace(/^#\/?/, '').split('/') as [Screen, string?];
  if (!screens.includes(name) || (name === 'sign') !== (arg !== '')) return { screen: 'home', arg: '' };
  return { screen: name, arg: decodeURIComponent(arg) };
}

class Route {
  #screen = $state<Screen>(fromHash().screen);
  #arg = $state(fromHash().arg);
  // Whether home is the history entry below this one, so "back" can be a real back.
  #overHome = false;

  constructor() {
    addEventListener('hashchange', () => {
      ({ screen: this.#screen, arg: this.#arg } = fromHash());
      if (this.#screen === 'home') this.#overHome = false;
    });
  }

  get current(): Screen {
    return this.#screen;
  }

  /** The current screen's argument (the token a signing screen is for), or ''. */
  get arg(): string {
    return this.#arg;
  }

  go(screen: Screen, arg = '') {
    if (screen === this.#screen && arg === this.#arg) return;
    this.#arg = arg;
    const path = arg ? `${screen}/${encodeURIComponent(arg)}` : screen;
    if (screen === 'home') {
      // The URL says home at once (a reload right now must not reopen the screen); then, when
      // home is the entry below, step back onto it so the phone's back button leaves the app.
      history.replaceState(null, '', location.pathname + location.search);
      if (this.#overHome) history.back();
      this.#overHome = false;
    } else {
      if (this.#screen === 'home') {
        this.#overHome = true;
        location.hash = `/${path}`;
      } else {
        history.replaceState(null, '', `#/${path}`);
      }
    }
    this.#screen = screen;
  }
}

export const route = new Route();
