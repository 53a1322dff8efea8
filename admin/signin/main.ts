import { mount } from 'svelte';
import '../lib/base.css';
import App from './App.svelte';
import { locale } from '../lib/i18n/locale.svelte.ts';

// The page's strings, in the reader's language, before it shows.
locale.load('signin').then(() => mount(App, { target: document.getElementById('app')! }));
