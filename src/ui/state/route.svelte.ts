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
      if (this.#overHome) history.back();
      else history.replaceState(null, '', location.pathname + location.search);
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
