/** The reference service the `bank` Playwright project starts, and its demo accounts. */
// E2E_BANK_PORT lets two checkouts run their suites side by side on one machine.
export const BANK_PORT = Number(process.env.E2E_BANK_PORT) || 4180;
export const BANK_URL = `http://127.0.0.1:${BANK_PORT}`;
/** `card`: the demo company's customer card (ADMIN_CARD), cells イ ロ ハ … ネ in order. */
export const ADMIN = { user: 'admin', password: 'e2e-admin-password', pin: 'E2EPIN2468', card: '80419275361257093846' } as const;
export const OPERATOR = { user: 'operator', password: 'e2e-operator-password' } as const;
/** The internet-banking password the tests' administrator gives every user it creates. */
export const USER_PASSWORD = 'e2e-user-password';
/** The integration API key the bank service is started with (VERIFY_API_KEY → client `demo-ib`). */
export const VERIFY_API_KEY = 'e2e-verify-api-key-0123456789abcdef';
export const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
/** A second service, over HTTPS with ADMIN_CLIENT_CA, that the certificate tests start themselves. */
export const TLS_PORT = Number(process.env.E2E_TLS_PORT) || BANK_PORT + 10;
export const TLS_URL = `https://127.0.0.1:${TLS_PORT}`;
