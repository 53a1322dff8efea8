// The reader's reduced-motion preference, one query for every card (live: follows the setting).
import { MediaQuery } from 'svelte/reactivity';

export const reducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)');
