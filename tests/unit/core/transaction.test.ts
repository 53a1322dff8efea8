// The transaction QR format (docs/transaction-qr.md): round trip, typed refusals, and the
// question derived for each kind of suite.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TransactionError, canonicalTransaction, formatTransactionText, parseTransactionText, transactionQuestion, typedChallenge,
  type Transaction, type TransactionErrorCode,
} from '../../../src/core/transaction.ts';
import { parseOcraSuite } from '../../../src/core/ocra-suite.ts';
import { RUNS, hex } from './helpers.ts';

const sha256 = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b)));
const tx: Transaction = { bank: 'しんきん銀行', branch: '本店', account: '1234567', name: 'ﾔﾏﾀﾞ ﾀﾛｳ', amount: 10_000, nonce: '4821' };

function refusal(text: string): TransactionErrorCode {
  try {
    parseTransactionText(text);
  } catch (e) {
    if (e instanceof TransactionError) return e.code;
    throw e;
  }
  return 'accepted' as TransactionErrorCode;
}

describe('transaction QR text', () => {
  it('reads what it writes, with names percent-encoded UTF-8', () => {
    const text = formatTransactionText(tx);
    expect(text).toBe('soft-token-transfer:1?bank=%E3%81%97%E3%82%93%E3%81%8D%E3%82%93%E9%8A%80%E8%A1%8C&branch=%E6%9C%AC%E5%BA%97&account=1234567&name=%EF%BE%94%EF%BE%8F%EF%BE%80%EF%BE%9E%20%EF%BE%80%EF%BE%9B%EF%BD%B3&amount=10000&nonce=4821');
    expect(parseTransactionText(text)).toEqual(tx);
    expect(parseTransactionText(`  ${text}\n`)).toEqual(tx);
    expect(parseTransactionText(`${text}&memo=later-fields-are-ignored`)).toEqual(tx);
  });

  it('parse(format(tx)) = tx for any valid transaction', () => {
    const name = fc.string({ unit: fc.constantFrom(...[...'aZ09 &=?#%+銀行ｶﾀﾅ🏦-']), minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '').map((s) => s.trim());
    fc.assert(
      fc.property(
        fc.record({
          bank: name, branch: name, name,
          account: fc.stringMatching(/^[0-9]{7}$/), amount: fc.integer({ min: 1, max: 9_999_999_999 }), nonce: fc.stringMatching(/^[0-9]{4,8}$/),
        }),
        (t) => {
          expect(parseTransactionText(formatTransactionText(t))).toEqual({ ...t, bank: t.bank.normalize('NFC'), branch: t.branch.normalize('NFC'), name: t.name.normalize('NFC') });
        },
      ),
      RUNS,
    );
  });

  const good = formatTransactionText(tx);
  it.each<[string, string, TransactionErrorCode]>([
    ['too long', good + '&x=' + 'a'.repeat(600), 'too-long'],
    ['not a transaction', 'otpauth://totp/a?secret=AAAA', 'not-transaction'],
    ['another version', good.replace(':1?', ':2?'), 'bad-version'],
    ['a repeated field', `${good}&amount=1`, 'duplicate'],
    ['no amount', good.replace('&amount=10000', ''), 'missing'],
    ['an empty payee', good.replace(/name=[^&]*/, 'name='), 'missing'],
    ['a 6-digit account', good.replace('1234567', '123456'), 'bad-account'],
    ['a zero amount', good.replace('amount=10000', 'amount=0'), 'bad-amount'],
    ['a leading zero', good.replace('amount=10000', 'amount=010000'), 'bad-amount'],
    ['a decimal amount', good.replace('amount=10000', 'amount=100.5'), 'bad-amount'],
    ['an 11-digit amount', good.replace('amount=10000', 'amount=10000000000'), 'bad-amount'],
    ['a short nonce', good.replace('nonce=4821', 'nonce=482'), 'bad-nonce'],
    ['a bidi override in the name', good.replace(/name=[^&]*/, 'name=%E2%80%AEabc'), 'bad-name'],
    ['a bad escape', good.replace(/name=[^&]*/, 'name=%E3%81'), 'bad-name'],
    ['a lone surrogate (as an escape)', good.replace(/name=[^&]*/, 'name=%ED%A0%80'), 'bad-name'],
    ['a 41-character bank', good.replace(/bank=[^&]*/, `bank=${'a'.repeat(41)}`), 'bad-name'],
  ])('refuses %s', (_what, text, code) => {
    expect(refusal(text)).toBe(code);
  });
});

describe('the question a transaction is signed with', () => {
  it('is SHA-256 of the canonical lines, as the suite asks (N: mod 10^length; H, A: hex)', async () => {
    const digest = hex(await sha256(new TextEncoder().encode(canonicalTransaction(tx))));
    expect(canonicalTransaction(tx)).toBe('soft-token-transfer:1\nしんきん銀行\n本店\n1234567\nﾔﾏﾀﾞ ﾀﾛｳ\n10000\n4821');
    const n = await transactionQuestion(tx, parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN24'), sha256);
    expect(n).toMatch(/^[0-9]{24}$/);
    expect(BigInt(n)).toBe(BigInt(`0x${digest}`) % 10n ** 24n);
    expect(await transactionQuestion(tx, parseOcraSuite('OCRA-1:HOTP-SHA1-6:QH40'), sha256)).toBe(digest.slice(0, 40));
    expect(await transactionQuestion(tx, parseOcraSuite('OCRA-1:HOTP-SHA1-6:QA64'), sha256)).toBe(digest.toUpperCase());
  });

  it('changes with every detail, and not with how the QR spelled it', async () => {
    const suite = parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN24');
    const q = await transactionQuestion(tx, suite, sha256);
    for (const other of [{ account: '1234568' }, { amount: 10_001 }, { name: 'ﾔﾏﾀﾞ ﾊﾅｺ' }, { bank: '別の銀行' }, { branch: '支店' }, { nonce: '4822' }]) {
      expect(await transactionQuestion({ ...tx, ...other }, suite, sha256)).not.toBe(q);
    }
    const respelled = parseTransactionText(formatTransactionText(tx).replace('%20', '+').replace('&account', '&unknown=1&account'));
    expect(await transactionQuestion(respelled, suite, sha256)).toBe(q);
  });

  it('needs a suite whose question has 8 characters or more', async () => {
    await expect(transactionQuestion(tx, parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN06'), sha256)).rejects.toMatchObject({ code: 'suite-cannot-sign' });
  });

  it('typed: account, amount and nonce in that order, as the bank shows them', () => {
    expect(typedChallenge(tx)).toBe('1234567100004821');
  });
});
