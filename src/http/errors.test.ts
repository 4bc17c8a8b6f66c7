import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, OmbudsError } from '../domain/errors.js';
import { describeError, statusByCode, type ErrorBody } from './errors.js';
import { buildTestServer, type TestServer } from './server.fixtures.js';

const secret = 'SELECT password FROM staff -- /srv/ombuds/src/store/secret.ts';
const json = { accept: 'application/json' };

describe('the error handler', () => {
  let server: TestServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    server = await buildTestServer();
    app = server.app;
    app.get('/boom', { config: { audience: 'test' } }, () => {
      throw new Error(secret);
    });
    app.get('/reject-string', { config: { audience: 'test' } }, () =>
      Promise.reject(new Error(secret)),
    );
    app.get<{ Params: { code: string } }>(
      '/ombuds/:code',
      { config: { audience: 'test' } },
      (request) => {
        throw new OmbudsError(request.params.code as (typeof errorCodes)[number], 'Public words.', {
          logMessage: `log words for ${request.params.code}`,
        });
      },
    );
    app.post('/echo', { config: { audience: 'test', csrf: false } }, (request) => ({
      received: request.body,
    }));
    app.post(
      '/validated',
      {
        config: { audience: 'test', csrf: false },
        schema: {
          body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
        },
      },
      () => 'ok',
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers an unknown error with a generic page, an error id and nothing of the error', async () => {
    const response = await app.inject({ url: '/boom', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(response.body).toMatch(/Error reference: <code>[0-9a-f]{12}<\/code>/);
    for (const leak of ['SELECT', 'password', '/srv/', 'secret.ts', 'Error:', 'node_modules']) {
      expect(response.body).not.toContain(leak);
    }
    expect(response.body).not.toMatch(/\bat \S+ \(/); // a stack frame
  });

  it('answers JSON with { error: { code, message, errorId } } when the client prefers it', async () => {
    const response = await app.inject({ url: '/boom', headers: json });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json<ErrorBody>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'errorId', 'message']);
    expect(body.error.code).toBe('internal');
    expect(body.error.errorId).toMatch(/^[0-9a-f]{12}$/);
    expect(response.body).not.toContain('SELECT');
  });

  it('logs the real message and stack under the id the person was shown', async () => {
    const response = await app.inject({ url: '/reject-string', headers: json });
    const { errorId } = response.json<ErrorBody>().error;
    const line = server.logLines().find((entry) => entry.errorId === errorId);
    expect(line).toMatchObject({ level: 50, code: 'internal', statusCode: 500 });
    const err = line?.err as { message: string; stack: string };
    expect(err.message).toBe(secret);
    expect(err.stack).toContain('Error:');
  });

  it.each(errorCodes.map((code) => [code, statusByCode[code]] as const))(
    'answers OmbudsError %s with status %i and its public message',
    async (code, status) => {
      const response = await app.inject({ url: `/ombuds/${code}`, headers: json });
      expect(response.statusCode).toBe(status);
      expect(response.json<ErrorBody>().error).toMatchObject({ code, message: 'Public words.' });
      expect(response.body).not.toContain('log words');
    },
  );

  it('asks the client to retry after a 503', async () => {
    const response = await app.inject({ url: '/ombuds/unavailable' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toContain('Public words.');
  });

  it('answers a malformed JSON body with a clean 400 that quotes nothing of it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json', ...json },
      payload: '{"marker-7f3a": nope',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error).toMatchObject({ code: 'invalid_input' });
    expect(response.body).not.toContain('marker-7f3a');
    expect(server.logText()).not.toContain('marker-7f3a');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json', ...json },
      payload: JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorBody>().error.code).toBe('too_large');
  });

  it('answers an unsupported media type with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-marker-media', ...json },
      payload: 'whatever',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorBody>().error.code).toBe('invalid_input');
    expect(response.body).not.toContain('x-marker-media');
  });

  it('answers a failed schema validation with 400 and no validation detail', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/validated',
      headers: json,
      payload: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('required');
    expect(response.body).not.toContain('name');
  });

  it('answers an unknown path with a calm 404 page that shows no error id', async () => {
    const response = await app.inject({ url: '/nothing/here?x=<script>' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.body).not.toContain('Error reference');
    expect(response.body).not.toContain('<script>');
    expect(response.body).not.toContain('/nothing/here');
  });

  it('answers an unknown path with JSON when asked', async () => {
    const response = await app.inject({ url: '/nothing/here', headers: json });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorBody>().error).toMatchObject({
      code: 'not_found',
      message: 'Not found.',
    });
  });

  it('defaults to JSON under /api/ when the client does not say', async () => {
    const response = await app.inject({ url: '/api/nothing', headers: { accept: '*/*' } });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('describeError', () => {
  it('turns anything that is not an OmbudsError or a 4xx into a generic internal error', () => {
    for (const thrown of [new Error(secret), secret, null, undefined, { statusCode: 503 }, 42]) {
      expect(describeError(thrown)).toMatchObject({ status: 500, code: 'internal' });
      expect(describeError(thrown).publicMessage).not.toContain('SELECT');
    }
  });

  it('keeps the status of a 4xx from Fastify or a plugin but never its message', () => {
    const error = Object.assign(new Error(secret), { statusCode: 405 });
    expect(describeError(error)).toMatchObject({ status: 405, code: 'invalid_input' });
    expect(describeError(error).publicMessage).not.toContain('SELECT');
  });
});
