/**
 * One bench page in Chromium: a bare Vite dev server (no app plugins) serves bench/page.html, which
 * loads bench/<name>.page.ts; the page sets its title to 'ready' when its `window` function is set.
 */
import { chromium, type Page } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { root } from './builds.ts';

export async function withBenchPage<T>(name: string, work: (page: Page) => Promise<T>): Promise<T> {
  // Scan only the bench's page for dependencies, not the app's entries.
  const server = await createServer({
    root, configFile: false, logLevel: 'error', server: { host: '127.0.0.1', port: 0 },
    optimizeDeps: { entries: [`bench/${name}.page.ts`] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/page.html?bench=${name}`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 120_000 });
    return await work(page);
  } finally {
    await browser.close();
    await server.close();
  }
}
