// index.html's CSP meta is the shared policy (src/pwa/csp.ts), and the policy allows only the app's own origin.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PWA_CSP_HEADER, PWA_CSP_META } from '../../src/pwa/csp.ts';

const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

describe('PWA Content-Security-Policy', () => {
  it('index.html carries exactly the shared policy', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(PWA_CSP_META);
  });

  it('has no inline script and no eval, talks only to its origin, and requires Trusted Types', () => {
    const d = new Map(PWA_CSP_HEADER.split('; ').map((x) => [x.split(' ')[0]!, x.split(' ').slice(1)]));
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(PWA_CSP_HEADER).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script element
  });
});
