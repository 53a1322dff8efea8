// An independent OCRA (RFC 6287) in node:crypto, built the way Appendix A's Java builds the input
// (hex text concatenated, Q padded as text), and the transaction QR's question as
// docs/transaction-qr.md defines it. The e2e specs check the app and the bank against these.
import crypto from 'node:crypto';

export const RFC_KEY32 = Buffer.from('12345678901234567890123456789012');
export const RFC_KEY64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

/** Only the suites the specs use: HOTP-SHA{1,256,512}-t : [C-] Q{N,A,H}xx [-T1M]. */
export function referenceOcra(key: Uint8Array, suite: string, q: string, { counter = 0, timestamp = 0 } = {}): string {
  const [, fn, input] = suite.split(':') as [string, string, string];
  const [, hash, digits] = fn.split('-') as [string, string, string];
  const parts = input.split('-');
  let msg = Buffer.from(suite).toString('hex') + '00';
  if (parts.includes('C')) msg += counter.toString(16).padStart(16, '0');
  const qPart = parts.find((p) => p.startsWith('Q'))!;
  const qHex = qPart[1] === 'N' ? BigInt(q).toString(16) : qPart[1] === 'H' ? q : Buffer.from(q).toString('hex');
  msg += qHex.padEnd(256, '0');
  if (parts.includes('T1M')) msg += Math.floor(timestamp / 60_000).toString(16).padStart(16, '0');
  const h = crypto.createHmac(hash!.toLowerCase(), key).update(Buffer.from(msg, 'hex')).digest();
  const o = h[h.length - 1]! & 15;
  const n = Number(digits);
  return String((h.readUInt32BE(o) & 0x7fffffff) % 10 ** n).padStart(n, '0');
}

export interface Transfer { bank: string; branch: string; account: string; name: string; amount: number; nonce: string }

export function transferQrText(t: Transfer): string {
  const e = encodeURIComponent;
  return `soft-token-transfer:1?bank=${e(t.bank)}&branch=${e(t.branch)}&account=${t.account}&name=${e(t.name)}&amount=${t.amount}&nonce=${t.nonce}`;
}

/** The numeric question of a QN suite for a transfer: SHA-256 of the canonical lines mod 10^length. */
export function transferQuestion(t: Transfer, length: number): string {
  const lines = ['soft-token-transfer:1', t.bank, t.branch, t.account, t.name, String(t.amount), t.nonce].join('\n');
  const digest = crypto.createHash('sha256').update(lines, 'utf8').digest('hex');
  return (BigInt(`0x${digest}`) % 10n ** BigInt(length)).toString().padStart(length, '0');
}

export function ocraUri({ key, suite, issuer = 'RFC 6287', label = 'vectors', counter }: { key: Uint8Array; suite: string; issuer?: string; label?: string; counter?: number }): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of key) bits += b.toString(2).padStart(8, '0');
  const secret = (bits.match(/.{1,5}/g) ?? []).map((x) => ALPHABET[parseInt(x.padEnd(5, '0'), 2)]).join('');
  const c = counter === undefined ? '' : `&counter=${counter}`;
  return `otpauth://ocra/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&suite=${suite}${c}`;
}
