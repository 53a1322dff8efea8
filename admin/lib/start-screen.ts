/** A screen's entry: its strings, in the reader's language, load before it shows. */
import { mount, type Component } from 'svelte';
import './base.css';
import { locale, type Part } from './i18n/locale.svelte.ts';

export function startScreen(part: Exclude<Part, 'common'>, App: Component): void {
  locale.load(part).then(() => mount(App, { target: document.getElementById('app')! }));
}
