// RFC 4648 §10 vectors for the one base64 codec, both alphabets, and each padding rule its users need.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Error, base64Decode, base64Encode } from '../../../src/core/base64.ts';
import { RUNS, ascii } from './helpers.ts';

const VECTORS: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];

describe('base64', () => {
  it.each(VECTORS)('RFC 4648 §10: %j ↔ %j', (text, encoded) => {
    expect(base64Encode(ascii(text))).toBe(encoded);
    expect(base64Decode(encoded)).toEqual(ascii(text));
    expect(base64Decode(encoded, { padding: 'required', canonical: true })).toEqual(ascii(text));
    expect(base64Encode(ascii(text), { alphabet: 'url' })).toBe(encoded.replace(/=+$/, ''));
  });

  it('the url alphabet uses - and _ (§5)', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(base64Encode(bytes)).toBe('+/+/');
    expect(base64Encode(bytes, { alphabet: 'url' })).toBe('-_-_');
    expect(base64Decode('-_-_', { alphabet: 'url', padding: 'forbidden' })).toEqual(bytes);
    expect(base64Decode('+/-_', { alphabet: 'either' })).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it.each([
    ['+/+/', { alphabet: 'url' }, 'alphabet'],
    ['-_-_', { alphabet: 'standard' }, 'alphabet'],
    ['Zg==', { padding: 'forbidden' }, 'padding'],
    ['Zg', { padding: 'required' }, 'padding'],
    ['Zg===', { padding: 'required' }, 'padding'],
    ['Zh==', { canonical: true }, 'spare-bits'],
    ['Zm9vY', {}, 'length'],
    ['Zm 9', {}, 'alphabet'],
  ] as const)('refuses %j with %j (%s)', (text, options, reason) => {
    expect(() => base64Decode(text, options)).toThrow(expect.objectContaining({ reason }));
    expect(() => base64Decode(text, options)).toThrow(RangeError);
  });

  it('decode(encode(bytes)) = bytes in every form, and matches the platform', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base64Encode(bytes);
        expect(encoded).toBe(btoa(String.fromCharCode(...bytes)));
        expect(base64Decode(encoded, { padding: 'required', canonical: true })).toEqual(bytes);
        expect(base64Decode(base64Encode(bytes, { alphabet: 'url' }), { alphabet: 'url', padding: 'forbidden' })).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('is a Base64Error', () => {
    expect(() => base64Decode('!')).toThrow(Base64Error);
  });
});
