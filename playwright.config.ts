import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './scripts/chromium-path.mjs';
import { ADMIN, BANK_PORT, BANK_URL, METRICS_TOKEN, OPERATOR, VERIFY_API_KEY } from './tests/e2e/bank/accounts.ts';

// End-to-end flows against the built app. `pwa` serves dist/ with a plain static server, as the
// acceptance checks do; `bank` runs the reference service, which serves the PWA and its screens.
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT) || 4173;

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
    {
      // One bank test at a time: they share the service's one demo company (and its usage mode).
      name: 'bank',
      testMatch: /bank\/.*\.spec\.ts/,
      workers: 1,
      timeout: 180_000,
      use: { baseURL: BANK_URL },
    },
  ],
  webServer: [
    {
      command: `node scripts/serve-static.mjs dist ${STATIC_PORT}`,
      url: `http://127.0.0.1:${STATIC_PORT}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      // The reference bank service on a fresh embedded database, serving dist/ and dist-admin/.
      command: 'rm -rf .data/e2e && node scripts/start-server.mjs',
      url: `${BANK_URL}/readyz`,
      reuseExistingServer: !process.env.CI,
      // First start creates the database and hashes the demo passwords: ~40 s on a busy machine.
      timeout: 180_000,
      env: {
        PORT: String(BANK_PORT),
        DATA_DIR: '.data/e2e',
        ADMIN_USER: ADMIN.user,
        ADMIN_PASSWORD: ADMIN.password,
        ADMIN_PIN: ADMIN.pin,
        ADMIN_CARD: ADMIN.card,
        OPERATOR_USER: OPERATOR.user,
        OPERATOR_PASSWORD: OPERATOR.password,
        VERIFY_API_KEY,
        METRICS_TOKEN,
        LOG_LEVEL: 'warn',
        // Every test signs in from 127.0.0.1: the per-address window would otherwise join the tests together.
        LOGIN_LIMIT_PER_MINUTE: '10000',
        // A bulk import answers after 1 s, so bulk-users.spec.ts sees a running job on any machine.
        IMPORT_ANSWER_SECONDS: '1',
      },
    },
  ],
});
