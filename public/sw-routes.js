// Imported by the generated service worker (vite.config.ts, workbox importScripts). Chromium's
// static routes: the build's hashed files (/assets/, never changed under one name) come straight
// from the precache without a fetch event for each, so a load's scripts and styles do not wait for
// the worker's script to run. Where the API is missing, the worker's own routes answer as before.
self.addEventListener('install', function (event) {
  if (typeof event.addRoutes != 'function') return;
  event.addRoutes({ condition: { urlPattern: '/assets/*', requestMethod: 'get' }, source: 'cache' }).catch(function () {});
});
