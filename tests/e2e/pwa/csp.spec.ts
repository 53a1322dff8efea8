// The strict CSP on the built app: every screen works with zero violation reports, Trusted
// Types is enforced (a script-bearing HTML string is refused), and nothing leaves the origin.
import { expect, test } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri, expectCurrentCode } from './app.ts';
import { countCspViolations, cspViolations, recordRequests } from './lock-helpers.ts';

test('enroll, use, every screen: zero CSP violations, same-origin only, Trusted Types enforced', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await countCspViolations(page);
  await page.goto('/');
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret }));
  const code = page.getByTestId('token').getByTestId('code');
  await expectCurrentCode(page, code, secret);
  for (const screen of ['settings', 'help']) {
    await page.getByTestId('menu').click();
    await page.getByTestId(screen).click();
    await expect(page.getByTestId(`${screen}-screen`)).toBeVisible();
    await page.goBack();
  }
  await page.getByTestId('add-token').click();
  await expect(page.getByTestId('uri-input')).toBeVisible();

  const sinks = await page.evaluate(() => {
    const tried = (f: () => void) => {
      try {
        f();
        return 'allowed';
      } catch (e) {
        return (e as Error).name;
      }
    };
    const div = document.createElement('div');
    return {
      policy: typeof (window as unknown as { trustedTypes?: object }).trustedTypes,
      markup: tried(() => (div.innerHTML = '<b>text</b>')),
      handler: tried(() => (div.innerHTML = '<img src=x onerror="alert(1)">')),
      script: tried(() => document.createElement('script').text = 'alert(1)'),
      foreignWorker: tried(() => new Worker('https://example.com/w.js')),
      other: tried(() => (window as unknown as { trustedTypes: { createPolicy: (n: string, r: object) => void } }).trustedTypes.createPolicy('evil', {})),
    };
  });
  expect(sinks).toEqual({ policy: 'object', markup: 'allowed', handler: 'TypeError', script: 'TypeError', foreignWorker: 'TypeError', other: 'TypeError' });

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
  // The refused sinks above report violations on purpose; before them there were none.
  const violations = await cspViolations(page);
  expect(violations.every((v) => v.startsWith('require-trusted-types-for') || v.startsWith('trusted-types'))).toBe(true);
  expect(violations.length).toBeLessThanOrEqual(5);
});
