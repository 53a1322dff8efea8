/**
 * The provisioning signing key (src/provision/signature.ts): the service signs every provisioning
 * answer with it, and the PWA build embeds its public half. Production sets
 * PROVISIONING_SIGNING_KEY (base64 PKCS#8, P-256) for the service and PROVISIONING_PUBLIC_KEYS
 * (comma-separated, from `npx tsx server/provisioning-key.ts`) for `npm run build`. Without them,
 * build and service share a demo key generated on this machine into PROVISIONING_KEY_FILE
 * (default .data/provisioning-signing-key.pkcs8, beside the demo's other generated secrets):
 * never committed, and whoever does not hold that file cannot sign for the bundle built here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { importSigner, type ProvisioningSigner } from '../src/provision/signature.ts';

type Env = Record<string, string | undefined>;
export const DEFAULT_KEY_FILE = '.data/provisioning-signing-key.pkcs8';

export interface KeySource {
  pkcs8: Uint8Array;
  /** Where the demo key lives, when no PROVISIONING_SIGNING_KEY is set. */
  demoFile?: string;
}

export function provisioningKeySource(env: Env = process.env): KeySource {
  if (env.PROVISIONING_SIGNING_KEY) {
    const pkcs8 = Buffer.from(env.PROVISIONING_SIGNING_KEY.trim(), 'base64');
    if (pkcs8.length < 64) throw new Error('PROVISIONING_SIGNING_KEY must be base64 of a PKCS#8 P-256 private key');
    return { pkcs8 };
  }
  const file = path.resolve(env.PROVISIONING_KEY_FILE || DEFAULT_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // a build and a start racing: the first one's key stands
    }
  }
  return { pkcs8: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), demoFile: file };
}

export async function provisioningSigner(env: Env = process.env): Promise<ProvisioningSigner & { demoFile?: string }> {
  const source = provisioningKeySource(env);
  try {
    return { ...(await importSigner(source.pkcs8)), ...(source.demoFile ? { demoFile: source.demoFile } : {}) };
  } catch {
    throw new Error(`${source.demoFile ?? 'PROVISIONING_SIGNING_KEY'} does not hold a PKCS#8 P-256 private key`);
  }
}

/** What `npm run build` embeds: PROVISIONING_PUBLIC_KEYS, else the public half of the key above. */
export async function bundledPublicKeys(env: Env = process.env): Promise<string[]> {
  const listed = (env.PROVISIONING_PUBLIC_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (listed.length) return listed;
  return [(await provisioningSigner(env)).publicKey];
}

// `npx tsx server/provisioning-key.ts`: prints the public key to put in PROVISIONING_PUBLIC_KEYS. By the
// script's name, not import.meta.url: the service's bundle (scripts/build-server.mjs) holds this module.
if (/[\\/]provisioning-key\.ts$/.test(process.argv[1] ?? '')) {
  const signer = await provisioningSigner();
  console.log(signer.publicKey);
}
