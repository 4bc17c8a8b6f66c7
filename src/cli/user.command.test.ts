import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('ombuds user', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-cli-user-'));
    env = {
      OMBUDS_DATA_DIR: dir,
      OMBUDS_LOG_LEVEL: 'silent',
      OMBUDS_PUBLIC_URL: 'https://conduct.example.org',
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('explains add, list and disable with --help', async () => {
    const top = await ombuds(['user', '--help'], env);
    expect(top.code).toBe(0);
    expect(top.out.join('\n')).toMatch(/add[\s\S]*list[\s\S]*disable/);
    const add = await ombuds(['user', 'add', '--help'], env);
    expect(add.code).toBe(0);
    expect(add.out.join('\n')).toMatch(/--username[\s\S]*--name[\s\S]*--role[\s\S]*administrator/);
    expect(add.out.join('\n')).toContain('OMBUDS_PUBLIC_URL');
  });

  it('creates the first administrator and prints a one-time enrolment link under the public address', async () => {
    const run = await ombuds(
      [
        'user',
        'add',
        '--username',
        'ada',
        '--name',
        'Ada Lovelace',
        '--role',
        'administrator',
        '--role',
        'conduct_staff',
      ],
      env,
    );
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out[0]).toBe('created ada (administrator, conduct_staff)');
    expect(run.out.at(-1)).toMatch(
      /^https:\/\/conduct\.example\.org\/console\/enrol\/[A-Za-z0-9_-]{43}$/,
    );

    const list = await ombuds(['user', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.out).toEqual(['ada\tinvited\tadministrator,conduct_staff\tAda Lovelace']);
  });

  it('refuses a taken user name, an unknown role and a missing role in one line each', async () => {
    await ombuds(
      ['user', 'add', '--username', 'ada', '--name', 'Ada', '--role', 'administrator'],
      env,
    );
    const taken = await ombuds(
      ['user', 'add', '--username', 'ADA', '--name', 'Other', '--role', 'conduct_staff'],
      env,
    );
    expect(taken).toMatchObject({ code: 1, err: ['ombuds: That user name is taken.'] });
    const wizard = await ombuds(
      ['user', 'add', '--username', 'bob', '--name', 'Bob', '--role', 'wizard'],
      env,
    );
    expect(wizard.code).toBe(1);
    expect(wizard.err).toEqual([
      expect.stringMatching(/^ombuds: .*roles: expected a role: one of conduct_staff/),
    ]);
    const none = await ombuds(['user', 'add', '--username', 'bob', '--name', 'Bob'], env);
    expect(none.code).toBe(1);
    expect(none.err).toEqual([expect.stringMatching(/roles: expected at least one role/)]);
    const missing = await ombuds(['user', 'add', '--name', 'Bob', '--role', 'conduct_staff'], env);
    expect(missing.code).toBe(2);
  });

  it('disables a user by user name, and says so for an unknown one', async () => {
    await ombuds(
      ['user', 'add', '--username', 'lin', '--name', 'Lin', '--role', 'conduct_staff'],
      env,
    );
    const disabled = await ombuds(['user', 'disable', 'lin'], env);
    expect(disabled).toMatchObject({
      code: 0,
      out: ['disabled lin; every session of the account has ended'],
    });
    expect((await ombuds(['user', 'list'], env)).out).toEqual([
      'lin\tdisabled\tconduct_staff\tLin',
    ]);
    const unknown = await ombuds(['user', 'disable', 'nobody'], env);
    expect(unknown).toMatchObject({ code: 1, err: ['ombuds: no staff user named "nobody"'] });
  });
});
