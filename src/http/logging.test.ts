import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggablePath } from './logging.js';
import { buildTestServer, type TestServer } from './server.fixtures.js';

const clientAddress = '203.0.113.77';
const userAgent = 'MarkerAgent/9.9 (ua-canary-51c2)';
const queryMarker = 'query-canary-8e0d';
const headerMarker = 'header-canary-33b1';

describe('request logging', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer();
    server.app.get('/boom', { config: { audience: 'test' } }, () => {
      throw new Error('kaboom');
    });
    await server.app.ready();
    const headers = { 'user-agent': userAgent, 'x-marker': headerMarker, cookie: headerMarker };
    for (const url of [
      `/?q=${queryMarker}`,
      `/healthz?${queryMarker}=1`,
      `/missing?${queryMarker}`,
    ]) {
      await server.app.inject({ url, headers, remoteAddress: clientAddress });
    }
    await server.app.inject({ url: '/boom', headers, remoteAddress: clientAddress });
    await server.app.inject({ url: `/%zz?${queryMarker}`, headers, remoteAddress: clientAddress });
  });
  afterAll(() => server.app.close());

  it('never writes the client address, user agent, other headers or the query string', () => {
    const text = server.logText();
    expect(text).not.toBe('');
    for (const marker of [clientAddress, 'ua-canary-51c2', headerMarker, queryMarker]) {
      expect(text).not.toContain(marker);
    }
    expect(text).not.toMatch(/remoteAddress|remotePort|user-?agent|"host"|"ip"/i);
  });

  it('writes one line per request with method, route, path, status, time and request id', () => {
    const completed = server.logLines().filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(5);
    expect(completed[0]).toMatchObject({ method: 'GET', route: '/', path: '/', statusCode: 200 });
    expect(completed[0]?.reqId).toEqual(expect.any(String));
    expect(completed[0]?.responseTime).toEqual(expect.any(Number));
    expect(completed[2]).toMatchObject({ path: '/missing', statusCode: 404 });
    expect(completed[2]).not.toHaveProperty('route');
    expect(completed[4]).toMatchObject({ path: '/%zz', statusCode: 400 });
    expect(server.logLines().some((line) => line.msg === 'incoming request')).toBe(false);
  });

  it('keeps every line one JSON object, whatever control characters a path holds', async () => {
    await server.app.inject({ url: '/a%0Ab%0D%1B[31m\u0007' });
    const lines = server
      .logText()
      .split('\n')
      .filter((line) => line !== '');
    for (const line of lines) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect([...line].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
    }
  });
});

describe('loggablePath', () => {
  it('drops the query string and caps the length', () => {
    expect(loggablePath('/a/b?secret=1')).toBe('/a/b');
    expect(loggablePath('/a#frag')).toBe('/a');
    expect(loggablePath(`/${'x'.repeat(500)}`)).toHaveLength(201);
  });
});
