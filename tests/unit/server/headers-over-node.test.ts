// The security headers as a client gets them over node (@hono/node-server, as server/main.ts
// serves the app) are exactly those app.request() gives the other tests: same names, same values,
// for API, file, error and not-found responses, with and without a request id, over plain HTTP
// and HTTPS through the trusted proxy. On node the middleware writes them onto node's response.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { API_KEY, describeService } from './service-fixture.ts';

const SECURITY_HEADERS = [
  'content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy',
  'strict-transport-security', 'cache-control', 'www-authenticate', 'x-request-id',
];

function overNode(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describeService('nodeheaders', 'security headers over node', ({ s }) => {
  it('are the same over node as under app.request(), for every kind of response', async () => {
    const u = await s.userWithToken('headers-user');
    const server = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, string, Record<string, string>, string?]> = [
      ['GET', '/api/session', {}],
      ['GET', '/', {}],
      ['GET', '/sw.js', {}],
      ['GET', '/some/page', {}],
      ['GET', '/admin/', {}],
      ['GET', '/api/nothing', {}],
      ['GET', '/missing.png', {}],
      ['GET', '/healthz', { 'x-request-id': 'req-over-node-1' }],
      ['GET', '/api/session', { 'x-forwarded-proto': 'https' }],
      ['POST', '/api/v1/verify', json, JSON.stringify({ companyId: 'demo', userId: 'headers-user', code: '000000' })],
      ['POST', '/api/v1/verify', { ...json, authorization: `Bearer ${API_KEY}` }, JSON.stringify({ companyId: 'demo', userId: 'headers-user', code: '12ab56' })],
      ['POST', '/api/v1/verify', { ...json, authorization: `Bearer ${API_KEY}`, 'x-request-id': 'req-over-node-2' }, JSON.stringify({ companyId: 'demo', userId: 'headers-user', code: u.code() })],
    ];
    try {
      for (const [method, path, headers, body] of cases) {
        const node = await overNode(port, method, path, headers, body);
        const app = await s.app.request(path, { method, headers: { host: `127.0.0.1:${port}`, ...headers }, ...(body ? { body } : {}) });
        const label = `${method} ${path} ${JSON.stringify(headers)}`;
        expect(node.status, label).toBe(app.status);
        for (const name of SECURITY_HEADERS) {
          if (name === 'x-request-id' && !headers['x-request-id']) {
            // A new id each time: there, and of the same form.
            expect(node.headers[name], label).toMatch(/^[0-9a-f-]{36}$/);
            expect(app.headers.get(name), label).toMatch(/^[0-9a-f-]{36}$/);
          } else expect(node.headers[name] ?? null, `${label}: ${name}`).toBe(app.headers.get(name));
        }
        // The ones every response carries are really there (not both absent).
        for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy']) expect(node.headers[name], `${label}: ${name}`).toBeTruthy();
      }
      // The cases cover what differs: HSTS only over HTTPS, no-store only on the API, the bearer challenge on 401.
      expect((await overNode(port, 'GET', '/api/session', { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect((await overNode(port, 'GET', '/api/session', {})).headers['strict-transport-security']).toBeUndefined();
      expect((await overNode(port, 'GET', '/api/session', {})).headers['cache-control']).toBe('no-store');
      expect((await overNode(port, 'GET', '/sw.js', {})).headers['cache-control']).not.toBe('no-store');
      expect((await overNode(port, 'POST', '/api/v1/verify', json, '{}')).headers['www-authenticate']).toBe('Bearer');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
