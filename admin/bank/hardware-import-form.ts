/** The hardware import form's rules: which format a file is, the transport key's form, report lines. */
import { locale } from '../lib/i18n/locale.svelte.ts';

/** A rejected CSV line (`line`) or PSKC key package (`key`, its position in the file). */
export interface ImportReject {
  line?: number;
  key?: number;
  serial?: string;
  reason: string;
}

/** The service's answer to an import (CSV or PSKC). */
export interface HardwareImportResult {
  imported: number;
  rejected: ImportReject[];
}

/** The import's outcome in words: how many were imported, and how many not. */
export function importSummary(r: HardwareImportResult): string {
  const t = locale.t.hw;
  return t.result({ imported: r.imported }) + (r.rejected.length ? ' ' + t.rejected({ count: r.rejected.length }) : '');
}

/** AES-128, -192 or -256 in hex. */
export const TRANSPORT_KEY = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/;

/** XML (PSKC) starts with markup; anything else is the CSV stock list. */
export function importFormat(text: string): 'pskc' | 'csv' {
  return /^\uFEFF?\s*</.test(text) ? 'pskc' : 'csv';
}

export function rejectLine(r: ImportReject): string {
  const t = locale.t.hw;
  const where = r.key !== undefined ? t.atKey({ n: r.key }) : r.line !== undefined ? t.atLine({ n: r.line }) : '';
  const reason = Object.hasOwn(t.reason, r.reason) ? t.reason[r.reason]! : r.reason;
  return [where, r.serial ?? '', reason].filter(Boolean).join(' ');
}
