/**
 * The bank's transaction QR (this project's format, docs/transaction-qr.md):
 * `soft-token-transfer:1?bank=…&branch=…&account=1234567&name=…&amount=10000&nonce=4821`, values
 * percent-encoded UTF-8. The phone shows payee and amount, then signs a question derived from all
 * of it, so a signature answers exactly the details on the screen. The hash is injected (SHA-256).
 */
import { CodedError } from './coded-error.ts';
import type { OcraSuite } from './ocra-suite.ts';

export const TRANSACTION_SCHEME = 'soft-token-transfer:';
export const TRANSACTION_VERSION = '1';

export const TRANSACTION_LIMITS = {
  textLength: 512,
  /** Bank, branch and payee name, in characters. */
  nameLength: 40,
  accountDigits: 7,
  /** Yen, a whole number: up to 9,999,999,999. */
  maxAmountDigits: 10,
  nonceMin: 4,
  nonceMax: 8,
  /** A derived question shorter than this would make signatures guessable across transfers. */
  minQuestion: 8,
} as const;

export interface Transaction {
  bank: string;
  branch: string;
  /** 7 digits (普通・当座 account numbers). */
  account: string;
  /** The payee's name as the bank holds it (often katakana). */
  name: string;
  /** Whole yen. */
  amount: number;
  /** The bank's one-time number for this transfer. */
  nonce: string;
}

export type TransactionErrorCode =
  | 'too-long'
  | 'not-transaction'
  | 'bad-version'
  | 'duplicate'
  | 'missing'
  | 'bad-name'
  | 'bad-account'
  | 'bad-amount'
  | 'bad-nonce'
  | 'suite-cannot-sign';

export class TransactionError extends CodedError<TransactionErrorCode> {
  override readonly name = 'TransactionError';

  /** Which field, for missing/bad-* codes. */
  get field(): string | undefined {
    return this.detail;
  }
}

const FIELDS = ['bank', 'branch', 'account', 'name', 'amount', 'nonce'] as const;
// Controls, separators and bidi overrides could hide or reorder what the user reads.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export function isTransactionText(text: string): boolean {
  return text.trim().toLowerCase().startsWith(TRANSACTION_SCHEME);
}

/** Broken UTF-16 (a lone surrogate) cannot be written into the QR: encodeURIComponent refuses it. */
function wellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function checkText(value: string, field: string): string {
  const text = value.normalize('NFC').trim();
  if (text === '' || FORBIDDEN.test(text) || !wellFormed(text) || [...text].length > TRANSACTION_LIMITS.nameLength) throw new TransactionError('bad-name', field);
  return text;
}

/** Checks every field as the parser would; returns the transaction with names normalized (NFC, trimmed). */
export function checkTransaction(tx: Transaction): Transaction {
  const out: Transaction = {
    bank: checkText(tx.bank, 'bank'),
    branch: checkText(tx.branch, 'branch'),
    account: tx.account,
    name: checkText(tx.name, 'name'),
    amount: tx.amount,
    nonce: tx.nonce,
  };
  if (!new RegExp(`^[0-9]{${TRANSACTION_LIMITS.accountDigits}}$`).test(out.account)) throw new TransactionError('bad-account', 'account');
  if (!Number.isSafeInteger(out.amount) || out.amount < 1 || String(out.amount).length > TRANSACTION_LIMITS.maxAmountDigits) throw new TransactionError('bad-amount', 'amount');
  if (!new RegExp(`^[0-9]{${TRANSACTION_LIMITS.nonceMin},${TRANSACTION_LIMITS.nonceMax}}$`).test(out.nonce)) throw new TransactionError('bad-nonce', 'nonce');
  return out;
}

/** Parse the QR's text; throws TransactionError. */
export function parseTransactionText(text: string): Transaction {
  if (text.length > TRANSACTION_LIMITS.textLength) throw new TransactionError('too-long');
  const trimmed = text.trim();
  if (!isTransactionText(trimmed)) throw new TransactionError('not-transaction');
  const rest = trimmed.slice(TRANSACTION_SCHEME.length);
  const q = rest.indexOf('?');
  if ((q < 0 ? rest : rest.slice(0, q)) !== TRANSACTION_VERSION) throw new TransactionError('bad-version');
  const values = new Map<string, string>();
  for (const part of q < 0 ? [] : rest.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (!(FIELDS as readonly string[]).includes(key)) continue; // later versions may add fields
    if (values.has(key)) throw new TransactionError('duplicate', key);
    let value: string;
    try {
      value = decodeURIComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      throw new TransactionError(key === 'amount' ? 'bad-amount' : key === 'account' ? 'bad-account' : key === 'nonce' ? 'bad-nonce' : 'bad-name', key);
    }
    values.set(key, value);
  }
  for (const f of FIELDS) if (!values.get(f)) throw new TransactionError('missing', f);
  const amountText = values.get('amount')!;
  return checkTransaction({
    bank: values.get('bank')!,
    branch: values.get('branch')!,
    account: values.get('account')!,
    name: values.get('name')!,
    amount: /^[1-9][0-9]*$/.test(amountText) ? Number(amountText) : NaN,
    nonce: values.get('nonce')!,
  });
}

export function formatTransactionText(tx: Transaction): string {
  const t = checkTransaction(tx);
  const enc = encodeURIComponent;
  return `${TRANSACTION_SCHEME}${TRANSACTION_VERSION}?bank=${enc(t.bank)}&branch=${enc(t.branch)}&account=${t.account}&name=${enc(t.name)}&amount=${t.amount}&nonce=${t.nonce}`;
}

/** One line per field in a fixed order: what the question is derived from (independent of how the QR spelled it). */
export function canonicalTransaction(tx: Transaction): string {
  const t = checkTransaction(tx);
  return [`${TRANSACTION_SCHEME}${TRANSACTION_VERSION}`, t.bank, t.branch, t.account, t.name, String(t.amount), t.nonce].join('\n');
}

/**
 * The OCRA question for a transaction: SHA-256 of the canonical text, as the suite's kind of
 * question at its full length (N: the digest mod 10^length, zero-padded; H and A: hex digits).
 */
export async function transactionQuestion(
  tx: Transaction,
  suite: OcraSuite,
  sha256: (bytes: Uint8Array) => Promise<Uint8Array>,
): Promise<string> {
  const { format, maxLength } = suite.question;
  if (maxLength < TRANSACTION_LIMITS.minQuestion) throw new TransactionError('suite-cannot-sign');
  const digest = await sha256(new TextEncoder().encode(canonicalTransaction(tx)));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (format === 'N') return (BigInt(`0x${hex}`) % 10n ** BigInt(maxLength)).toString().padStart(maxLength, '0');
  const cut = hex.slice(0, Math.min(maxLength, hex.length));
  return format === 'A' ? cut.toUpperCase() : cut;
}

/**
 * The digits a person types for a transfer, as the Shinkin guide asks for the payee's account
 * number: account (7) ‖ amount ‖ nonce. The bank shows them grouped the same way.
 */
export function typedChallenge(tx: Pick<Transaction, 'account' | 'amount' | 'nonce'>): string {
  return `${tx.account}${tx.amount}${tx.nonce}`;
}
