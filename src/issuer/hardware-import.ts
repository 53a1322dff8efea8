/**
 * Hardware tokens from the vendor, as a CSV stock list or a PSKC file (RFC 6030): each key the
 * bank cannot take is reported with its reason, the rest go in together in one transaction. A
 * PSKC file that cannot be opened or whose integrity check fails is refused whole (PskcError),
 * and the refusal is audited. The transport key or password is used for the decryption only.
 */
import type { HashAlgorithm } from '../core/algorithms.ts';
import type { HardwareImportResult, HardwareRejectView } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { parseHardwareCsv } from './hardware-csv.ts';
import { PskcError, readPskc, type PskcCredentials } from './pskc/index.ts';
import { sealSeed } from './seal.ts';
import type { TokenType } from './token-types.ts';
import type { TokenRecord } from './types.ts';

/** One token of the stock, whatever file it came in. */
interface StockToken {
  /** Where the report points: the CSV line, or the PSKC key package's position. */
  at: { line: number } | { key: number };
  serial: string;
  secret: Uint8Array;
  type: TokenType;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  /** For an event token, the counter of its next code. */
  counter: number;
  drift: number;
  validUntil: number | null;
}

async function importStock(
  ctx: IssuerContext, stock: StockToken[], rejected: HardwareRejectView[], now: number, actor: string, format: 'csv' | 'pskc',
): Promise<HardwareImportResult> {
  const records = await Promise.all(stock.map(async (s): Promise<TokenRecord> => ({
    serial: s.serial, kind: 'hardware', type: s.type, sealedSeed: await sealSeed(ctx.masterKey, s.serial, s.secret),
    algorithm: s.algorithm, digits: s.digits, period: s.period, status: 'unassigned', companyId: null, reservedFor: null,
    // An event token's last used counter is the one before its next code.
    lastStep: s.type === 'hotp' ? s.counter - 1 : -1, drift: s.drift, failures: 0, createdAt: now, expiresAt: null,
    validUntil: s.validUntil,
  })));
  for (const s of stock) s.secret.fill(0);
  const inserted = await ctx.store.transaction((tx) => tx.insertTokens(records));
  for (const s of stock) if (!inserted.has(s.serial)) rejected.push({ ...s.at, serial: s.serial, reason: 'duplicate' });
  rejected.sort((x, y) => ('line' in x ? x.line! : x.key!) - ('line' in y ? y.line! : y.key!));
  await ctx.audit.write({
    at: now, actor, action: 'import', companyId: null, detail: `${inserted.size} hardware tokens (${format})`,
    outcome: rejected.length ? `ok, ${rejected.length} rejected` : 'ok',
  });
  return { imported: inserted.size, rejected };
}

export async function importHardware(ctx: IssuerContext, csv: string, now: number, actor: string): Promise<HardwareImportResult> {
  const { records, rejected } = parseHardwareCsv(csv);
  const stock = records.map((r): StockToken => ({
    at: { line: r.line }, serial: r.serial, secret: r.secret, type: 'totp', algorithm: r.algorithm, digits: r.digits,
    period: r.period, counter: 0, drift: 0, validUntil: null,
  }));
  return importStock(ctx, stock, rejected.map((r) => ({ line: r.line, serial: r.serial, reason: r.reason })), now, actor, 'csv');
}

export async function importPskc(
  ctx: IssuerContext, xml: string, credentials: PskcCredentials, now: number, actor: string,
): Promise<HardwareImportResult> {
  let contents;
  try {
    contents = await readPskc(xml, credentials, now);
  } catch (error) {
    if (error instanceof PskcError) {
      await ctx.audit.write({ at: now, actor, action: 'import', companyId: null, detail: 'pskc', outcome: `pskc-${error.code}` });
    }
    throw error;
  }
  const stock = contents.keys.map((k): StockToken => ({
    at: { key: k.position }, serial: k.serial, secret: k.secret, type: k.type, algorithm: k.algorithm, digits: k.digits,
    period: k.period, counter: k.counter, drift: k.drift, validUntil: k.notAfter,
  }));
  const rejected = contents.rejected.map((r): HardwareRejectView => ({ key: r.position, serial: r.serial, reason: r.reason }));
  return importStock(ctx, stock, rejected, now, actor, 'pskc');
}
