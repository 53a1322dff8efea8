/** The reference service the `bank` Playwright project starts, and its demo accounts. */
// E2E_BANK_PORT lets two checkouts run their suites side by side on one machine.
export const BANK_PORT = Number(process.env.E2E_BANK_PORT) || 4180;
export const BANK_URL = `http://127.0.0.1:${BANK_PORT}`;
export const ADMIN = { user: 'admin', password: 'e2e-admin-password', pin: 'E2EPIN2468' } as const;
export const OPERATOR = { user: 'operator', password: 'e2e-operator-password' } as const;
export const VERIFY_API_KEY = 'e2e-verify-api-key-0123456789abcdef';
