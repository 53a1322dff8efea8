// Checks the audit log's hash chain (server/sql-audit.ts): `npm run audit:check`. Uses
// DATABASE_URL, else the embedded database in DATA_DIR (stop the service first: PGlite has one
// user at a time). Exit status 0 when intact, 1 with each break named.
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { openPglite, openPostgres } from '../server/db.ts';
import { checkAuditChain } from '../server/sql-audit.ts';

const config = loadConfig({ ...process.env, MASTER_KEY: process.env.MASTER_KEY ?? Buffer.alloc(32).toString('base64') });
const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(path.resolve(config.dataDir));
try {
  const r = await checkAuditChain(db);
  console.log(`audit chain: ${r.sealed} entries sealed, ${r.unsealed} not yet sealed`);
  for (const p of r.problems) console.log(`  BROKEN: ${p}`);
  console.log(r.ok ? 'audit chain intact' : 'audit chain BROKEN');
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await db.close();
}
