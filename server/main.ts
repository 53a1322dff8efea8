/**
 * The reference bank service on one port: `npm start` (scripts/start-server.mjs bundles this file and runs it). Configuration:
 * server/config.ts (the table in docs/api.md "Running"). Prints the URLs and the demo credentials
 * it generated; logs JSON lines (pino) to stdout. SIGTERM: stop accepting, finish what is in
 * flight, write the audit log, close the database, within 10 s.
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
import { AccountStore } from './account-store.ts';
import { createApp } from './app.ts';
import { Transactions } from '../src/issuer/transactions.ts';
import { AuditQueue } from '../src/issuer/audit-queue.ts';
import { SqlTransactionStore } from './transaction-store.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { SqlCardStore } from './card-store.ts';
import { parseCaBundle, type ClientCertificatePolicy } from './client-certificate.ts';
import { analyzeChanged, migrate, openPglite, openPostgres, type Db } from './db.ts';
import { sweepLimits } from './limits.ts';
import { makeLogger } from './log.ts';
import { assertMasterKey, MasterKeyMismatch, masterKeyMatches } from './master-key-check.ts';
import { Metrics } from './metrics.ts';
import { nodeOpenSeed } from './node-seal.ts';
import { nodeSign } from './node-sign.ts';
import { hashSecret, scryptPinHasher } from './passwords.ts';
import { SqlSessions } from './sessions.ts';
import { SqlStore } from './sql-store.ts';
import { UserImports } from './user-imports.ts';
import { provisioningSigner } from './provisioning-key.ts';

const SHUTDOWN_MS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

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
  const log = makeLogger({ level: config.logLevel });
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
  await assertMasterKey(db, masterKey);
  await analyzeChanged(db);

  const store = new SqlStore(db);
  const issuer = new Issuer({
    store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed,
    unassignedTtlMs: config.unassignedTtlMinutes * 60_000, expiredRetentionMs: config.expiredRetentionDays * DAY_MS,
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
  if (config.verifyApiKey) await accounts.putApiClient('demo-ib', config.verifyApiKey, Date.now(), 'system');
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

  // Its queued audit entries are written at shutdown too.
  const transactionAudit = new AuditQueue(store);
  const transactions = new Transactions({
    store: new SqlTransactionStore(db, { audited: () => store.sealer.soon() }), issuerStore: store, masterKey, audit: transactionAudit,
    maxFailures: issuer.maxFailures, makeSign: nodeSign, openSeed: nodeOpenSeed,
  });
  const provisioningKey = await provisioningSigner({ PROVISIONING_SIGNING_KEY: config.provisioningSigningKey, PROVISIONING_KEY_FILE: config.provisioningKeyFile });
  if (provisioningKey.demoFile)
    console.log(`No PROVISIONING_SIGNING_KEY set: provisioning answers are signed with the demo key in ${provisioningKey.demoFile}, which \`npm run build\` on this machine embeds (demo only; SECURITY.md).`);
  // Bulk user imports left by a stopped instance go on here too (kicked by the sweep below).
  const userImports = new UserImports({ db, issuer, masterKey, answerWaitMs: config.importAnswerSeconds * 1000, audited: () => store.sealer.soon(), onError: (e) => log.error({ err: String(e) }, 'user import') });
  let accepting = true;
  const metrics = new Metrics(db.pool);
  const sessions = new SqlSessions(db, { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionMaxHours * 3_600_000 });
  const { app } = createApp({
    issuer, accounts, provisioningKey, db, sessions, metrics, log, provisionLimitPerMinute: config.provisionLimitPerMinute, loginLimitPerMinute: config.loginLimitPerMinute,
    trustProxy: config.trustProxy, publicOrigins: config.publicOrigin, demoCompanyId: companyId,
    ops: {
      metricsToken: config.metricsToken,
      accepting: () => accepting,
      ready: async () => (await db.query('SELECT 1')).length === 1 && (await masterKeyMatches(db, masterKey)),
    },
    transactions, verifyApiKey: config.verifyApiKey, cards, clientCertificates, userImports,
  });
  userImports.kick();
  const sweep = setInterval(() => {
    const now = Date.now();
    void issuer.sweepExpired(now).catch((e) => log.error({ err: String(e) }, 'expiry sweep'));
    void sessions.sweep(now).catch((e) => log.error({ err: String(e) }, 'session sweep'));
    void sweepLimits(db, now - DAY_MS).catch((e) => log.error({ err: String(e) }, 'limit sweep'));
    void analyzeChanged(db).catch((e) => log.error({ err: String(e) }, 'analyze'));
    void userImports.sweep(now).catch((e) => log.error({ err: String(e) }, 'user import sweep'));
    userImports.kick();
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
    const shown = (value: string, given: string | undefined, name: string) => (given ? `(${name})` : value);
    console.log(`Soft token bank service (${db.kind === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'})`);
    console.log(`  app (PWA)        ${base}/`);
    console.log(`  administrator    ${base}/admin/   user ${admin.user}  password ${shown(admin.password, config.adminPassword, 'ADMIN_PASSWORD')}  confirmation PIN ${shown(pin, config.adminPin, 'ADMIN_PIN')}`);
    console.log(`                   customer card ${cardNote}${clientCertificates ? '  (client certificate of ADMIN_CLIENT_CA required)' : ''}`);
    console.log(`  bank operator    ${base}/bank/    user ${operator.user}  password ${shown(operator.password, config.operatorPassword, 'OPERATOR_PASSWORD')}`);
    console.log(`  sign-in demo     ${base}/signin/  company ${companyId}`);
    console.log(`  API              ${base}/api/     (docs/api.md)`);
    log.info({ port: info.port, database: db.kind }, 'listening');
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    accepting = false;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    // No new import chunk; an import's request waiting on its job answers 202 (the job goes on elsewhere or after the restart).
    const importsStopped = userImports.stop();
    // Whatever happens, gone within the limit.
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    // close() stops accepting and waits for the requests in flight; idle keep-alive sockets would hold it.
    server.close(async () => {
      try {
        await importsStopped;
        await issuer.flushAudit();
        await transactionAudit.flush();
        await store.sealAudit();
        await db.close();
        log.info('stopped');
      } finally {
        process.exit(0);
      }
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof MasterKeyMismatch ? error.message : error);
  process.exit(1);
});
