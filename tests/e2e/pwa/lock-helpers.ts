// Page helpers for the lock, CSP and fault specs: the origin check and the CSP violation count.
import { expect, type Page } from '@playwright/test';

/** Records every request the page (and its workers) makes; returns the list to check later. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Counts securitypolicyviolation events from the very first script on. */
export async function countCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('menu').click();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('lock-settings')).toBeVisible();
}

export async function setPin(page: Page, pin: string): Promise<void> {
  await openSettings(page);
  await page.getByTestId('lock-setup').click();
  await page.getByTestId('lock-pin').fill(pin);
  await page.getByTestId('lock-pin-confirm').fill(pin);
  await page.getByTestId('lock-submit').click();
  await expect(page.getByTestId('lock-settings').getByRole('status')).toBeVisible({ timeout: 30_000 });
}

export async function unlock(page: Page, pin: string): Promise<void> {
  await page.getByTestId('unlock-pin').fill(pin);
  await page.getByTestId('unlock-submit').click();
}

/** Chromium's virtual platform authenticator with PRF; returns the origin to open (a WebAuthn RP ID
 *  must be a domain: the same static server, reached as localhost). */
export async function addPasskeyAuthenticator(page: Page, baseURL: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true, hasPrf: true,
    },
  });
  return baseURL.replace('127.0.0.1', 'localhost');
}
