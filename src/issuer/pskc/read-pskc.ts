/**
 * Read a PSKC file (RFC 6030) into the keys the bank can take and a reason for each it cannot.
 * The whole file is refused (PskcError) when it is not a readable PSKC document, cannot be
 * decrypted with the credentials given, or any ValueMAC fails: then nothing of it is imported.
 */
import { PskcError } from './errors.ts';
import { noteKeyPackage, readKeyPackage, type PskcKey, type PskcReject } from './key-package.ts';
import { childrenNamed, parseXml } from './safe-xml.ts';
import { ValueReader, type PskcCredentials } from './values.ts';

/** One import's ceiling; a vendor's batch is typically a few thousand tokens. */
export const MAX_PSKC_KEYS = 50_000;

export interface PskcContents {
  keys: PskcKey[];
  /** In file order. */
  rejected: PskcReject[];
  /** Key packages in the file. */
  total: number;
}

export async function readPskc(xml: string, credentials: PskcCredentials, now: number): Promise<PskcContents> {
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  if (root.name !== 'KeyContainer' || root.attrs.Version !== '1.0') {
    throw new PskcError('not-pskc', `root <${root.name.slice(0, 40)}> version ${String(root.attrs.Version).slice(0, 10)}`);
  }
  const packages = childrenNamed(root, 'KeyPackage');
  if (packages.length > MAX_PSKC_KEYS) throw new PskcError('too-many-keys', `${packages.length} > ${MAX_PSKC_KEYS}`);
  const values = await ValueReader.open(root, credentials);

  // Note every value, check every MAC, decrypt all at once; then judge each key without awaiting.
  const noted = packages.map((pkg) => noteKeyPackage(pkg, values));
  await values.decryptAll();
  const results = packages.map((pkg, i) => readKeyPackage(pkg, i + 1, noted[i]!, values, now));

  const keys: PskcKey[] = [];
  const rejected: PskcReject[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if ('reason' in r) rejected.push(r);
    else if (seen.has(r.serial)) rejected.push({ position: r.position, id: r.id, serial: r.serial, reason: 'duplicate' });
    else {
      seen.add(r.serial);
      keys.push(r);
    }
  }
  return { keys, rejected, total: packages.length };
}
