// The PWA's Content-Security-Policy, one source for the <meta> in index.html (checked equal by
// tests/unit/csp.test.ts) and for servers that serve the PWA as a header (frame-ancestors works
// only there). Why each source is needed:
//   'wasm-unsafe-eval' — the zxing-wasm QR fallback decoder compiles WebAssembly;
//   blob: workers/images — the decoder worker and picked pictures; mediastream: — the camera;
//   Trusted Types — Svelte 5 makes its templates through its own policy `svelte-trusted-html`
//   (held privately by its runtime); every other DOM-XSS sink goes through the `default`
//   policy of src/pwa/trusted-types.ts.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  // Svelte 5's own pass-through policy, private to its template code; `default` for everything else.
  'trusted-types svelte-trusted-html default',
];

/** For `<meta http-equiv="Content-Security-Policy">`. */
export const PWA_CSP_META = DIRECTIVES.join('; ');

/** For the `Content-Security-Policy` response header on the PWA's pages (adds what a meta cannot). */
export const PWA_CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
