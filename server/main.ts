/**
 * The reference bank service on one port: `npm start` (tsx server/main.ts). Environment:
 * docs/api.md "Running". Prints the URLs and the demo credentials.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Issuer } from '../src/issuer/issuer.ts';
import { importMasterKey } from '../src/issuer/seal.ts';
import { createApp } from './app.ts';
import { analyzeChanged, migrate, openPglite, openPostgres, type Db } from './db.ts';
import { nodeOpenSeed } from './node-seal.ts';
import { nodeSign } from './node-sign.ts';
import { hashSecret, scryptPinHasher } from './passwords.ts';
import { AccountStore, SqlStore } from './sql-store.ts';

const env = process.env;
const port = Number(env.PORT || 8080);
const host = env.HOST || '127.0.0.1';
const dataDir = path.resolve(env.DATA_DIR || '.data');

function password(): string {
  return randomBytes(12).toString('base64url');
}

/** MASTER_KEY (base64, 32 bytes), else DATA_DIR/master.key, made on the first run. */
function masterKeyBytes(): Uint8Array {
  if (env.MASTER_KEY) {
    const raw = Buffer.from(env.MASTER_KEY, 'base64');
    if (raw.length !== 32) throw new Error('MASTER_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)');
    return raw;
  }
  const file = path.join(dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    console.log(`No MASTER_KEY set: generated a new master key in ${file} (demo only; set MASTER_KEY in production).`);
  }
  const raw = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (raw.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
  return raw;
}

async function main(): Promise<void> {
  const masterKey = await importMasterKey(masterKeyBytes());
  const db: Db = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(dataDir);
  await migrate(db, Date.now());
  await analyzeChanged(db);

  const ttlMinutes = Number(env.UNASSIGNED_TTL_MINUTES || 24 * 60);
  const store = new SqlStore(db);
  const issuer = new Issuer({
    store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, unassignedTtlMs: ttlMinutes * 60_000,
    issuerName: env.ISSUER_NAME || 'Demo Bank',
  });
  const accounts = new AccountStore(db);

  const admin = { user: env.ADMIN_USER || 'admin', password: env.ADMIN_PASSWORD || password() };
  const operator = { user: env.OPERATOR_USER || 'operator', password: env.OPERATOR_PASSWORD || password() };
  const pin = env.ADMIN_PIN || String(randomInt(10_000_000, 100_000_000));
  await issuer.ensureCompany({ companyId: 'demo', name: env.COMPANY_NAME || 'デモ株式会社 Demo Co., Ltd.', pin });
  await accounts.put({ role: 'admin', username: admin.user, companyId: 'demo', passwordHash: await hashSecret(admin.password) });
  await accounts.put({ role: 'operator', username: operator.user, companyId: null, passwordHash: await hashSecret(operator.password) });
  await issuer.warm();

  const { app } = createApp({
    issuer, accounts, provisionLimitPerMinute: Number(env.PROVISION_LIMIT_PER_MINUTE || 20), trustProxy: env.TRUST_PROXY === '1',
  });
  const sweep = setInterval(() => {
    void issuer.expireUnassigned(Date.now()).catch((e) => console.error('expiry sweep', e));
    void analyzeChanged(db).catch((e) => console.error('analyze', e));
  }, 60_000);
  sweep.unref();

  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
    console.log(`Soft token bank service (${db.kind === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'})`);
    console.log(`  app (PWA)        ${base}/`);
    console.log(`  administrator    ${base}/admin/   user ${admin.user}  password ${admin.password}  confirmation PIN ${pin}`);
    console.log(`  bank operator    ${base}/bank/    user ${operator.user}  password ${operator.password}`);
    console.log(`  sign-in demo     ${base}/signin/  company demo`);
    console.log(`  API              ${base}/api/     (docs/api.md)`);
  });

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    server.close(async () => {
      await issuer.flushAudit().catch(() => undefined);
      await db.close();
      process.exit(0);
    });
    // Keep-alive connections would hold close() open.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
