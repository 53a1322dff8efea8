/**
 * The reference bank service on one port: `npm start` (tsx server/main.ts). Configuration:
 * server/config.ts (the table in docs/api.md "Running"). Prints the URLs and the demo credentials.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import https from 'node:https';
import { serve } from '@hono/node-server';
import { CustomerCards } from '../src/issuer/card-sign-in.ts';
import { CARD_LABELS, deriveCardKey } from '../src/issuer/customer-card.ts';
import { Issuer } from '../src/issuer/issuer.ts';
import { importMasterKey } from '../src/issuer/seal.ts';
import { createApp } from './app.ts';
import { Transactions } from '../src/issuer/transactions.ts';
import { AuditQueue } from '../src/issuer/audit-queue.ts';
import { SqlTransactionStore } from './transaction-store.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { SqlCardStore } from './card-store.ts';
import { parseCaBundle, type ClientCertificatePolicy } from './client-certificate.ts';
import { analyzeChanged, migrate, openPglite, openPostgres, type Db } from './db.ts';
import { nodeOpenSeed } from './node-seal.ts';
import { nodeSign } from './node-sign.ts';
import { hashSecret, scryptPinHasher } from './passwords.ts';
import { AccountStore, SqlStore } from './sql-store.ts';
import { provisioningSigner } from './provisioning-key.ts';


function password(): string {
  return randomBytes(12).toString('base64url');
}

/** MASTER_KEY (base64, 32 bytes), else DATA_DIR/master.key, made on the first run. */
function masterKeyBytes(config: Config, dataDir: string): Uint8Array {
  if (config.masterKey) return config.masterKey;
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

/** A configured PEM file, or a clear error naming the variable. */
function pemFile(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([`${variable}=${JSON.stringify(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

function clientCertificatePolicy(config: Config): ClientCertificatePolicy | undefined {
  if (!config.adminClientCa) return undefined;
  try {
    const cas = parseCaBundle(pemFile('ADMIN_CLIENT_CA', config.adminClientCa));
    return config.adminClientCertHeader ? { cas, header: config.adminClientCertHeader } : { cas };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([`ADMIN_CLIENT_CA=${JSON.stringify(config.adminClientCa)}: ${(e as Error).message}`]);
  }
}

/** The card as the operator would print it: label over digit, in card order. */
function cardText(digits: string): string {
  return CARD_LABELS.map((l, i) => `${l}${digits[i]}`).join(' ');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { port, host } = config;
  const dataDir = path.resolve(config.dataDir);
  const masterKeyRaw = masterKeyBytes(config, dataDir);
  const masterKey = await importMasterKey(masterKeyRaw);
  const clientCertificates = clientCertificatePolicy(config);
  const tls = config.tlsCert && config.tlsKey
    ? { cert: pemFile('TLS_CERT', config.tlsCert), key: pemFile('TLS_KEY', config.tlsKey) }
    : null;
  const db: Db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(dataDir);
  await migrate(db, Date.now());
  await analyzeChanged(db);

  const ttlMinutes = config.unassignedTtlMinutes;
  const store = new SqlStore(db);
  const issuer = new Issuer({
    store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, unassignedTtlMs: ttlMinutes * 60_000,
    issuerName: config.issuerName,
  });
  const accounts = new AccountStore(db);

  const admin = { user: config.adminUser, password: config.adminPassword ?? password() };
  const operator = { user: config.operatorUser, password: config.operatorPassword ?? password() };
  const pin = config.adminPin ?? String(randomInt(10_000_000, 100_000_000));
  const companyId = config.companyId;
  await issuer.ensureCompany({ companyId, name: config.companyName, pin });
  await accounts.put({ role: 'admin', username: admin.user, companyId, passwordHash: await hashSecret(admin.password) });
  await accounts.put({ role: 'operator', username: operator.user, companyId: null, passwordHash: await hashSecret(operator.password) });
  await issuer.warm();

  // The demo company's customer card: ADMIN_CARD at every start; else one made once and printed.
  const cards = new CustomerCards(new SqlCardStore(db), await deriveCardKey(masterKeyRaw));
  let cardNote: string;
  if (config.adminCard) {
    await cards.issue(companyId, Date.now(), config.adminCard);
    cardNote = 'from ADMIN_CARD';
  } else if (await cards.hasCard(companyId)) {
    cardNote = 'issued earlier (its digits are not kept; issue a new one on /bank/)';
  } else {
    cardNote = cardText((await cards.issue(companyId, Date.now())).digits);
  }

  const transactions = new Transactions({
    store: new SqlTransactionStore(db), issuerStore: store, masterKey, audit: new AuditQueue(store),
    maxFailures: issuer.maxFailures, makeSign: nodeSign, openSeed: nodeOpenSeed,
  });
  const provisioningKey = await provisioningSigner({ PROVISIONING_SIGNING_KEY: config.provisioningSigningKey, PROVISIONING_KEY_FILE: config.provisioningKeyFile });
  if (provisioningKey.demoFile)
    console.log(`No PROVISIONING_SIGNING_KEY set: provisioning answers are signed with the demo key in ${provisioningKey.demoFile}, which \`npm run build\` on this machine embeds (demo only; SECURITY.md).`);
  const { app } = createApp({
    issuer, accounts, provisioningKey, provisionLimitPerMinute: config.provisionLimitPerMinute, trustProxy: config.trustProxy,
    transactions, verifyApiKey: config.verifyApiKey,
    cards, clientCertificates,
  });
  const sweep = setInterval(() => {
    void issuer.expireUnassigned(Date.now()).catch((e) => console.error('expiry sweep', e));
    void analyzeChanged(db).catch((e) => console.error('analyze', e));
  }, 60_000);
  sweep.unref();

  // HTTPS with TLS_CERT/TLS_KEY; with ADMIN_CLIENT_CA the handshake asks for a client certificate,
  // but lets a connection without one through: only the administrator's page and API need it.
  const listen = tls
    ? {
      createServer: https.createServer,
      serverOptions: {
        ...tls, requestCert: clientCertificates !== undefined, rejectUnauthorized: false,
        ...(clientCertificates ? { ca: clientCertificates.cas.map((c) => c.toString()) } : {}),
      },
    }
    : {};
  const server = serve({ fetch: app.fetch, port, hostname: host, ...listen }, (info) => {
    const base = `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
    console.log(`Soft token bank service (${db.kind === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'})`);
    console.log(`  app (PWA)        ${base}/`);
    console.log(`  administrator    ${base}/admin/   user ${admin.user}  password ${admin.password}  confirmation PIN ${pin}`);
    console.log(`                   customer card ${cardNote}${clientCertificates ? '  (client certificate of ADMIN_CLIENT_CA required)' : ''}`);
    console.log(`  bank operator    ${base}/bank/    user ${operator.user}  password ${operator.password}`);
    console.log(`  sign-in demo     ${base}/signin/  company ${companyId}`);
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
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
