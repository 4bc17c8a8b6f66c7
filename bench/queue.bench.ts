/**
 * The staff queue under load (issue 4): p95 server time of GET /console, target < 50 ms, with
 * 100,000 cases and 1,000,000 audit entries. Prints progress, then `p95_ms: <number>` last.
 *
 * Each request goes through the whole server in process (app.inject: session lookup, query
 * validation, the queue service's two queries and the extras, rendering), signed in as conduct
 * staff, over a mix of filters and pages. The time is measured around inject, so it is server
 * time without a network.
 *
 *   npm run bench:queue                                   (SQLite, 100,000 cases)
 *   BENCH_CASES=20000 BENCH_AUDIT=200000 npm run bench:queue
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ombuds_bench npm run bench:queue
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateKeyRing } from '../src/crypto/keys.js';
import { buildServer } from '../src/http/server.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { inTransaction } from '../src/store/audit-log.js';
import { encodeAuditEntry, hashAuditEntry } from '../src/store/audit-hash.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createStaffUser, signIn } from '../test/helpers/staff-session.js';

const caseCount = Number(process.env.BENCH_CASES ?? 100_000);
const auditCount = Number(process.env.BENCH_AUDIT ?? 1_000_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 400);
const databaseUrl = process.env.BENCH_DATABASE_URL;

const openSteps = [
  'assess_danger',
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'record_determinations',
  'notify_accused',
  'await_response',
  'record_review',
  'impose_sanctions',
  'inform_accused',
  'inform_complainant',
  'close_case',
];
const venues = ['irc', 'mailing_list', 'issue_tracker', 'event', 'forum_or_chat', 'outside'];
const labels = Array.from({ length: 30 }, (_, i) => `label-${i}`);

/** A small deterministic generator, so every run seeds the same data. */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-bench-queue-'));
const database = await openDatabase(
  databaseUrl === undefined
    ? { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') }
    : { kind: 'postgres', url: databaseUrl },
  { create: true },
);
const benchNow = Date.parse('2026-11-25T12:00:00.000Z');
const services: ServiceDeps = { database, keys: generateKeyRing(), now: () => new Date() };
try {
  await migrateToLatest(database);
  console.log(`database: ${database.dialect}`);
  const staff = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      createStaffUser(services, { username: `bench-staff-${i}`, roles: ['conduct_staff'] }),
    ),
  );
  const staffIds = staff.map((user) => user.id);

  console.log(`writing ${caseCount} cases with labels and handlers…`);
  const chunk = 500;
  const caseIds: string[] = [];
  for (let first = 0; first < caseCount; first += 20_000) {
    await inTransaction(database.db, async (trx) => {
      for (let start = first; start < Math.min(caseCount, first + 20_000); start += chunk) {
        const cases = [];
        const caseLabels = [];
        const assignments = [];
        for (let i = start; i < Math.min(caseCount, start + chunk); i += 1) {
          const id = randomUUID();
          caseIds.push(id);
          // Five years of cases, oldest first; most are long closed.
          const created = new Date(benchNow - (caseCount - i) * 1_500_000).toISOString();
          const roll = random();
          const step =
            roll < 0.92
              ? 'closed'
              : roll < 0.94
                ? 'merged'
                : roll < 0.95
                  ? 'spam'
                  : pick(openSteps);
          const danger = step === 'assess_danger' && random() < 0.05 ? 1 : 0;
          const due =
            step === 'await_response'
              ? new Date(benchNow + (random() - 0.5) * 20 * 86_400_000).toISOString()
              : null;
          cases.push({
            id,
            created_at: created,
            updated_at: created,
            step,
            danger_flag: danger,
            reported_danger: step === 'assess_danger' && random() < 0.05 ? 1 : 0,
            route: random() < 0.01 ? 'foundation_staff' : 'standard',
            merged_into: null,
            version: 1,
            kek_id: services.keys.keyEncryptionKey.id,
            // The queue never opens a case; the key column only has to be filled.
            wrapped_data_key: randomBytes(60),
            due_at: due,
            venue_kind: random() < 0.7 ? pick(venues) : null,
          });
          if (random() < 0.25) {
            for (const label of new Set([pick(labels), pick(labels)])) {
              caseLabels.push({ case_id: id, label, added_at: created, added_by: 'bench' });
            }
          }
          if (random() < 0.8) {
            assignments.push({
              case_id: id,
              staff_id: pick(staffIds),
              assigned_at: created,
              assigned_by: 'bench',
            });
          }
        }
        await trx.insertInto('cases').values(cases).execute();
        if (caseLabels.length > 0) await trx.insertInto('case_labels').values(caseLabels).execute();
        if (assignments.length > 0) {
          await trx.insertInto('case_assignments').values(assignments).execute();
        }
      }
    });
    console.log(`  ${Math.min(caseCount, first + 20_000)} cases written`);
  }

  console.log(`writing ${auditCount} audit entries…`);
  const head = await database.db
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  let prevHash = head.last_hash;
  const firstSeq = Number(head.last_seq) + 1;
  const lastSeq = firstSeq + auditCount - 1;
  for (let first = firstSeq; first <= lastSeq; first += 50_000) {
    await inTransaction(database.db, async (trx) => {
      for (let start = first; start <= Math.min(lastSeq, first + 49_999); start += chunk) {
        const rows = [];
        for (
          let seq = start;
          seq <= Math.min(lastSeq, start + chunk - 1, first + 49_999);
          seq += 1
        ) {
          const entry = encodeAuditEntry({
            seq,
            at: new Date(benchNow - (lastSeq - seq) * 150_000).toISOString(),
            actor: pick(staffIds),
            action: seq % 3 === 0 ? 'case.viewed' : 'case.danger_assessed',
            caseId: caseIds[seq % caseIds.length] ?? null,
            subjectIds: [],
            details: { seq },
            prevHash,
          });
          prevHash = hashAuditEntry(entry);
          rows.push({ seq, entry, hash: prevHash });
        }
        await trx.insertInto('audit_log').values(rows).execute();
      }
    });
    console.log(`  ${Math.min(lastSeq, first + 49_999) - firstSeq + 1} audit entries written`);
  }
  await database.db
    .updateTable('audit_head')
    .set({ last_seq: lastSeq, last_hash: prevHash })
    .where('id', '=', 1)
    .execute();
  if (database.dialect === 'postgres') {
    await import('kysely').then(({ sql }) => sql`analyze`.execute(database.db));
  } else {
    await import('kysely').then(({ sql }) => sql`pragma optimize`.execute(database.db));
  }

  const app = await buildServer({
    config: {
      publicUrl: 'http://127.0.0.1:8080',
      foundationName: 'the Bench Foundation',
      emergencyContact: null,
      logLevel: 'silent',
    },
    checkDatabase: () => Promise.resolve(),
    services,
  });
  const viewer = staff[0];
  if (viewer === undefined) throw new Error('no staff');
  const session = await signIn(app, viewer);

  const mix = [
    '',
    '?page=2',
    '?page=5',
    '?step=await_response',
    '?step=assess_danger',
    '?step=closed',
    '?step=closed&page=40',
    `?assignee=${viewer.id}`,
    '?assignee=none',
    '?venue=irc',
    '?venue=event&step=record_review',
    '?label=label-3',
    '?label=label-7&venue=mailing_list',
    `?label=label-1&assignee=${viewer.id}`,
    '?step=merged',
    '?step=spam&venue=irc',
  ];
  const timings: number[] = [];
  const byFilter = new Map<string, number[]>();
  for (let i = 0; i < requests + 20; i += 1) {
    const url = `/console${mix[i % mix.length] ?? ''}`;
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    // The first rounds warm caches and the JIT; they are not counted.
    if (i >= 20) {
      timings.push(elapsed);
      byFilter.set(url, [...(byFilter.get(url) ?? []), elapsed]);
    }
  }
  await app.close();
  const medians = [...byFilter].map(([url, list]) => {
    const sorted = [...list].sort((x, y) => x - y);
    return [url, sorted[Math.floor(sorted.length / 2)] ?? 0] as const;
  });
  for (const [url, median] of medians.sort((x, y) => y[1] - x[1])) {
    console.log(`  median ${median.toFixed(2)} ms  GET ${url.replace(viewer.id, '<me>')}`);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) =>
    timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)] ?? 0;
  console.log(`cases: ${caseCount}, audit entries: ${auditCount}, requests: ${timings.length}`);
  console.log(
    `p50_ms: ${at(0.5).toFixed(2)}, p99_ms: ${at(0.99).toFixed(2)}, max_ms: ${at(1).toFixed(2)}`,
  );
  console.log(`p95_ms: ${at(0.95).toFixed(2)}`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
