import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfCookie } from './forms.js';
import { buildTestServer } from './server.fixtures.js';

describe('CSRF protection of every state-changing request', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ app } = await buildTestServer());
    app.get('/test/form', { config: { audience: 'test' } }, (_request, reply) => ({
      token: reply.generateCsrf(),
    }));
    app.post('/test/form', { config: { audience: 'test' } }, () => ({ done: true }));
    app.post('/test/machine', { config: { audience: 'test', csrf: false } }, () => ({
      done: true,
    }));
    await app.ready();
  });
  afterAll(() => app.close());

  async function formToken(): Promise<{ token: string; cookie: string }> {
    const page = await app.inject({ method: 'GET', url: '/test/form' });
    const cookie = page.cookies.find((c) => c.name === csrfCookie);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    return {
      token: page.json<{ token: string }>().token,
      cookie: `${csrfCookie}=${cookie!.value}`,
    };
  }

  it('refuses a form without a token with 403 and runs no handler', async () => {
    const { cookie } = await formToken();
    const response = await app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { cookie, accept: 'application/json' },
      payload: { anything: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_rejected' } });
  });

  it('refuses a token without its secret cookie, and a token from another cookie', async () => {
    const first = await formToken();
    const second = await formToken();
    for (const headers of [{}, { cookie: second.cookie }]) {
      const response = await app.inject({
        method: 'POST',
        url: '/test/form',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(first.token)}`,
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('accepts a urlencoded form that carries its token', async () => {
    const { token, cookie } = await formToken();
    const response = await app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(token)}&note=hello`,
    });
    expect(response.statusCode).toBe(200);
  });

  it('lets a machine route that opted out answer without a token', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/machine', payload: {} });
    expect(response.statusCode).toBe(200);
  });
});
