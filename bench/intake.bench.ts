/**
 * Report intake through HTTP as a ratio to a bare durable insert through HTTP, on the same
 * server, in the same run. Target (issue 3): ratio >= 0.5. Prints progress, then
 * `ratio: <number>` as its last line.
 *
 * Both sides run on one listening ombuds server (buildServer, the real route table) over SQLite
 * in WAL mode with synchronous=FULL, in a folder on the working directory's filesystem (not
 * tmpfs, which ignores fsync), with the same number of concurrent keep-alive clients:
 *
 * - intake: POST /report with a multipart form as a browser sends it (CSRF token, submission id,
 *   one accused person with two identifiers, a few hundred characters of text), answered with the
 *   receipt page after the report's transaction committed: validation, the receipt code's argon2id
 *   hash, sealing, blind indexes, the case, its event, the report, the parties and the audit entry.
 * - baseline: POST /bench/bare-insert with a body of the same size, one INSERT of it into a scratch
 *   table in a transaction, then a short answer. It takes the same hooks (headers, logging, CSRF
 *   skipped as for a machine route) and the same commit cost.
 *
 *   npx tsc -p tsconfig.bench.json && node dist/bench/intake.bench.js
 *   BENCH_REPORTS=1000 BENCH_CLIENTS=8 node dist/bench/intake.bench.js
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { generateKeyRing } from '../src/crypto/keys.js';
import { buildServer } from '../src/http/server.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

const reportsPerRound = Number(process.env.BENCH_REPORTS ?? 400);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const rounds = 3;

const dir = await mkdtemp(path.join(process.cwd(), '.bench-intake-'));
const database = await openDatabase(
  { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') },
  { create: true },
);
const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
if (synchronous.rows[0]?.synchronous !== 2) throw new Error('synchronous is not FULL');

try {
  await migrateToLatest(database);
  await sql`create table bench_scratch (id text primary key, received_at text not null, body blob not null)`.execute(
    database.db,
  );
  const app = await buildServer({
    config: {
      publicUrl: 'http://127.0.0.1',
      foundationName: 'the Bench Foundation',
      emergencyContact: null,
      logLevel: 'silent',
      // The bench sends thousands of reports from one address.
      reportsPerHour: 1_000_000,
    },
    checkDatabase: () => database.checkHealth(),
    services: { database, keys: generateKeyRing(), now: () => new Date() },
  });
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  app.post(
    '/bench/bare-insert',
    { config: { audience: 'test', csrf: false } },
    async (request, reply) => {
      await database.db.transaction().execute(async (trx) => {
        await sql`insert into bench_scratch (id, received_at, body) values (${randomUUID()}, ${new Date().toISOString()}, ${request.body})`.execute(
          trx,
        );
      });
      return reply.type('text/plain; charset=utf-8').send('stored');
    },
  );
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  const page = await fetch(`${base}/report`);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');

  const behaviour =
    'In the weekly meeting on IRC he called my patch garbage and then said people like me should not be allowed to contribute. '.repeat(
      3,
    );
  const reportBody = async () => {
    const form = new FormData();
    const fields: [string, string][] = [
      ['_csrf', csrf],
      ['submissionId', randomBytes(32).toString('base64url')],
      ['immediateDanger', 'no'],
      ['behaviour', behaviour],
      ['approximateTime', 'Tuesday 21:00 UTC'],
      ['venue', 'irc'],
      ['venueDetail', '#openstack-dev'],
      ['accused-1-name', 'Sam Example'],
      ['accused-1-email', 'sam@example.org'],
      ['accused-1-irc-nick', 'sammy'],
      ['accused-1-irc-network', 'OFTC'],
      ['relation', 'target'],
      ['conductItems', 'personal_insults'],
      ['anonymous', 'yes'],
    ];
    for (const [name, value] of fields) form.append(name, value);
    const request = new Request(base, { method: 'POST', body: form });
    return {
      payload: Buffer.from(await request.arrayBuffer()),
      type: request.headers.get('content-type') ?? '',
    };
  };
  const sampleSize = (await reportBody()).payload.length;

  const report = async () => {
    const body = await reportBody();
    const answer = await fetch(`${base}/report`, {
      method: 'POST',
      headers: { 'content-type': body.type, cookie },
      body: body.payload,
    });
    const text = await answer.text();
    if (answer.status !== 200 || !text.includes('id="receipt-code"')) {
      throw new Error(`report refused: ${answer.status}`);
    }
  };
  const bareInsert = async () => {
    const answer = await fetch(`${base}/bench/bare-insert`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: randomBytes(sampleSize),
    });
    if (answer.status !== 200 || (await answer.text()) !== 'stored') {
      throw new Error(`bare insert failed: ${answer.status}`);
    }
  };

  /** `count` requests from `clients` concurrent clients; returns requests per second. */
  const measure = async (send: () => Promise<void>, count: number) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          next += 1;
          await send();
        }
      }),
    );
    return (count / (performance.now() - started)) * 1000;
  };

  console.log(
    `warming up (${clients} clients, ${reportsPerRound} requests a round, report body ${sampleSize} bytes)…`,
  );
  await measure(report, Math.min(50, reportsPerRound));
  await measure(bareInsert, Math.min(50, reportsPerRound));

  let bestIntake = 0;
  let bestBare = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const bare = await measure(bareInsert, reportsPerRound);
    const intake = await measure(report, reportsPerRound);
    bestBare = Math.max(bestBare, bare);
    bestIntake = Math.max(bestIntake, intake);
    console.log(
      `round ${round}: bare durable insert ${bare.toFixed(0)}/s, report intake ${intake.toFixed(0)}/s (ratio ${(intake / bare).toFixed(3)})`,
    );
  }
  await app.close();
  console.log(`bare_insert_per_s: ${bestBare.toFixed(0)}`);
  console.log(`reports_per_s: ${bestIntake.toFixed(0)}`);
  console.log(`ratio: ${(bestIntake / bestBare).toFixed(3)}`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
