/**
 * `npm start`: build the service's bundle (scripts/build-server.mjs), then run it in this process,
 * so signals (SIGTERM's drain) reach the service itself.
 */
import { pathToFileURL } from 'node:url';
import { stop } from 'esbuild';
import { buildServer } from './build-server.mjs';

const bundle = await buildServer();
await stop(); // esbuild's helper process is not needed once the file is written
await import(pathToFileURL(bundle).href);
