import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OmbudsError } from '../domain/errors.js';
import { buildTestServer } from './server.fixtures.js';
import { securityHeaderSnapshot } from './security-headers.js';

const expected = {
  'content-security-policy':
    "default-src 'none';style-src 'self';img-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers).toMatchObject(expected);
  const permissions = String(headers['permissions-policy']);
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(permissions).toContain(`${feature}=()`);
  }
  // Plain http: no HSTS, which would pin a local install to https it does not have.
  expect(headers['strict-transport-security']).toBeUndefined();
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ app } = await buildTestServer());
    app.get('/boom', { config: { audience: 'test' } }, () => {
      throw new Error('kaboom');
    });
    app.get('/unavailable', { config: { audience: 'test' } }, () => {
      throw new OmbudsError('unavailable', 'Try again soon.');
    });
    app.post('/echo', { config: { audience: 'test', csrf: false } }, (request) => ({
      received: request.body,
    }));
    app.register((child, _options, done) => {
      // An error thrown by a hook before any handler runs.
      child.addHook('onRequest', () => Promise.reject(new Error('hook failed')));
      child.get('/guarded', { config: { audience: 'test' } }, () => 'never');
      done();
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const cases: [string, () => Promise<LightMyRequestResponse>, number][] = [
    ['a page (200)', () => app.inject({ url: '/' }), 200],
    ['JSON (200)', () => app.inject({ url: '/healthz' }), 200],
    ['the stylesheet', () => app.inject({ url: '/assets/site.css' }), 200],
    ['an unknown path (404)', () => app.inject({ url: '/no/such/page' }), 404],
    ['a thrown error (500)', () => app.inject({ url: '/boom' }), 500],
    ['a 503', () => app.inject({ url: '/unavailable' }), 503],
    [
      'a malformed JSON body (400)',
      () =>
        app.inject({
          method: 'POST',
          url: '/echo',
          headers: { 'content-type': 'application/json' },
          payload: '{"nope',
        }),
      400,
    ],
    [
      'a JSON error answer (404)',
      () => app.inject({ url: '/missing', headers: { accept: 'application/json' } }),
      404,
    ],
    ['a malformed URL, refused before routing (400)', () => app.inject({ url: '/%zz' }), 400],
    ['an error thrown in an onRequest hook (500)', () => app.inject({ url: '/guarded' }), 500],
    ['a HEAD request', () => app.inject({ method: 'HEAD', url: '/' }), 200],
  ];

  it.each(cases)('are on %s', async (_name, send, status) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response.headers);
  });

  it('mark every page and JSON answer no-store, and let the stylesheet revalidate', async () => {
    for (const url of ['/', '/healthz', '/no/such/page', '/boom', '/%zz']) {
      const response = await app.inject({ url });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    const css = await app.inject({ url: '/assets/site.css' });
    expect(css.headers['cache-control']).toBe('no-cache');
  });

  it('are on the answer to a request too malformed to parse', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
      socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const headers = Object.fromEntries(
      head
        .split('\r\n')
        .slice(1)
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
    );
    expectSecurityHeaders(headers);
    const parsed = JSON.parse(body) as { error: { code: string; errorId: string } };
    expect(parsed.error.code).toBe('invalid_input');
    expect(parsed.error.errorId).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('security header configuration', () => {
  it('sends HSTS only when the public address is https', async () => {
    const { app } = await buildTestServer({ config: { publicUrl: 'https://conduct.example.org' } });
    const response = await app.inject({ url: '/' });
    expect(response.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await app.close();
  });

  it('gives answers outside the hooks exactly the headers the hooks give', async () => {
    const snapshot = await securityHeaderSnapshot('http://127.0.0.1:8080');
    const { app } = await buildTestServer();
    const normal = await app.inject({ url: '/healthz' });
    for (const [name, value] of Object.entries(snapshot)) {
      expect(normal.headers[name], name).toBe(value);
    }
    expect(Object.keys(snapshot)).toEqual(
      expect.arrayContaining([...Object.keys(expected), 'permissions-policy', 'cache-control']),
    );
    await app.close();
  });
});
