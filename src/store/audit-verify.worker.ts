import { parentPort, workerData } from 'node:worker_threads';
import type { RangeTask } from './audit-verify-parallel.js';
import { verifyAuditRange } from './audit-verify.js';
import { openDatabase } from './database.js';

// One range of the audit chain, checked on this thread's own read-only connection.
const task = workerData as RangeTask;
const database = await openDatabase(task.target, { create: false, readOnly: true });
try {
  parentPort?.postMessage(await verifyAuditRange(database.db, task.from, task.to));
} finally {
  await database.close();
}
