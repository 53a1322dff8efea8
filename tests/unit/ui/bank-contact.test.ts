// The deployment's bank-contact.json is outside text: only what passes these rules reaches the help screen.
import { describe, expect, it } from 'vitest';
import { parseBankContact, telHref } from '../../../src/ui/help/bank-contact.ts';

describe('parseBankContact', () => {
  it('picks the language, falling back to Japanese, then English', () => {
    const json = { name: { ja: 'しんきん銀行', en: 'Shinkin Bank' }, phone: '0120-000-000', hours: { ja: '平日 9:00–17:00' }, note: { en: 'Only English' } };
    expect(parseBankContact(json, 'en')).toEqual({ name: 'Shinkin Bank', phone: '0120-000-000', hours: '平日 9:00–17:00', note: 'Only English', url: undefined });
    expect(parseBankContact(json, 'ja')).toMatchObject({ name: 'しんきん銀行', note: 'Only English' });
  });

  it('needs a name; anything not an object is no contact', () => {
    for (const bad of [null, undefined, 'text', 42, [], {}, { name: '' }, { name: '   ' }, { name: 7 }, { phone: '0120' }]) {
      expect(parseBankContact(bad, 'ja')).toBeUndefined();
    }
  });

  it('drops control characters, over-long text and non-http(s) links', () => {
    const c = parseBankContact({
      name: 'Bank\u0000\nName', note: 'x'.repeat(201), hours: 'y'.repeat(200),
      url: 'javascript:alert(1)',
    }, 'ja')!;
    expect(c.name).toBe('Bank  Name');
    expect(c.note).toBeUndefined();
    expect(c.hours).toHaveLength(200);
    expect(c.url).toBeUndefined();
    expect(parseBankContact({ name: 'B', url: 'https://bank.example/lost?x=1' }, 'ja')!.url).toBe('https://bank.example/lost?x=1');
    expect(parseBankContact({ name: 'B', url: 'data:text/html,<b>x</b>' }, 'ja')!.url).toBeUndefined();
    expect(parseBankContact({ name: 'B', url: 'not a url' }, 'ja')!.url).toBeUndefined();
  });

  it('leaves markup as text (the screen renders text only)', () => {
    expect(parseBankContact({ name: '<img src=x onerror=alert(1)>' }, 'ja')!.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('telHref', () => {
  it('keeps digits and a leading plus; refuses what is not a phone number', () => {
    expect(telHref('0120-123-456')).toBe('tel:0120123456');
    expect(telHref('+81 (3) 1234 5678')).toBe('tel:+81312345678');
    expect(telHref('call us')).toBeUndefined();
    expect(telHref('12')).toBeUndefined();
    expect(telHref('1'.repeat(21))).toBeUndefined();
  });
});
