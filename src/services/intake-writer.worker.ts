import { parentPort, workerData } from 'node:worker_threads';
import type { KeyRing } from '../crypto/keys.js';
import { openDatabase } from '../store/database.js';
import {
  carryError,
  type IntakeAnswer,
  type IntakeRequest,
  type IntakeWriterSetup,
} from './intake-writer.js';
import { storeReport, type ReportToStore } from './store-report.js';

// The intake writer's thread (intake-writer.ts): its own connection to the SQLite file, the
// server's keys, and the real clock.
const setup = workerData as IntakeWriterSetup;
const port = parentPort;
if (port === null) throw new Error('intake-writer.worker runs only as a worker thread');

// Buffers cross between threads as plain Uint8Arrays.
const asBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const keys: KeyRing = {
  keyEncryptionKey: {
    id: setup.keys.keyEncryptionKey.id,
    key: asBuffer(setup.keys.keyEncryptionKey.key),
  },
  blindIndexKey: { id: setup.keys.blindIndexKey.id, key: asBuffer(setup.keys.blindIndexKey.key) },
};
const database = await openDatabase({ kind: 'sqlite', file: setup.file }, { create: false });
const deps = { database, keys, now: () => new Date() };
const underWay = new Set<Promise<void>>();

function revive(toStore: ReportToStore): ReportToStore {
  return {
    ...toStore,
    files: toStore.files.map((file) => ({ ...file, bytes: asBuffer(file.bytes) })),
  };
}

async function store(id: number, toStore: ReportToStore): Promise<void> {
  let answer: IntakeAnswer;
  try {
    answer = { id, ok: true, report: await storeReport(deps, revive(toStore)) };
  } catch (error) {
    answer = { id, ok: false, error: carryError(error) };
  }
  port?.postMessage(answer);
}

port.postMessage({ ready: true } satisfies IntakeAnswer);
port.on('message', (request: IntakeRequest) => {
  if (request.kind === 'store') {
    const done = store(request.id, request.toStore).finally(() => underWay.delete(done));
    underWay.add(done);
    return;
  }
  void Promise.allSettled([...underWay])
    .then(() => database.close())
    .finally(() => port.close());
});
