/**
 * The service worker's static routes (public/sw-routes.js), imported by the generated worker
 * (vite.config.ts). A build without the public folder (the bench's floor page) copies it: the
 * worker's own routes are registered after the import, and a missing file left it with none.
 */
export const SW_ROUTES_FILE = 'sw-routes.js';
