import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestServer } from './server.fixtures.js';

describe('route audiences', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestServer());
  });
  afterAll(() => app.close());

  it('refuses a route that does not say who it is for', () => {
    expect(() => app.post('/undeclared', () => 'never')).toThrow(/declares no config.audience/);
  });
});
