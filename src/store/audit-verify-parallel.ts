import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '../config.js';
import type { Database } from './database.js';
import {
  concludeChain,
  verifyAuditChain,
  type AuditVerification,
  type RangeVerification,
} from './audit-verify.js';

/** Below this many entries, starting threads costs more than it saves. */
const defaultMinEntriesForThreads = 20_000;

export interface RangeTask {
  readonly target: DatabaseTarget;
  readonly from: number;
  readonly to: number | null;
}

/**
 * Verifies the chain with one thread per core, each checking a contiguous range on its own
 * read-only connection; links between ranges and the head are checked here. Small logs are
 * verified in this thread.
 */
export async function verifyAuditChainInParallel(
  database: Database,
  target: DatabaseTarget,
  options: {
    threads?: number;
    minEntriesForThreads?: number;
    onProgress?: (checked: number) => void;
  } = {},
): Promise<AuditVerification> {
  const head = await database.db
    .selectFrom('audit_head')
    .select('last_seq')
    .where('id', '=', 1)
    .executeTakeFirst();
  const total = Number(head?.last_seq ?? 0);
  const threads = Math.max(1, options.threads ?? availableParallelism());
  if (threads === 1 || total < (options.minEntriesForThreads ?? defaultMinEntriesForThreads))
    return verifyAuditChain(database.db, options.onProgress);

  const size = Math.ceil(total / threads);
  const tasks: RangeTask[] = Array.from({ length: threads }, (_, i) => ({
    target,
    from: i * size + 1,
    // The last range runs to the end, so entries added beyond the head are seen too.
    to: i === threads - 1 ? null : (i + 1) * size,
  }));
  let done = 0;
  const ranges = await Promise.all(
    tasks.map((task) =>
      runRangeInWorker(task).then((range) => {
        done += range.checked;
        options.onProgress?.(done);
        return range;
      }),
    ),
  );
  return concludeChain(database.db, ranges);
}

function runRangeInWorker(task: RangeTask): Promise<RangeVerification> {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const worker = new Worker(new URL(`./audit-verify.worker${extension}`, import.meta.url), {
    workerData: task,
    // Run from TypeScript sources (development, benchmarks): the worker needs the same loader.
    execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (range: RangeVerification) => resolve(range));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`audit verification thread stopped with code ${code}`));
    });
  });
}
