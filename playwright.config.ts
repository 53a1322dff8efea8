import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './scripts/chromium-path.mjs';

// End-to-end flows against the built app. `pwa` serves dist/ with a plain static server, as the
// acceptance checks do; `bank` runs the reference service, which serves the PWA and its screens.
export const STATIC_PORT = 4173;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 8_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.vitest-reports/e2e.json' }]],
  use: {
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    serviceWorkers: 'allow',
    trace: 'off',
  },
  projects: [
    {
      name: 'pwa',
      testMatch: /pwa\/.*\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${STATIC_PORT}` },
    },
  ],
  webServer: [
    {
      command: `node scripts/serve-static.mjs dist ${STATIC_PORT}`,
      url: `http://127.0.0.1:${STATIC_PORT}/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
