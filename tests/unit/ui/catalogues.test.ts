// The one string format: every language in LANGUAGES has every part of every app's catalogue, with
// the same sections and keys as the Japanese one, and the same kind of value (text or function).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, nextLanguage, preferredLanguage } from '../../../src/i18n/languages.ts';

const APPS = ['src/ui/i18n', 'admin/lib/i18n'];

function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (typeof value === 'string') return 'string';
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shape(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

describe.each(APPS.filter((dir) => fs.existsSync(path.join(dir, 'ja'))))('%s', (dir) => {
  const parts = fs.readdirSync(path.join(dir, 'ja')).filter((f) => f.endsWith('.ts'));

  it.each(LANGUAGES.map((l) => l.code))('%s has every part, shaped as the Japanese one', async (lang) => {
    for (const part of parts) {
      const file = path.resolve(dir, lang, part);
      expect(fs.existsSync(file), `${lang}/${part}`).toBe(true);
      const [reference, translated] = await Promise.all([import(path.resolve(dir, 'ja', part)), import(file)]);
      expect(shape(translated.default), `${lang}/${part}`).toEqual(shape(reference.default));
    }
  });
});

describe('languages', () => {
  it.each([
    [['ja-JP'], 'ja'], [['en-US'], 'en'], [['en-GB', 'ja'], 'en'], [['fr-FR', 'ja-JP'], 'ja'], [['fr-FR'], 'ja'], [[], 'ja'],
  ])('browser %j reads %s', (browser, lang) => {
    expect(preferredLanguage(browser)).toBe(lang);
  });

  it('the one-tap switch visits every language and comes back', () => {
    let lang = LANGUAGES[0].code as (typeof LANGUAGES)[number]['code'];
    const seen = new Set<string>();
    for (let i = 0; i < LANGUAGES.length; i++) seen.add((lang = nextLanguage(lang).code));
    expect(seen.size).toBe(LANGUAGES.length);
    expect(lang).toBe(LANGUAGES[0].code);
  });
});
