/**
 * The service's configuration: every environment variable, its type, default and meaning, in one
 * table. `loadConfig` checks them all at start and names every bad value (never echoing a secret);
 * `configTable` renders the table that README.md and docs/api.md show (tests/unit/server/config.test.ts
 * keeps them equal; `npm run config-table` rewrites both).
 */
import { isIP } from 'node:net';
import * as v from 'valibot';
import { compactTyped, PATTERNS } from '../src/core/limits.ts';
import { DEFAULT_KEY_FILE } from './provisioning-key.ts';
import { IMPORT_JOB } from './user-imports.ts';

type Schema<T> = v.GenericSchema<string, T>;

interface Variable<T> {
  env: string;
  /** Applied when the variable is unset or empty; without it the value is `undefined`. */
  default?: string;
  /** The default as the table shows it, when not `default` itself. */
  shown?: string;
  meaning: string;
  schema: Schema<T>;
  /** Never echoed in an error. */
  secret?: boolean;
}

const whole = (min: number, max: number) =>
  v.pipe(
    v.string(), v.regex(/^\d+$/, `must be a whole number from ${min} to ${max}`), v.transform(Number),
    v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`),
  );
const text = (max = 200) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
const id = v.pipe(v.string(), v.regex(PATTERNS.id, 'must be 1–32 letters, digits, ".", "_" or "-"'));

const base64Key = v.pipe(
  v.string(), v.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (openssl rand -base64 32)'),
  v.transform((s) => new Uint8Array(Buffer.from(s, 'base64'))),
  v.check((b) => b.length === 32, 'must be base64 of exactly 32 bytes (openssl rand -base64 32)'),
);

/**
 * TRUST_PROXY: how many reverse proxies of yours stand in front (`0`: none, use the socket's
 * address), or their addresses/CIDRs separated by commas. The client is the first untrusted hop
 * from the right of X-Forwarded-For.
 */
/** An IPv4 or IPv6 address, with a prefix length that fits it when given. */
function isAddressOrCidr(s: string): boolean {
  const [address, bits, extra] = s.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const trustProxy = v.pipe(
  v.string(),
  v.transform((s): number | string[] => (/^\d+$/.test(s) ? Number(s) : s.split(',').map((p) => p.trim()).filter(Boolean))),
  v.check(
    (t) => (typeof t === 'number' ? t <= 10 : t.length > 0 && t.every(isAddressOrCidr)),
    'must be the number of your proxies (0–10) or their addresses/CIDRs separated by commas',
  ),
);

const VARIABLES = {
  port: { env: 'PORT', default: '8080', meaning: 'listening port', schema: whole(1, 65535) },
  host: { env: 'HOST', default: '127.0.0.1', meaning: 'listening address (`0.0.0.0` to reach it from a phone on the LAN)', schema: text(255) },
  dataDir: { env: 'DATA_DIR', default: '.data', shown: '`.data/`', meaning: 'embedded database (PGlite) folder, and `master.key` when generated', schema: text(4096) },
  databaseUrl: { env: 'DATABASE_URL', shown: '—', meaning: 'PostgreSQL instead of PGlite (`postgres://user:pass@host/db`); same SQL and migrations', schema: v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')), secret: true },
  masterKey: { env: 'MASTER_KEY', shown: 'generated into `DATA_DIR/master.key` on first run (and said so); required with `DATABASE_URL`', meaning: 'base64 of 32 random bytes: the AES-GCM key sealing the bank-side token seeds', schema: base64Key, secret: true },
  adminUser: { env: 'ADMIN_USER', default: 'admin', meaning: "the demo company's (`demo`) administrator", schema: text(64) },
  adminPassword: { env: 'ADMIN_PASSWORD', shown: 'random (printed)', meaning: "the administrator's password", schema: text(256), secret: true },
  adminPin: { env: 'ADMIN_PIN', shown: 'random 8 digits (printed)', meaning: "the administrator's confirmation PIN for step ⑧ (6–12 letters or digits)", schema: v.pipe(v.string(), v.regex(PATTERNS.confirmationPin, 'must be 6–12 letters or digits')), secret: true },
  adminCard: { env: 'ADMIN_CARD', shown: 'random (printed) on the first start; then kept', meaning: "the demo company's customer card (お客様カード): 20 digits, cells イ ロ ハ ニ ホ ヘ ト チ リ ヌ ル ヲ ワ カ ヨ タ レ ソ ツ ネ in order; set again at each start", schema: v.pipe(v.string(), v.transform(compactTyped), v.regex(PATTERNS.customerCard, 'must be 20 digits (cells イ … ネ in order)')), secret: true },
  operatorUser: { env: 'OPERATOR_USER', default: 'operator', meaning: 'the bank operator', schema: text(64) },
  operatorPassword: { env: 'OPERATOR_PASSWORD', shown: 'random (printed)', meaning: "the bank operator's password", schema: text(256), secret: true },
  companyId: { env: 'COMPANY_ID', default: 'demo', meaning: "the demo company's ID", schema: id },
  companyName: { env: 'COMPANY_NAME', default: 'デモ株式会社 Demo Co., Ltd.', meaning: "the demo company's name", schema: text(200) },
  issuerName: { env: 'ISSUER_NAME', default: 'Demo Bank', meaning: "the bank's name in tokens (the enrollment QR's and provisioning's issuer)", schema: text(64) },
  unassignedTtlMinutes: { env: 'UNASSIGNED_TTL_MINUTES', default: '1440', shown: '`1440` (24 h)', meaning: 'how long a provisioned or QR-issued token may wait for registration', schema: whole(1, 525_600) },
  loginLimitPerMinute: { env: 'LOGIN_LIMIT_PER_MINUTE', default: '30', meaning: 'sign-in requests (screens and `/api/signin`) per client address per minute, all accounts together', schema: whole(1, 100_000) },
  provisionLimitPerMinute: { env: 'PROVISION_LIMIT_PER_MINUTE', default: '20', meaning: 'provisioning requests per client address per minute', schema: whole(1, 100_000) },
  provisioningSigningKey: { env: 'PROVISIONING_SIGNING_KEY', shown: 'the demo key in `PROVISIONING_KEY_FILE`', meaning: 'base64 PKCS#8 P-256 private key signing every provisioning answer (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -outform DER \| base64 -w0`); the app trusts only the public keys its build embedded', schema: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 of a PKCS#8 P-256 key')), secret: true },
  provisioningKeyFile: { env: 'PROVISIONING_KEY_FILE', default: DEFAULT_KEY_FILE, meaning: 'without `PROVISIONING_SIGNING_KEY`: the demo provisioning key, generated here on first use by `npm run build` or the service (demo only)', schema: text(4096) },
  provisioningPublicKeys: { env: 'PROVISIONING_PUBLIC_KEYS', shown: 'the public half of the key above', meaning: 'read by `npm run build`: the provisioning public keys the app trusts, comma-separated (`npx tsx server/provisioning-key.ts` prints one); list old and new to rotate', schema: text(4096) },
  expiredRetentionDays: { env: 'EXPIRED_RETENTION_DAYS', default: '30', meaning: 'how long an expired, never-registered token is kept (for the audit trail) before it is removed', schema: whole(0, 3650) },
  importAnswerSeconds: { env: 'IMPORT_ANSWER_SECONDS', default: String(IMPORT_JOB.answerWaitMs / 1000), meaning: 'how long a bulk user import\'s request waits for the job to end before answering `202` with it (keep it under your proxy\'s timeout; `0`: answer at once)', schema: whole(0, 60) },
  sessionIdleMinutes: { env: 'SESSION_IDLE_MINUTES', default: '30', meaning: 'a signed-in session ends after this long without a request', schema: whole(1, 24 * 60) },
  sessionMaxHours: { env: 'SESSION_MAX_HOURS', default: '8', meaning: 'a signed-in session ends this long after sign-in, however busy', schema: whole(1, 7 * 24) },
  verifyApiKey: { env: 'VERIFY_API_KEY', shown: '—', meaning: 'registers (or refreshes) at start the integration API client `demo-ib` (for `/api/v1/verify`, `/api/v1/transactions`, `/api/v1/verify-transaction`) with this bearer key (16–256 characters; stored hashed)', schema: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'must be 16–256 characters of A–Z a–z 0–9 . _ ~ + / = -')), secret: true },
  metricsToken: { env: 'METRICS_TOKEN', shown: '— (`/metrics` answers 404)', meaning: '`GET /metrics` answers only with `Authorization: Bearer <this>`', schema: v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'), v.maxLength(256)), secret: true },
  publicOrigin: { env: 'PUBLIC_ORIGIN', shown: '— (any Host)', meaning: 'the origins the service answers for, comma-separated (`https://otp.example.jp`); another `Host` gets 421 (against DNS rebinding)', schema: v.pipe(v.string(), v.transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)), v.check((list) => list.length > 0 && list.every((x) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(x)), 'must be origins such as https://otp.example.jp, comma-separated')) },
  logLevel: { env: 'LOG_LEVEL', default: 'info', meaning: 'JSON log level: `fatal`, `error`, `warn`, `info`, `debug` or `silent`', schema: v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be fatal, error, warn, info, debug, trace or silent') },
  trustProxy: { env: 'TRUST_PROXY', default: '0', meaning: 'the number of your reverse proxies, or their addresses/CIDRs (comma-separated); the client address is the first untrusted hop from the right of `X-Forwarded-For`', schema: trustProxy },
  tlsCert: { env: 'TLS_CERT', shown: '—', meaning: 'PEM file of the service\'s own certificate (chain): with `TLS_KEY` the service speaks HTTPS', schema: text(4096) },
  tlsKey: { env: 'TLS_KEY', shown: '—', meaning: 'PEM file of the private key of `TLS_CERT`', schema: text(4096) },
  adminClientCa: { env: 'ADMIN_CLIENT_CA', shown: '—', meaning: "PEM file of the CA(s) issuing administrators' electronic certificates: `/admin/` and its API then want a client certificate of that CA whose subject CN is the company's contract ID (needs `TLS_CERT`/`TLS_KEY`, or `ADMIN_CLIENT_CERT_HEADER` behind a proxy)", schema: text(4096) },
  adminClientCertHeader: { env: 'ADMIN_CLIENT_CERT_HEADER', shown: '—', meaning: "behind a TLS-terminating proxy that verifies client certificates: the request header carrying the verified certificate (PEM, URL-encoded PEM as nginx's `$ssl_client_escaped_cert`, or base64 DER); checked again against `ADMIN_CLIENT_CA`. Set only when the service is reachable through that proxy alone", schema: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name'), v.transform((h) => h.toLowerCase())) },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof VARIABLES;
type Value<K extends keyof Variables> = v.InferOutput<Variables[K]['schema']>;
export type Config = {
  [K in keyof Variables]: Variables[K] extends { default: string } ? Value<K> : Value<K> | undefined;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`設定が正しくありません / Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Every variable checked; a ConfigError lists each bad one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(VARIABLES) as Array<[string, Variable<unknown>]>) {
    const raw = env[variable.env]?.trim();
    const given = raw === undefined || raw === '' ? variable.default : raw;
    if (given === undefined) {
      out[key] = undefined;
      continue;
    }
    const result = v.safeParse(variable.schema, given);
    if (result.success) out[key] = result.output;
    else {
      const shown = variable.secret ? '(value hidden)' : JSON.stringify(given);
      problems.push(`${variable.env}=${shown}: ${result.issues[0].message}`);
    }
  }
  // Settings that only work together.
  if (!out.tlsCert !== !out.tlsKey) problems.push('TLS_CERT and TLS_KEY: set both or neither');
  if (out.adminClientCa && !out.tlsCert && !out.adminClientCertHeader) {
    problems.push('ADMIN_CLIENT_CA: needs TLS_CERT and TLS_KEY (the service asks for the certificate) or ADMIN_CLIENT_CERT_HEADER (a proxy does)');
  }
  if (out.adminClientCertHeader && !out.adminClientCa) problems.push('ADMIN_CLIENT_CERT_HEADER: needs ADMIN_CLIENT_CA to check the forwarded certificate against');
  // The generated key lives in DATA_DIR, which several instances on one PostgreSQL do not share.
  if (out.databaseUrl !== undefined && out.masterKey === undefined && !problems.some((p) => p.startsWith('MASTER_KEY'))) {
    problems.push('MASTER_KEY: required with DATABASE_URL (every instance needs the same key; openssl rand -base64 32)');
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Config;
}

/** The Markdown table of every variable (README.md and docs/api.md carry it). */
export function configTable(): string {
  const rows = Object.values(VARIABLES as Record<string, Variable<unknown>>).map((x) => {
    const def = x.shown ?? (x.default === undefined ? '—' : `\`${x.default}\``);
    return `| \`${x.env}\` | ${def} | ${x.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export const CONFIG_TABLE_START = '<!-- configuration table: generated from server/config.ts by `npm run config-table` -->';
export const CONFIG_TABLE_END = '<!-- end of configuration table -->';

/** `text` with the block between the markers replaced by the current table. */
export function withConfigTable(text: string): string {
  const start = text.indexOf(CONFIG_TABLE_START);
  const end = text.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start) throw new Error('configuration table markers not found');
  return `${text.slice(0, start + CONFIG_TABLE_START.length)}\n${configTable()}\n${text.slice(end)}`;
}
