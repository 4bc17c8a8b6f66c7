import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createSqliteServices } from '../../test/helpers/services.js';
import { buildServer, type ServerDeps } from './server.js';

/** A server for tests, with its log lines captured as parsed JSON objects. */
export interface TestServer {
  readonly app: FastifyInstance;
  /** Every log line written so far, raw. */
  readonly logText: () => string;
  /** Every log line written so far, parsed. */
  readonly logLines: () => Record<string, unknown>[];
}

export const testConfig: ServerDeps['config'] = {
  publicUrl: 'http://127.0.0.1:8080',
  foundationName: 'the Test Foundation',
  emergencyContact: '+1 555 0100 (event safety desk)',
  logLevel: 'info',
};

/**
 * Builds the server with test configuration; `overrides` replace single dependencies. Without
 * `services`, it gets a fresh SQLite database that closes with the server.
 */
export async function buildTestServer(
  overrides: Partial<Omit<ServerDeps, 'config'>> & { config?: Partial<ServerDeps['config']> } = {},
): Promise<TestServer> {
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const ownStorage = overrides.services ? null : await createSqliteServices();
  const services = overrides.services ?? ownStorage?.services;
  if (services === undefined) throw new Error('no services for the test server');
  const app = await buildServer({
    checkDatabase: () => Promise.resolve(),
    logStream,
    ...overrides,
    services,
    config: { ...testConfig, ...overrides.config },
  });
  if (ownStorage) app.addHook('onClose', ownStorage.dispose);
  const logText = () => chunks.join('');
  return {
    app,
    logText,
    logLines: () =>
      logText()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
