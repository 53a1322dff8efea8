/** Hardware tokens from the vendor's file: each bad or duplicate line is reported, the rest go in together. */
import type { HardwareImportResult } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { parseHardwareCsv } from './hardware-csv.ts';
import { sealSeed } from './seal.ts';

export async function importHardware(ctx: IssuerContext, csv: string, now: number, actor: string): Promise<HardwareImportResult> {
  const { records, rejected } = parseHardwareCsv(csv);
  const sealed = await Promise.all(records.map((r) => sealSeed(ctx.masterKey, r.serial, r.secret)));
  const imported = await ctx.store.transaction(async (tx) => {
    let count = 0;
    for (const [i, r] of records.entries()) {
      const ok = await tx.insertToken({
        serial: r.serial, kind: 'hardware', sealedSeed: sealed[i]!, algorithm: r.algorithm, digits: r.digits,
        period: r.period, status: 'unassigned', companyId: null, reservedFor: null, lastStep: -1, drift: 0,
        failures: 0, createdAt: now, expiresAt: null,
      });
      if (ok) count++;
      else rejected.push({ line: r.line, serial: r.serial, reason: 'duplicate' });
    }
    return count;
  });
  rejected.sort((x, y) => x.line - y.line);
  await ctx.audit.write({ at: now, actor, action: 'import', companyId: null, target: `${imported} hardware tokens`, outcome: rejected.length ? `ok, ${rejected.length} rejected` : 'ok' });
  return { imported, rejected };
}
