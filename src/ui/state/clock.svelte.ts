// One shared clock for every card: ticks on whole seconds (the ring's text and each step change),
// sleeps while the page is hidden and catches up at once when it shows again. Reading `now`
// starts it; when nothing reads it, no timer runs.
import { createSubscriber } from 'svelte/reactivity';

class Clock {
  #now = $state(Date.now());
  #subscribe = createSubscriber((update) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      this.#now = Date.now();
      update();
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = undefined;
      if (document.visibilityState === 'hidden') return;
      // Wake just after the next whole second, so a step boundary is never missed or late.
      timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 1);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? schedule() : tick());
    document.addEventListener('visibilitychange', onVisibility);
    // A resumed phone may fire neither timer nor visibility: pageshow/focus catch that case.
    window.addEventListener('pageshow', tick);
    window.addEventListener('focus', tick);
    tick();
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', tick);
      window.removeEventListener('focus', tick);
    };
  });

  /** Milliseconds since the epoch, as of the last whole-second tick. */
  get now(): number {
    this.#subscribe();
    return this.#now;
  }
}

export const clock = new Clock();
