// Rewrites the configuration table in README.md and docs/api.md from server/config.ts.
import fs from 'node:fs';
import { withConfigTable } from '../server/config.ts';

for (const file of ['README.md', 'docs/api.md']) {
  fs.writeFileSync(file, withConfigTable(fs.readFileSync(file, 'utf8')));
  console.log(`${file}: configuration table written`);
}
