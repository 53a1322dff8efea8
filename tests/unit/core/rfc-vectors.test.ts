// The reference vectors of RFC 4226 Appendix D and RFC 6238 Appendix B, verbatim.
import { describe, expect, it } from 'vitest';
import { counterBytes, hotp, truncate } from '../../../src/core/hotp.ts';
import { timeStep, totp } from '../../../src/core/totp.ts';
import type { HashAlgorithm } from '../../../src/core/algorithms.ts';
import { ascii, hex, webCryptoSign } from './helpers.ts';

// RFC 4226 Appendix D: Secret = 0x3132333435363738393031323334353637383930 ("12345678901234567890").
describe('RFC 4226 Appendix D (HOTP, HMAC-SHA-1)', () => {
  const secret = ascii('12345678901234567890');
  // Count, HMAC-SHA-1(secret, count), truncated (hex), truncated (decimal), HOTP (6 digits).
  const table: [number, string, string, number, string][] = [
    [0, 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0', '4c93cf18', 1284755224, '755224'],
    [1, '75a48a19d4cbe100644e8ac1397eea747a2d33ab', '41397eea', 1094287082, '287082'],
    [2, '0bacb7fa082fef30782211938bc1c5e70416ff44', '82fef30', 137359152, '359152'],
    [3, '66c28227d03a2d5529262ff016a1e6ef76557ece', '66ef7655', 1726969429, '969429'],
    [4, 'a904c900a64b35909874b33e61c5938a8e15ed1c', '61c5938a', 1640338314, '338314'],
    [5, 'a37e783d7b7233c083d4f62926c7a25f238d0316', '33c083d4', 868254676, '254676'],
    [6, 'bc9cd28561042c83f219324d3c607256c03272ae', '7256c032', 1918287922, '287922'],
    [7, 'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', '4e5b397', 82162583, '162583'],
    [8, '1b3c89f65e6c9e883012052823443f048b4332db', '2823443f', 673399871, '399871'],
    [9, '1637409809a679dc698207310c8c7fc07290d9e5', '2679dc69', 645520489, '520489'],
  ];

  it.each(table)('count %i: intermediate HMAC and truncation', async (count, mac, truncatedHex, truncatedDecimal, code) => {
    const sign = await webCryptoSign(secret);
    const digest = await sign(counterBytes(count));
    expect(hex(digest)).toBe(mac);
    // Dynamic truncation keeps 31 bits; 10 digits of it are the whole value (both spellings of Appendix D).
    expect(Number(truncate(digest, 10))).toBe(truncatedDecimal);
    expect(truncatedDecimal.toString(16)).toBe(truncatedHex);
    expect(truncate(digest, 6)).toBe(code);
  });

  it.each(table)('count %i: hotp()', async (count, _mac, _h, _d, code) => {
    expect(await hotp({ sign: await webCryptoSign(secret), counter: count })).toBe(code);
  });
});

// RFC 6238 Appendix B: T0 = 0, X = 30, 8 digits; the seed is "1234567890" repeated to the hash size.
describe('RFC 6238 Appendix B (TOTP)', () => {
  const seeds: Record<HashAlgorithm, Uint8Array> = {
    SHA1: ascii('12345678901234567890'), // 20 bytes
    SHA256: ascii('12345678901234567890123456789012'), // 32 bytes
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'), // 64 bytes
  };
  // Time (sec), T (hex), TOTP, mode: the table of Appendix B, row for row.
  const table: [number, string, string, HashAlgorithm][] = [
    [59, '0000000000000001', '94287082', 'SHA1'],
    [59, '0000000000000001', '46119246', 'SHA256'],
    [59, '0000000000000001', '90693936', 'SHA512'],
    [1111111109, '00000000023523EC', '07081804', 'SHA1'],
    [1111111109, '00000000023523EC', '68084774', 'SHA256'],
    [1111111109, '00000000023523EC', '25091201', 'SHA512'],
    [1111111111, '00000000023523ED', '14050471', 'SHA1'],
    [1111111111, '00000000023523ED', '67062674', 'SHA256'],
    [1111111111, '00000000023523ED', '99943326', 'SHA512'],
    [1234567890, '000000000273EF07', '89005924', 'SHA1'],
    [1234567890, '000000000273EF07', '91819424', 'SHA256'],
    [1234567890, '000000000273EF07', '93441116', 'SHA512'],
    [2000000000, '0000000003F940AA', '69279037', 'SHA1'],
    [2000000000, '0000000003F940AA', '90698825', 'SHA256'],
    [2000000000, '0000000003F940AA', '38618901', 'SHA512'],
    [20000000000, '0000000027BC86AA', '65353130', 'SHA1'],
    [20000000000, '0000000027BC86AA', '77737706', 'SHA256'],
    [20000000000, '0000000027BC86AA', '47863826', 'SHA512'],
  ];

  it.each(table)('time %i s (T = %s) gives %s with %s', async (seconds, stepHex, code, algorithm) => {
    const timestamp = seconds * 1000;
    expect(hex(counterBytes(timeStep({ timestamp }))).toUpperCase()).toBe(stepHex);
    const sign = await webCryptoSign(seeds[algorithm], algorithm);
    expect(await totp({ sign, timestamp, digits: 8 })).toBe(code);
  });
});
