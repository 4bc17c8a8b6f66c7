import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerForms, rawDatabase } from '../../../test/helpers/raw-database.js';
import { generateKeyRing } from '../../crypto/keys.js';
import { openDatabase } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { buildTestServer, type TestServer } from '../server.fixtures.js';
import { hiddenValue, multipart } from './reporting-http.fixtures.js';

/**
 * The anonymity promise of issue 3, end to end over a real socket: an anonymous report leaves no
 * contact, no client address and no user agent in the database files (SQLite file and WAL, as a
 * thief would copy them) or in the log lines of the requests that sent it.
 */

const marker = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;
const userAgent = `Mozilla/5.0 (ombuds-canary ${marker('agent')})`;
const forwardedFor = '203.0.113.77';
const behaviourMarker = marker('behaviour');
const nameMarker = marker('accusedname');
/** The source ports the client's connections used, to look for in the logs. */
const clientPorts = new Set<number>();

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly setCookies: readonly string[];
}

/** One request over a real connection from 127.0.0.1, with the canary headers. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: options.method ?? 'GET',
        localAddress: '127.0.0.1',
        headers: {
          'user-agent': userAgent,
          'x-forwarded-for': forwardedFor,
          'x-real-ip': forwardedFor,
          forwarded: `for=${forwardedFor}`,
          ...options.headers,
          ...(options.body ? { 'content-length': String(options.body.length) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookies: response.headers['set-cookie'] ?? [],
          });
        });
      },
    );
    request.on('socket', (socket) => {
      socket.on('connect', () => {
        if (socket.localPort !== undefined) clientPorts.add(socket.localPort);
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('an anonymous report over a real connection', () => {
  let server: TestServer;
  let dir: string;
  let file: string;
  let receipt: Answer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-anonymity-'));
    file = path.join(dir, 'ombuds.sqlite');
    const database = await openDatabase({ kind: 'sqlite', file }, { create: true });
    await migrateToLatest(database);
    server = await buildTestServer({
      services: { database, keys: generateKeyRing(), now: () => new Date() },
      // Debug, so that any line a plugin writes only at that level is searched too.
      config: { logLevel: 'debug' },
    });
    server.app.addHook('onClose', () => database.close());
    const base = await server.app.listen({ host: '127.0.0.1', port: 0 });

    const form = await send(`${base}/report`);
    const cookie = form.setCookies.map((line) => line.split(';')[0]).join('; ');
    const body = await multipart([
      ['_csrf', hiddenValue(form.body, '_csrf')],
      ['submissionId', hiddenValue(form.body, 'submissionId')],
      ['immediateDanger', 'no'],
      ['behaviour', `Insults in the channel ${behaviourMarker}`],
      ['accused-1-name', nameMarker],
      ['relation', 'witness'],
      ['anonymous', 'yes'],
      ['contact', ''],
    ]);
    receipt = await send(`${base}/report`, {
      method: 'POST',
      headers: { ...body.headers, cookie },
      body: body.payload,
    });
  });

  afterAll(async () => {
    await server.app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('was stored and acknowledged with a receipt code', () => {
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatch(/<code id="receipt-code">[0-9A-Z-]{24}<\/code>/);
  });

  it('left no address, user agent or readable text in the database file or its WAL', async () => {
    const raw = await rawDatabase({ kind: 'sqlite', file });
    expect(raw.length).toBeGreaterThan(0);
    const forbidden = [
      '127.0.0.1',
      forwardedFor,
      userAgent,
      'ombuds-canary',
      'Mozilla',
      behaviourMarker,
      nameMarker,
    ];
    for (const canary of forbidden) {
      for (const form of markerForms(canary)) expect(raw.includes(form), canary).toBe(false);
    }
  });

  it('left no address, port, user agent or text in the log lines of its requests', () => {
    const lines = server.logLines();
    const requestLines = lines.filter((line) => line.reqId !== undefined);
    // The requests were logged (so the search below searched something)…
    expect(requestLines).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/report', statusCode: 200 }),
    );
    const text = requestLines.map((line) => JSON.stringify(line)).join('\n');
    // …and nothing that identifies the sender, or anything they wrote, is in any of them.
    for (const canary of [
      '127.0.0.1',
      forwardedFor,
      userAgent,
      'ombuds-canary',
      'Mozilla',
      behaviourMarker,
      nameMarker,
      'remoteAddress',
      'remotePort',
      'user-agent',
      'x-forwarded-for',
    ]) {
      expect(text.includes(canary), canary).toBe(false);
    }
    expect(clientPorts.size).toBeGreaterThan(0);
    for (const port of clientPorts) expect(text).not.toMatch(new RegExp(`\\b${port}\\b`));
    // The one line outside a request that names an address is the server's own listening one.
    const withAddress = lines.filter((line) => JSON.stringify(line).includes('127.0.0.1'));
    expect(withAddress.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/),
    ]);
  });
});
