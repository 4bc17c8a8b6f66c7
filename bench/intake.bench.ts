/**
 * Report intake through HTTP as a ratio to a bare durable insert through HTTP, on the same
 * server, in the same run. Target (issue 3): ratio >= 0.5. Prints progress, then
 * `ratio: <number>` as its last line.
 *
 * Both sides run on one listening ombuds server (buildServer, the real route table) over SQLite
 * in WAL mode with synchronous=FULL, in a folder on the working directory's filesystem (not
 * tmpfs, which ignores fsync), with the same number of concurrent keep-alive clients, and both
 * send the very same request: the report form as a browser sends it (multipart/form-data: CSRF
 * token, a fresh submission id, one accused person with two identifiers, a few hundred
 * characters of text). The bodies are made from one template by writing a fresh submission id
 * into it, so the client's own cost (it shares the process) is small and alike on both sides.
 *
 * - intake: POST /report, answered with the receipt page after the report's transaction
 *   committed, stored as `ombuds serve` stores it on SQLite (the intake writer thread, grouped
 *   commits): CSRF check, rate limit, validation, the receipt code's argon2id hash (at the
 *   parameters of src/crypto/receipt-codes.ts, never lowered here), sealing, blind indexes, the
 *   case, its event, the report, the parties and the audit entries.
 * - baseline: POST /bench/bare-insert, the bare durable insert on the same stack: the same body
 *   read by the same multipart reader as /report (readForm), its fields stored as they came (one
 *   JSON text) in one INSERT into a scratch table in a transaction (BEGIN IMMEDIATE, COMMIT with
 *   fsync), then a short answer. It takes the same hooks (headers, logging; CSRF skipped as for a
 *   machine route) and nothing else: no validation, no hashing, no sealing.
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
import { readForm } from '../src/http/public/multipart-form.js';
import { buildServer } from '../src/http/server.js';
import { startIntakeWriter } from '../src/services/intake-writer.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

const reportsPerRound = Number(process.env.BENCH_REPORTS ?? 400);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
// The disk's fsync time varies from run to run here: the best of five rounds a side.
const rounds = 5;

const dir = await mkdtemp(path.join(process.cwd(), '.bench-intake-'));
const file = path.join(dir, 'bench.sqlite');
const database = await openDatabase({ kind: 'sqlite', file }, { create: true });
const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
if (synchronous.rows[0]?.synchronous !== 2) throw new Error('synchronous is not FULL');

try {
  await migrateToLatest(database);
  await sql`create table bench_scratch (id text primary key, received_at text not null, body blob not null)`.execute(
    database.db,
  );
  const keys = generateKeyRing();
  // As `ombuds serve` runs on SQLite: reports are stored on the intake writer's thread.
  const intakeWriter = await startIntakeWriter({ file, keys });
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
    services: { database, keys, now: () => new Date(), intakeWriter },
  });
  app.post(
    '/bench/bare-insert',
    { config: { audience: 'test', csrf: false } },
    async (request, reply) => {
      const form = await readForm(request);
      await database.db.transaction().execute(async (trx) => {
        await sql`insert into bench_scratch (id, received_at, body) values (${randomUUID()}, ${new Date().toISOString()}, ${JSON.stringify(form.values)})`.execute(
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
  // One form as a browser encodes it, with a placeholder submission id of the real length (32
  // random bytes in base64url: 43 characters); each request gets a copy with a fresh id in place.
  const placeholder = 'S'.repeat(43);
  const form = new FormData();
  const fields: [string, string][] = [
    ['_csrf', csrf],
    ['submissionId', placeholder],
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
  const encoded = new Request(base, { method: 'POST', body: form });
  const formType = encoded.headers.get('content-type') ?? '';
  const template = Buffer.from(await encoded.arrayBuffer());
  const idAt = template.indexOf(placeholder);
  if (idAt < 0 || template.indexOf(placeholder, idAt + 1) >= 0) throw new Error('bad template');
  const formBody = () => {
    const body = Buffer.from(template);
    body.write(randomBytes(32).toString('base64url'), idAt, 'latin1');
    return body;
  };
  const sampleSize = template.length;

  const send = async (address: string) => {
    const answer = await fetch(address, {
      method: 'POST',
      headers: { 'content-type': formType, cookie },
      body: formBody(),
    });
    return { status: answer.status, text: await answer.text() };
  };
  const report = async () => {
    const answer = await send(`${base}/report`);
    if (answer.status !== 200 || !answer.text.includes('id="receipt-code"')) {
      throw new Error(`report refused: ${answer.status}`);
    }
  };
  const bareInsert = async () => {
    const answer = await send(`${base}/bench/bare-insert`);
    if (answer.status !== 200 || answer.text !== 'stored') {
      throw new Error(`bare insert failed: ${answer.status}`);
    }
  };

  /**
   * `count` requests from `clients` concurrent clients: requests per second, the process's CPU
   * time per request (main thread, the thread pool's argon2 and the in-process clients together),
   * and the main thread's busy time per request (server and clients; blocking fsyncs included).
   */
  const measure = async (send: () => Promise<void>, count: number) => {
    let next = 0;
    const cpu = process.cpuUsage();
    const loop = performance.eventLoopUtilization();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          next += 1;
          await send();
        }
      }),
    );
    const perSecond = (count / (performance.now() - started)) * 1000;
    const used = process.cpuUsage(cpu);
    return {
      perSecond,
      cpuMs: (used.user + used.system) / 1000 / count,
      mainMs: performance.eventLoopUtilization(loop).active / count,
    };
  };

  console.log(
    `warming up (${clients} clients, ${reportsPerRound} requests a round, form body ${sampleSize} bytes)…`,
  );
  await measure(report, Math.min(50, reportsPerRound));
  await measure(bareInsert, Math.min(50, reportsPerRound));

  let bestIntake = 0;
  let bestBare = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const bare = await measure(bareInsert, reportsPerRound);
    const intake = await measure(report, reportsPerRound);
    bestBare = Math.max(bestBare, bare.perSecond);
    bestIntake = Math.max(bestIntake, intake.perSecond);
    console.log(
      `round ${round}: bare durable insert ${bare.perSecond.toFixed(0)}/s (${bare.cpuMs.toFixed(2)} ms CPU, ${bare.mainMs.toFixed(2)} ms main thread each), report intake ${intake.perSecond.toFixed(0)}/s (${intake.cpuMs.toFixed(2)} ms CPU, ${intake.mainMs.toFixed(2)} ms main thread each), ratio ${(intake.perSecond / bare.perSecond).toFixed(3)}`,
    );
  }
  await app.close();
  await intakeWriter.close();
  console.log(`bare_insert_per_s: ${bestBare.toFixed(0)}`);
  console.log(`reports_per_s: ${bestIntake.toFixed(0)}`);
  console.log(`ratio: ${(bestIntake / bestBare).toFixed(3)}`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
