import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestTarget, storageKinds } from '../../test/helpers/storage.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { openDatabase } from '../store/database.js';
import { runCli } from './program.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function ombuds(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
  });
  return { code, out, err };
}

function digestOfFolder(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(folder, entry.name);
      hash.update(full);
      if (entry.isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('the ombuds command', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-cli-'));
    env = { OMBUDS_DATA_DIR: dir, OMBUDS_LOG_LEVEL: 'silent' };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists its commands with --help and explains each one', async () => {
    const top = await ombuds(['--help'], env);
    expect(top.code).toBe(0);
    expect(top.out.join('\n')).toMatch(/serve[\s\S]*migrate[\s\S]*audit/);
    for (const command of [['serve'], ['migrate'], ['audit', 'verify']]) {
      const help = await ombuds([...command, '--help'], env);
      expect(help.code).toBe(0);
      expect(help.out.join('\n')).toContain('OMBUDS_DATABASE_URL');
    }
  });

  it('answers an unknown command with exit code 2', async () => {
    expect((await ombuds(['frobnicate'], env)).code).toBe(2);
  });

  it('refuses a malformed setting in one line that names it, creating nothing', async () => {
    const run = await ombuds(['migrate'], { ...env, OMBUDS_LISTEN: 'localhost' });
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^ombuds: OMBUDS_LISTEN: expected host:port/)]);
    const url = await ombuds(['migrate'], { ...env, OMBUDS_DATABASE_URL: 'mysql://db/x' });
    expect(url.code).toBe(1);
    expect(url.err).toEqual([
      expect.stringMatching(/^ombuds: OMBUDS_DATABASE_URL: expected sqlite:/),
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrates a new installation, creating the key file, and then has nothing to do', async () => {
    const first = await ombuds(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.out.join('\n')).toMatch(/created a new key file/);
    expect(first.out.join('\n')).toMatch(/applied 2026-11-25T0000-initial-schema/);
    expect(existsSync(path.join(dir, 'keys', 'ombuds.keys'))).toBe(true);
    const second = await ombuds(['migrate'], env);
    expect(second.out.join('\n')).toMatch(/is up to date/);
  });

  it('refuses a wrong key in one line and changes nothing on disk', async () => {
    expect((await ombuds(['migrate'], env)).code).toBe(0);
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-cli-other-'));
    try {
      expect((await ombuds(['migrate'], { ...env, OMBUDS_DATA_DIR: otherDir })).code).toBe(0);
      writeFileSync(
        path.join(dir, 'keys', 'ombuds.keys'),
        readFileSync(path.join(otherDir, 'keys', 'ombuds.keys')),
        {
          mode: 0o600,
        },
      );
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
    const before = digestOfFolder(dir);
    const run = await ombuds(['migrate'], env);
    expect(run.code).toBe(1);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^ombuds: .*does not match/);
    expect(digestOfFolder(dir)).toBe(before);
  });

  it('refuses to start without its key once data is sealed, and never makes a new one', async () => {
    expect((await ombuds(['migrate'], env)).code).toBe(0);
    rmSync(path.join(dir, 'keys', 'ombuds.keys'));
    const before = digestOfFolder(dir);
    const run = await ombuds(['migrate'], env);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^ombuds: .*key file/)]);
    expect(existsSync(path.join(dir, 'keys', 'ombuds.keys'))).toBe(false);
    expect(digestOfFolder(dir)).toBe(before);
  });

  it('refuses a damaged database file in one line, leaving it untouched', async () => {
    writeFileSync(path.join(dir, 'ombuds.sqlite'), Buffer.alloc(8192, 7));
    const before = digestOfFolder(dir);
    const run = await ombuds(['migrate'], env);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^ombuds: the database file .* is damaged/)]);
    expect(digestOfFolder(dir)).toBe(before);
  });

  it('says in one line that PostgreSQL cannot be reached', async () => {
    const run = await ombuds(['migrate'], {
      ...env,
      OMBUDS_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/ombuds',
    });
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(/^ombuds: cannot reach PostgreSQL at 127\.0\.0\.1:1\/ombuds/),
    ]);
  });
});

for (const kind of storageKinds) {
  describe(`ombuds audit verify [${kind}]`, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-cli-audit-'));
      const created = await createTestTarget(kind, dir);
      drop = created.drop;
      const url =
        created.target.kind === 'sqlite' ? `sqlite:${created.target.file}` : created.target.url;
      env = { OMBUDS_DATA_DIR: dir, OMBUDS_DATABASE_URL: url, OMBUDS_LOG_LEVEL: 'silent' };
      expect((await ombuds(['migrate'], env)).code).toBe(0);
      const database = await openDatabase(created.target, { create: false });
      try {
        await inTransaction(database.db, async (trx) => {
          for (let i = 1; i <= 12; i += 1) {
            await appendAuditEntry(trx, {
              at: new Date().toISOString(),
              actor: 'cli-test',
              action: 'test.entry',
              details: { i },
            });
          }
        });
      } finally {
        await database.close();
      }
    });
    afterEach(async () => {
      await drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('reports an intact log and how many entries it checked', async () => {
      const run = await ombuds(['audit', 'verify'], env);
      expect(run).toMatchObject({ code: 0, out: ['audit log intact: 12 entries checked'] });
    });

    it('exits 1 and names the sequence number of an entry edited in the database', async () => {
      const url = env.OMBUDS_DATABASE_URL ?? '';
      const database = await openDatabase(
        url.startsWith('sqlite:')
          ? { kind: 'sqlite', file: url.slice(7) }
          : { kind: 'postgres', url },
        { create: false },
      );
      try {
        await sql`update audit_log set entry = replace(entry, 'cli-test', 'someone') where seq = 8`.execute(
          database.db,
        );
      } finally {
        await database.close();
      }
      const run = await ombuds(['audit', 'verify'], env);
      expect(run.code).toBe(1);
      expect(run.out[0]).toBe(
        'audit log BROKEN at entry 8: entry 8 was changed after it was written',
      );
    });
  });
}
