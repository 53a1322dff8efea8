// The issuing bank's contact for the help screen, from /bank-contact.json served with the app
// (each deployment writes its own). Untrusted-ish text: length-limited, shown as text only.
import type { Lang } from '../i18n/locale.svelte.ts';

/** A value in one language, or per language: "…" or { "ja": "…", "en": "…" }. */
type Text = string | Partial<Record<Lang, string>>;

export interface BankContact {
  name: string;
  phone?: string;
  hours?: string;
  note?: string;
  url?: string;
}

const MAX = 200;

function pick(value: unknown, lang: Lang): string | undefined {
  let text: unknown = value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    text = v[lang] ?? v.ja ?? v.en;
  }
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean && clean.length <= MAX ? clean : undefined;
}

/** Only http(s) addresses become links; anything else is dropped. */
function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The contact in `lang`, or undefined when the file is absent, unreadable or has no name. */
export function parseBankContact(json: unknown, lang: Lang): BankContact | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const raw = json as Record<string, Text | undefined>;
  const name = pick(raw.name, lang);
  if (!name) return undefined;
  return {
    name,
    phone: pick(raw.phone, lang),
    hours: pick(raw.hours, lang),
    note: pick(raw.note, lang),
    url: safeUrl(pick(raw.url, lang)),
  };
}

/** The digits and plus sign of a phone number, for a tel: link. */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/[^\d+]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : undefined;
}

export async function loadBankContact(): Promise<unknown> {
  try {
    const response = await fetch('/bank-contact.json', { cache: 'no-cache' });
    if (!response.ok || !/json/.test(response.headers.get('content-type') ?? '')) return undefined;
    return await response.json();
  } catch {
    return undefined; // offline and not cached, or not JSON: the help still explains the steps
  }
}
