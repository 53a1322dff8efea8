// Files made to hurt the reader: entity expansion, external entities, DOCTYPE anywhere, deep
// nesting, junk. Each is refused quickly and reads nothing outside the text given.
import { describe, expect, it } from 'vitest';
import { PskcError, readPskc, MAX_PSKC_BYTES } from '../../../src/issuer/pskc/index.ts';
import { writePskc } from './pskc-writer.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');

async function timedRefusal(xml: string): Promise<{ code: string; ms: number }> {
  const started = performance.now();
  const error = await readPskc(xml, {}, NOW).then(() => null, (e: unknown) => e);
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(PskcError);
  return { code: (error as PskcError).code, ms };
}

const plain = writePskc({ keys: [{ serial: 'PLAIN0001', secret: new Uint8Array(20).fill(7) }] }).xml;

describe('hostile XML', () => {
  it('an XML bomb (billion laughs) is refused in under a second, unexpanded', async () => {
    const levels = Array.from({ length: 9 }, (_, i) =>
      `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE KeyContainer [
 <!ENTITY lol0 "lol">
 ${levels}
]>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"><KeyPackage><Key><Issuer>&lol9;</Issuer></Key></KeyPackage></KeyContainer>`;
    const { code, ms } = await timedRefusal(bomb);
    expect(code).toBe('doctype');
    expect(ms).toBeLessThan(1000);
  });

  it('an external entity (a local file, a URL) is refused unread', async () => {
    for (const system of ['file:///etc/passwd', 'http://127.0.0.1:1/pskc']) {
      const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "${system}">]>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"><KeyPackage><Key><Issuer>&x;</Issuer></Key></KeyPackage></KeyContainer>`;
      expect((await timedRefusal(xxe)).code).toBe('doctype');
    }
  });

  it('a DOCTYPE or entity declaration anywhere in the document is refused', async () => {
    for (const decl of ['<!DOCTYPE KeyContainer>', '<!doctype x>', '<!ENTITY a "b">', '<!ELEMENT a ANY>']) {
      const inside = plain.replace('<KeyPackage>', `${decl}<KeyPackage>`);
      expect((await timedRefusal(inside)).code).toBe('doctype');
    }
  });

  it('an undeclared entity reference expands to nothing it could fetch', async () => {
    const xml = plain.replace('<Manufacturer>Vendor</Manufacturer>', '<Manufacturer>&xxe;</Manufacturer>');
    const result = await readPskc(xml, {}, NOW).then((r) => r.keys[0]?.manufacturer, () => 'refused');
    expect(result === 'refused' || result === '&xxe;').toBe(true);
  });

  it('deep nesting is refused', async () => {
    const deep = `<KeyContainer Version="1.0">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</KeyContainer>`;
    const { code, ms } = await timedRefusal(deep);
    expect(code).toBe('not-xml');
    expect(ms).toBeLessThan(1000);
  });

  it('a file over the size limit is refused before parsing', async () => {
    const huge = `<KeyContainer Version="1.0">${' '.repeat(MAX_PSKC_BYTES)}</KeyContainer>`;
    expect((await timedRefusal(huge)).code).toBe('too-large');
  });

  it.each([
    ['not XML at all', 'serial,secret\nHW1,JBSWY3DPEHPK3PXP', 'not-xml'],
    ['unclosed elements', '<KeyContainer Version="1.0"><KeyPackage>', 'not-xml'],
    ['another document', '<html><body>hello</body></html>', 'not-pskc'],
    ['a PSKC draft version', plain.replace('Version="1.0"', 'Version="0.9"'), 'not-pskc'],
    ['a secret that is not base64', plain.replace(/<PlainValue>[^<]{20,}<\/PlainValue>/, '<PlainValue>@@@@</PlainValue>'), 'not-pskc'],
  ])('%s is refused', async (_what, xml, code) => {
    expect((await timedRefusal(xml)).code).toBe(code);
  });

  it('markup in names stays text', async () => {
    const xml = plain.replace('<Manufacturer>Vendor</Manufacturer>', '<Manufacturer>&lt;img src=x onerror=alert(1)&gt;</Manufacturer>');
    const { keys } = await readPskc(xml, {}, NOW);
    expect(keys[0]!.manufacturer).toBe('<img src=x onerror=alert(1)>');
  });
});
