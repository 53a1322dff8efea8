// The browser drops the vault (storage cleared or evicted) while the marker outside IndexedDB
// survives: the next visit says how many tokens are gone and that only the bank can replace them.
import { expect, test } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri } from './app.ts';

test('tokens gone since the last visit are announced, counted, and the notice stays until dismissed', async ({ context, page, baseURL }) => {
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), label: 'first' }));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), label: 'second' }));
  await expect(page.getByTestId('token')).toHaveCount(2);
  await expect(page.getByTestId('storage-lost')).toHaveCount(0);
  await page.close();

  // What eviction does: the origin's IndexedDB goes, localStorage stays.
  const next = await context.newPage();
  const cdp = await context.newCDPSession(next);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL!).origin, storageTypes: 'indexeddb' });

  await next.goto('/');
  const notice = next.getByTestId('storage-lost');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText(/（2件）|2 token/);
  await expect(notice).toContainText(/銀行|bank/);
  await expect(next.getByTestId('token')).toHaveCount(0);

  // Still there after a reload until the user says they have read it; then gone for good.
  await next.reload();
  await expect(notice).toBeVisible();
  await notice.getByRole('button').click();
  await expect(notice).toHaveCount(0);
  await next.reload();
  await expect(next.getByTestId('add-token')).toBeVisible();
  await expect(notice).toHaveCount(0);

  // A token enrolled afterwards is tracked again: no false alarm on the next visit.
  await enrollByUri(next, otpauthUri({ secret: randomSecret(), label: 'third' }));
  await expect(next.getByTestId('token')).toHaveCount(1);
  await next.reload(); // right after enrolling: home again, with the new token
  await expect(next.getByTestId('token')).toHaveCount(1);
  await expect(notice).toHaveCount(0);
});
