// The `default` Trusted Types policy: what any sink outside Svelte's own template policy gets.
// Nothing from a QR or URI is ever HTML (no {@html}); this lets plain markup through but refuses
// anything carrying script, and allows only same-origin script URLs (service worker, decoder worker).
interface Policies {
  createPolicy(name: string, rules: Record<string, (input: string) => string>): unknown;
}

function refuse(what: string): never {
  throw new TypeError(`Trusted Types: refused ${what}`);
}

const tt = (globalThis as { trustedTypes?: Policies }).trustedTypes;
tt?.createPolicy('default', {
  createHTML: (html) => (/<script|<iframe|<object|<embed|\son\w+\s*=|javascript:/i.test(html) ? refuse('HTML with script') : html),
  createScriptURL: (url) => {
    const u = new URL(url, location.href);
    return u.origin === location.origin || u.protocol === 'blob:' ? u.href : refuse(`script URL ${u.origin}`);
  },
  createScript: () => refuse('script text'),
});
