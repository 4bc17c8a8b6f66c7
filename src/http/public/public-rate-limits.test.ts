import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './public-rate-limits.js';

async function limitedApp() {
  const app = Fastify({ logger: false });
  const limiter = await createLimiter(app, 'test', {
    perClient: { max: 2, windowMs: 60_000 },
    total: { max: 3, windowMs: 60_000 },
  });
  app.post('/', async (request) => limiter(request));
  await app.ready();
  const attempt = async (remoteAddress: string) =>
    (await app.inject({ method: 'POST', url: '/', remoteAddress })).json<{ allowed: boolean }>()
      .allowed;
  return { app, attempt };
}

describe('public rate limits', () => {
  it('limits each client, and everyone together', async () => {
    const { app, attempt } = await limitedApp();
    expect(await attempt('192.0.2.1')).toBe(true);
    expect(await attempt('192.0.2.1')).toBe(true);
    // The client's own limit: refused, and not counted against everyone's.
    expect(await attempt('192.0.2.1')).toBe(false);
    expect(await attempt('192.0.2.2')).toBe(true);
    // Three allowed in all: a fourth client is refused although it never asked before.
    expect(await attempt('192.0.2.3')).toBe(false);
    await app.close();
  });

  it('counts addresses of one IPv6 /64 as one client', async () => {
    const { app, attempt } = await limitedApp();
    expect(await attempt('2001:db8:1:2::1')).toBe(true);
    expect(await attempt('2001:db8:1:2:ffff::9')).toBe(true);
    expect(await attempt('2001:db8:1:2::abcd')).toBe(false);
    await app.close();
  });
});
