import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyRing, keyRingToEnv } from '../../src/crypto/keys.js';
import { receiptCodeFor, submissionIdHash } from '../../src/crypto/receipt-codes.js';
import { multipart, hiddenValue } from '../../src/http/public/reporting-http.fixtures.js';
import { openDatabase } from '../../src/store/database.js';

/**
 * Issue 3, "Durability": a real `ombuds serve` process takes 200 reports from four concurrent
 * clients while it is killed with SIGKILL at random moments and started again. A client that got
 * no answer sends the same form again (same submission id), as a browser retry would. At the end,
 * every report acknowledged with a receipt page is in the database exactly once, and none twice.
 *
 * SQLite is enough to show the property of the intake path (the receipt page is sent only after
 * the commit, and the commit is durable with synchronous=FULL); the database sits on the real
 * filesystem under test-artifacts/, never on tmpfs, which ignores fsync. Loopback only, bounded.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const submissions = 200;
const clients = 4;
const deadlineMs = 100_000;
const plannedKills = 8;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Acknowledged {
  readonly submissionId: string;
  readonly receiptCode: string;
}

describe('intake under kill -9', () => {
  const dataDir = path.join(repoRoot, 'test-artifacts', `durability-${process.pid}-${Date.now()}`);
  let child: ChildProcess | null = null;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged report exactly once across random SIGKILLs', async () => {
    await mkdir(dataDir, { recursive: true });
    const keys = generateKeyRing();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const stderr: string[] = [];

    const start = async () => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ombuds.ts', 'serve'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          ...keyRingToEnv(keys),
          OMBUDS_DATA_DIR: dataDir,
          OMBUDS_DATABASE_URL: '',
          OMBUDS_LISTEN: `127.0.0.1:${port}`,
          OMBUDS_LOG_LEVEL: 'warn',
          // The test sends 200 reports from one address; the limit is not what is tested here.
          OMBUDS_REPORTS_PER_HOUR: '1000000',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      child = proc;
      while (Date.now() - started < deadlineMs) {
        if (proc.exitCode !== null) throw new Error(`ombuds exited: ${stderr.join('')}`);
        try {
          const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
          if (health.status === 200) return proc;
        } catch {
          // Not listening yet.
        }
        await sleep(50);
      }
      throw new Error('ombuds did not start in time');
    };

    const killNow = async (proc: ChildProcess) => {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    };

    let proc = await start();
    const acknowledged: Acknowledged[] = [];
    const unexpected: string[] = [];
    let next = 0;
    let retries = 0;
    let kills = 0;
    /** How long each restart took until /healthz answered, in ms (printed, for slow runs). */
    const restarts: number[] = [];
    /** Requests in flight when a kill came (connection reset, socket closed, timeout). */
    let cut = 0;

    /** One browser-like client: a form page once, then one report after another. */
    const client = async () => {
      let form = { csrf: '', cookie: '' };
      while (form.csrf === '' && Date.now() - started < deadlineMs) {
        try {
          const page = await fetch(`${base}/report`, { signal: AbortSignal.timeout(5000) });
          const html = await page.text();
          form = {
            csrf: hiddenValue(html, '_csrf'),
            cookie: page.headers
              .getSetCookie()
              .map((line) => line.split(';')[0])
              .join('; '),
          };
        } catch {
          await sleep(50);
        }
      }
      while (next < submissions && Date.now() - started < deadlineMs) {
        const number = next;
        next += 1;
        const submissionId = randomBytes(32).toString('base64url');
        const body = await multipart([
          ['_csrf', form.csrf],
          ['submissionId', submissionId],
          ['behaviour', `Durability report number ${number}`],
          ['relation', 'witness'],
          ['anonymous', 'yes'],
        ]);
        // The same form again until it is answered: what a person pressing "send" again does.
        for (;;) {
          if (Date.now() - started > deadlineMs) throw new Error('deadline passed');
          try {
            const answer = await fetch(`${base}/report`, {
              method: 'POST',
              headers: { ...body.headers, cookie: form.cookie },
              body: new Uint8Array(body.payload),
              signal: AbortSignal.timeout(5000),
            });
            const html = await answer.text();
            const code = /<code id="receipt-code">([^<]+)<\/code>/.exec(html)?.[1];
            if (answer.status === 200 && code !== undefined) {
              acknowledged.push({ submissionId, receiptCode: code });
              break;
            }
            unexpected.push(`status ${answer.status} for report ${number}`);
          } catch (error) {
            // Refused while the server is down, or cut by the kill: no answer, no acknowledgement.
            const cause = (error as { cause?: { code?: string } }).cause?.code;
            if (cause !== 'ECONNREFUSED') cut += 1;
          }
          retries += 1;
          await sleep(20);
        }
      }
    };

    /**
     * Kills the server at random moments while clients are sending, then starts it again. The
     * moments are drawn along the run's progress (after a random number of acknowledgements, then
     * a random few milliseconds more, while four clients have requests in flight) rather than on a
     * clock: on a fast machine a clock kills too seldom, on a loaded one too often to let the
     * reports through. Bounded: `plannedKills` restarts, whatever the machine's speed.
     */
    const chaos = async () => {
      const killAfter = Array.from({ length: plannedKills }, () =>
        Math.floor(5 + Math.random() * (submissions - 10)),
      ).sort((a, b) => a - b);
      for (const threshold of killAfter) {
        while (acknowledged.length < threshold && Date.now() - started < deadlineMs) {
          await sleep(5);
        }
        if (Date.now() - started >= deadlineMs) return;
        await sleep(Math.random() * 30);
        await killNow(proc);
        kills += 1;
        const restarting = Date.now();
        proc = await start();
        restarts.push(Date.now() - restarting);
      }
    };

    await Promise.all([chaos(), ...Array.from({ length: clients }, client)]);
    await killNow(proc);
    console.log(
      `durability: ${acknowledged.length} acknowledged, ${kills} SIGKILLs, ${cut} requests cut mid-flight, ${retries} re-sent forms, ${Math.round((Date.now() - started) / 1000)} s (restarts took ${restarts.join(', ')} ms)`,
    );

    expect(unexpected).toEqual([]);
    expect(acknowledged).toHaveLength(submissions);
    expect(kills).toBe(plannedKills);
    expect(cut).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);

    // The database as the next start would find it, opened by the same code as the server.
    const database = await openDatabase(
      { kind: 'sqlite', file: path.join(dataDir, 'ombuds.sqlite') },
      { create: false },
    );
    try {
      const { db } = database;
      const pragma = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      expect(pragma.rows[0]?.synchronous).toBe(2); // FULL
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      const rows = await sql<{
        submission_id: string;
      }>`select submission_id from reports`.execute(db);
      const stored = new Map<string, number>();
      for (const row of rows.rows) {
        stored.set(row.submission_id, (stored.get(row.submission_id) ?? 0) + 1);
      }
      // None twice, none lost, and each acknowledgement showed the code of its own report.
      expect(rows.rows).toHaveLength(submissions);
      for (const { submissionId, receiptCode } of acknowledged) {
        expect(stored.get(submissionIdHash(keys, submissionId))).toBe(1);
        expect(receiptCode).toBe(receiptCodeFor(keys, submissionId));
      }
      const cases = await sql<{ n: number }>`select count(*) as n from cases`.execute(db);
      expect(Number(cases.rows[0]?.n)).toBe(submissions);
    } finally {
      await database.close();
    }
  }, 120_000);
});
