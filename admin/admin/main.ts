import App from './App.svelte';
import { startScreen } from '../lib/start-screen.ts';

startScreen('admin', App);
