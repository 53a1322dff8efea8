import { expect } from 'vitest';
import { LANGUAGES } from '../../../src/i18n/languages.ts';

/** Every language of the screens has words for the service's error `code` (the body carries only the code). */
export async function expectWordsFor(code: string): Promise<void> {
  for (const { code: lang } of LANGUAGES) {
    const common = (await import(`../../../admin/lib/i18n/${lang}/common.ts`)).default as { apiError: Record<string, string> };
    expect(common.apiError[code], `${lang}: ${code}`).toMatch(/\S/);
  }
}
