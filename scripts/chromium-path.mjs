// Which Chromium the tests drive: CHROMIUM_PATH, else Debian's, else Playwright's bundled one (undefined).
import fs from 'node:fs';

export function chromiumPath() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return fs.existsSync(wanted) ? wanted : undefined;
}

// Flags that keep headless Chromium off the network this machine does not have.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
