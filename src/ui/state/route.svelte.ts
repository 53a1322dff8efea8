// Which screen shows, kept in the URL hash so the phone's back button returns home.
export type Screen = 'home' | 'add' | 'help' | 'settings';
const screens: readonly Screen[] = ['home', 'add', 'help', 'settings'];

function fromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '') as Screen;
  return screens.includes(name) ? name : 'home';
}

class Route {
  #screen = $state<Screen>(fromHash());
  // Whether home is the history entry below this one, so "back" can be a real back.
  #overHome = false;

  constructor() {
    addEventListener('hashchange', () => {
      this.#screen = fromHash();
      if (this.#screen === 'home') this.#overHome = false;
    });
  }

  get current(): Screen {
    return this.#screen;
  }

  go(screen: Screen) {
    if (screen === this.#screen) return;
    if (screen === 'home') {
      // The URL says home at once (a reload right now must not reopen the screen); then, when
      // home is the entry below, step back onto it so the phone's back button leaves the app.
      history.replaceState(null, '', location.pathname + location.search);
      if (this.#overHome) history.back();
      this.#overHome = false;
    } else {
      if (this.#screen === 'home') {
        this.#overHome = true;
        location.hash = `/${screen}`;
      } else {
        history.replaceState(null, '', `#/${screen}`);
      }
    }
    this.#screen = screen;
  }
}

export const route = new Route();
