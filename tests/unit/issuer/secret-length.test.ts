// The secret minimum (limits.ts): the phone takes other services' 80-bit secrets; the bank verifies
// nothing under RFC 4226 §4 R6's 128 bits and issues 160.
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../../../src/core/base32.ts';
import { parseOtpauthUri } from '../../../src/core/otpauth-uri.ts';
import { specFromTyped } from '../../../src/core/token-spec.ts';
import { parseHardwareCsv } from '../../../src/issuer/hardware-csv.ts';
import { makeIssuer } from './fixture.ts';

const secretOf = (bits: number) => base32Encode(new Uint8Array(bits / 8).fill(0x5a));

describe('secret length', () => {
  it.each([80, 128, 160])('the phone enrolls a %i-bit secret (URI and typed)', (bits) => {
    expect(parseOtpauthUri(`otpauth://totp/Svc:me?secret=${secretOf(bits)}`).secret).toHaveLength(bits / 8);
    expect(specFromTyped({ secret: secretOf(bits) }).secret).toHaveLength(bits / 8);
  });

  it('the phone refuses 72 bits', () => {
    expect(() => parseOtpauthUri(`otpauth://totp/Svc:me?secret=${secretOf(72)}`)).toThrow(expect.objectContaining({ code: 'secret-too-short' }));
  });

  it('the bank imports hardware secrets of 128 bits and up, not 80', () => {
    const { records, rejected } = parseHardwareCsv(`HW0080,${secretOf(80)}\nHW0128,${secretOf(128)}\nHW0160,${secretOf(160)}`);
    expect(records.map((r) => r.serial)).toEqual(['HW0128', 'HW0160']);
    expect(rejected).toEqual([{ line: 1, serial: 'HW0080', reason: 'bad-secret' }]);
  });

  it('the bank issues 160-bit secrets', async () => {
    const issuer = await makeIssuer();
    expect((await issuer.provision(0)).secret).toHaveLength(20);
  });
});
