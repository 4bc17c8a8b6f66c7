import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { DatabaseTarget } from '../../src/config.js';

const run = promisify(execFile);

/**
 * The raw bytes of a database as a thief would copy them: the SQLite file and its WAL, or a
 * pg_dump. Read as latin1, so any byte sequence can be searched for.
 */
export async function rawDatabase(target: DatabaseTarget): Promise<string> {
  if (target.kind === 'sqlite') {
    const parts = await Promise.all(
      [target.file, `${target.file}-wal`].map((file) =>
        readFile(file).catch(() => Buffer.alloc(0)),
      ),
    );
    return Buffer.concat(parts).toString('latin1');
  }
  const { stdout } = await run('pg_dump', ['--dbname', target.url], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** Every form a marker could take in raw bytes: text, and hex as pg_dump writes bytea. */
export function markerForms(marker: string): string[] {
  return [marker, Buffer.from(marker, 'utf8').toString('hex')];
}
