/**
 * Audit verification throughput as a ratio to raw SHA-256 over the same bytes, in the same run.
 * Target (issue 2): ratio >= 0.5. Prints progress, then `ratio: <number>` as its last line.
 *
 * Verification runs `ombuds audit verify`'s own path (every core, each checking a range on its
 * own connection); the single-thread figure is printed beside it. The baseline is one SHA-256
 * per stored entry, on one thread, over entries already in memory.
 *
 *   npm run bench:audit-verify                         (1,000,000 entries on SQLite)
 *   BENCH_ENTRIES=200000 npm run bench:audit-verify
 */
import { hash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeAuditEntry, genesisHash, hashAuditEntry } from '../src/store/audit-hash.js';
import { verifyAuditChain } from '../src/store/audit-verify.js';
import { verifyAuditChainInParallel } from '../src/store/audit-verify-parallel.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

const entries = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const rounds = 3;

const dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-bench-audit-'));
const target = { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') } as const;
const database = await openDatabase(target, { create: true });
try {
  await migrateToLatest(database);
  console.log(`writing ${entries} audit entries…`);
  // Built with the chain's own encoder and hash, in large transactions, to keep set-up short.
  let prevHash = genesisHash;
  const perStatement = 500;
  for (let first = 1; first <= entries; first += 50_000) {
    await database.db.transaction().execute(async (trx) => {
      for (
        let start = first;
        start < Math.min(entries + 1, first + 50_000);
        start += perStatement
      ) {
        const rows = [];
        for (let seq = start; seq < Math.min(entries + 1, start + perStatement); seq += 1) {
          const entry = encodeAuditEntry({
            seq,
            at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
            actor: `staff-${seq % 17}`,
            action: seq % 3 === 0 ? 'case.viewed' : 'case.step-recorded',
            caseId: `case-${(seq % 100_000).toString().padStart(6, '0')}`,
            subjectIds: [`report-${seq}`],
            details: { step: 'initial_report', index: seq },
            prevHash,
          });
          prevHash = hashAuditEntry(entry);
          rows.push({ seq, entry, hash: prevHash });
        }
        await trx.insertInto('audit_log').values(rows).execute();
      }
    });
    console.log(`  ${Math.min(entries, first + 49_999)} written`);
  }
  await database.db
    .updateTable('audit_head')
    .set({ last_seq: entries, last_hash: prevHash })
    .where('id', '=', 1)
    .execute();

  const inputs = (
    await database.db.selectFrom('audit_log').select('entry').orderBy('seq').execute()
  ).map((r) => r.entry);
  const bytes = inputs.reduce((sum, input) => sum + Buffer.byteLength(input), 0);

  const timed = async (work: () => unknown) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const expectWhole = (result: { checked: number; firstBreak: unknown }) => {
    if (result.firstBreak !== null || result.checked !== entries)
      throw new Error(`verification failed: ${JSON.stringify(result)}`);
  };

  let bestRaw = Infinity;
  let bestVerify = Infinity;
  let bestSingle = Infinity;
  const perSecond = (ms: number) => ((entries / ms) * 1000).toFixed(0);
  for (let round = 1; round <= rounds; round += 1) {
    const raw = await timed(() => {
      for (const input of inputs) hash('sha256', input, 'hex');
    });
    const verify = await timed(async () =>
      expectWhole(await verifyAuditChainInParallel(database, target)),
    );
    const single = await timed(async () => expectWhole(await verifyAuditChain(database.db)));
    bestRaw = Math.min(bestRaw, raw);
    bestVerify = Math.min(bestVerify, verify);
    bestSingle = Math.min(bestSingle, single);
    console.log(
      `round ${round}: raw sha-256 ${perSecond(raw)}/s, verify ${perSecond(verify)}/s, verify on one thread ${perSecond(single)}/s`,
    );
  }
  console.log(`entries: ${entries}, bytes hashed: ${bytes}, threads: ${os.availableParallelism()}`);
  console.log(`raw_sha256_entries_per_s: ${perSecond(bestRaw)}`);
  console.log(
    `verify_one_thread_entries_per_s: ${perSecond(bestSingle)} (ratio ${(bestRaw / bestSingle).toFixed(3)})`,
  );
  console.log(`verify_entries_per_s: ${perSecond(bestVerify)}`);
  console.log(`ratio: ${(bestRaw / bestVerify).toFixed(3)}`);
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
