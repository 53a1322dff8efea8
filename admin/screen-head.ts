/**
 * The head every screen's page shares (admin/<screen>/index.html holds only the mount point and
 * the entry): built into each page by vite.admin.config.ts. The title is the screen's title in
 * Japanese, then English, from the catalogues, until the screen sets it in the reader's language.
 */
import type { Plugin } from 'vite';
import path from 'node:path';
import { SCREENS, type Screen } from './screens.ts';
import jaAdmin from './lib/i18n/ja/admin.ts';
import jaBank from './lib/i18n/ja/bank.ts';
import jaSignin from './lib/i18n/ja/signin.ts';
import enAdmin from './lib/i18n/en/admin.ts';
import enBank from './lib/i18n/en/bank.ts';
import enSignin from './lib/i18n/en/signin.ts';

const TITLES: Record<Screen, string> = {
  admin: `${jaAdmin.admin.title} / ${enAdmin.admin.title}`,
  bank: `${jaBank.bank.title} / ${enBank.bank.title}`,
  signin: `${jaSignin.signin.title} / ${enSignin.signin.title}`,
};

export function screenHead(): Plugin {
  return {
    name: 'screen-head',
    transformIndexHtml(_html, ctx) {
      const screen = path.basename(path.dirname(ctx.filename)) as Screen;
      if (!SCREENS.includes(screen)) throw new Error(`not a screen's page: ${ctx.filename}`);
      const meta = (attrs: Record<string, string>) => ({ tag: 'meta', attrs, injectTo: 'head-prepend' as const });
      return [
        meta({ charset: 'utf-8' }),
        meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        meta({ name: 'referrer', content: 'no-referrer' }),
        { tag: 'link', attrs: { rel: 'icon', href: '/icons/icon.svg', type: 'image/svg+xml' }, injectTo: 'head-prepend' },
        { tag: 'title', children: TITLES[screen], injectTo: 'head-prepend' },
      ];
    },
  };
}
