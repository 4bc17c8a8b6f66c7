import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyRing } from '../crypto/keys.js';
import { OmbudsError, type ErrorCode } from '../domain/errors.js';
import type { ReportToStore, SubmittedReport } from './store-report.js';

/** Stores reports on a thread of its own; see startIntakeWriter. */
export interface IntakeWriter {
  /** storeReport, run on the writer's thread; throws what it throws (OmbudsError by code). */
  store(toStore: ReportToStore): Promise<SubmittedReport>;
  /** Lets the reports under way finish, then closes the thread and its connection. */
  close(): Promise<void>;
}

/** What the writer's thread is started with. */
export interface IntakeWriterSetup {
  readonly file: string;
  readonly keys: { readonly [K in keyof KeyRing]: { id: string; key: Uint8Array } };
  /**
   * How long a report may wait for the thread's answer before the reporter is told to send it
   * again (default 30 s). The thread may still store it later: sent again, the form's submission
   * id finds it, so waiting longer gains nothing and a stuck thread never holds a request forever.
   */
  readonly answerWithinMs?: number;
}

const defaultAnswerWithinMs = 30_000;

export type IntakeRequest =
  { kind: 'store'; id: number; toStore: ReportToStore } | { kind: 'close' };

export type IntakeAnswer =
  | { ready: true }
  | { id: number; ok: true; report: SubmittedReport }
  | { id: number; ok: false; error: CarriedError };

/** An error as it crosses between threads: an OmbudsError keeps its code, message and rule. */
export interface CarriedError {
  readonly code: ErrorCode | null;
  readonly publicMessage: string;
  readonly logMessage: string;
  readonly rule?: string;
}

export function carryError(error: unknown): CarriedError {
  if (error instanceof OmbudsError) {
    return {
      code: error.code,
      publicMessage: error.publicMessage,
      logMessage: error.message,
      ...(error.rule === undefined ? {} : { rule: error.rule }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: null, publicMessage: '', logMessage: message };
}

function reviveError(carried: CarriedError): Error {
  if (carried.code === null) return new Error(`intake writer: ${carried.logMessage}`);
  return new OmbudsError(carried.code, carried.publicMessage, {
    logMessage: carried.logMessage,
    ...(carried.rule === undefined ? {} : { rule: carried.rule }),
  });
}

/** A report the thread did not store (or did not say it stored): the reporter sends it again. */
function notStored(logMessage: string): OmbudsError {
  return new OmbudsError('unavailable', 'The report could not be stored. Please send it again.', {
    logMessage,
  });
}

interface Pending {
  readonly resolve: (report: SubmittedReport) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts the SQLite intake writer: a thread with its own connection to the database file that
 * runs storeReport for every report. node:sqlite runs each statement, and waits for each
 * commit's fsync, on the thread that calls it; on the server's one event loop a burst of reports
 * left no time for anything else. On this thread the storing (sealing, statements, group
 * commits) runs on the second core while the event loop parses, checks and answers requests.
 * Only checked, hashed reports cross over, as plain data; an answer comes back only after the
 * commit that holds the report. A thread that dies fails the reports it held (their forms can be
 * sent again: the submission id finds any that was stored) and the next report starts a new one.
 * Resolves once the thread has opened the database, so a server that answers is ready to store.
 */
export async function startIntakeWriter(setup: IntakeWriterSetup): Promise<IntakeWriter> {
  const answerWithinMs = setup.answerWithinMs ?? defaultAnswerWithinMs;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | null = null;
  let closing = false;

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const spawn = (): Worker => {
    const here = fileURLToPath(import.meta.url);
    const extension = path.extname(here);
    const started = new Worker(new URL(`./intake-writer.worker${extension}`, import.meta.url), {
      workerData: setup,
      // Run from TypeScript sources (development, tests): the thread needs the same loader.
      execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
    });
    started.on('message', (answer: IntakeAnswer) => {
      if ('ready' in answer) return;
      const waiting = pending.get(answer.id);
      if (waiting === undefined) return;
      pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.report);
      else waiting.reject(reviveError(answer.error));
    });
    const lost = (reason: string) => {
      if (worker === started) worker = null;
      failAll(notStored(`the intake writer thread stopped: ${reason}`));
    };
    started.on('error', (error: Error) => lost(error.message));
    started.on('exit', (code) => lost(`exit code ${code}`));
    return started;
  };

  const first = spawn();
  worker = first;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (answer: IntakeAnswer) => {
      if (!('ready' in answer)) return;
      first.off('error', onError);
      first.off('message', onMessage);
      resolve();
    };
    const onError = (error: Error) => {
      first.off('message', onMessage);
      reject(
        new OmbudsError('configuration', 'The report store could not start.', {
          logMessage: `the intake writer thread could not open the database: ${error.message}`,
          cause: error,
        }),
      );
    };
    first.on('message', onMessage);
    first.once('error', onError);
  });

  return {
    store(toStore) {
      if (closing) {
        return Promise.reject(
          new OmbudsError('unavailable', 'The service is shutting down. Please try again.', {
            logMessage: 'a report arrived while the intake writer was closing',
          }),
        );
      }
      worker ??= spawn();
      const id = nextId;
      nextId += 1;
      // Posted before anything waits on it: a report that cannot cross (it never should) throws
      // here and leaves nothing pending.
      worker.postMessage({ kind: 'store', id, toStore } satisfies IntakeRequest);
      return new Promise<SubmittedReport>((resolve, reject) => {
        const late = setTimeout(() => {
          pending.delete(id);
          reject(notStored(`the intake writer did not answer within ${answerWithinMs} ms`));
        }, answerWithinMs);
        // A shutting-down server does not wait on this timer.
        late.unref();
        pending.set(id, {
          resolve: (report) => {
            clearTimeout(late);
            resolve(report);
          },
          reject: (error) => {
            clearTimeout(late);
            reject(error);
          },
        });
      });
    },
    async close() {
      closing = true;
      const running = worker;
      if (running === null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      // Requests are answered in turn, so the thread sees this after every report under way.
      running.postMessage({ kind: 'close' } satisfies IntakeRequest);
      await exited;
    },
  };
}
