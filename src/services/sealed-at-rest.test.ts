import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import { publicIntake } from '../domain/roles.js';
import { inTransaction } from '../store/audit-log.js';
import { openCase, recordCaseStep } from './record-case-step.js';

const run = promisify(execFile);
const staff = { id: 'staff-ana', roles: ['conduct_staff' as const] };

/** Every form the marker could take in the raw bytes: text, and hex as pg_dump writes bytea. */
function markerForms(marker: string): string[] {
  return [marker, Buffer.from(marker, 'utf8').toString('hex')];
}

/** The raw bytes of the database as a thief would copy them: the files, or a pg_dump. */
async function rawDatabase(target: { kind: string; file?: string; url?: string }): Promise<string> {
  if (target.kind === 'sqlite' && target.file !== undefined) {
    const parts = await Promise.all(
      [target.file, `${target.file}-wal`].map((file) =>
        readFile(file).catch(() => Buffer.alloc(0)),
      ),
    );
    return Buffer.concat(parts).toString('latin1');
  }
  const { stdout } = await run('pg_dump', ['--dbname', target.url ?? ''], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

describeStorage('sealed fields at rest', (use) => {
  it('leaves no trace of a narrative in the database files or a dump', async () => {
    const { database, target } = use();
    let t = Date.parse('2026-11-25T09:00:00.000Z');
    const deps = { database, keys: generateKeyRing(), now: () => new Date((t += 60_000)) };
    const marker = `canary-${randomBytes(12).toString('hex')}`;

    const opened = await inTransaction(database.db, (trx) =>
      openCase(
        deps,
        trx,
        { kind: 'receive', account: `He wrote ${marker} in the channel.`, channel: 'public_form' },
        publicIntake,
      ),
    );
    await recordCaseStep(
      deps,
      opened.caseId,
      { kind: 'assess_danger', immediateDanger: false },
      staff,
    );
    await recordCaseStep(
      deps,
      opened.caseId,
      {
        kind: 'record_initial_report',
        accused: [`accused ${marker}`],
        behaviour: `Behaviour ${marker}`,
        timeAndCircumstances: `At the summit ${marker}`,
        anonymityRequested: true,
        venue: 'irc://oftc/#openstack-dev',
        conductItems: ['personal_insults'],
      },
      staff,
    );

    const raw = await rawDatabase(target);
    // The control: the case id is stored in the clear, so the bytes read are the real ones.
    expect(raw).toContain(opened.caseId);
    for (const form of markerForms(marker)) expect(raw).not.toContain(form);
  });
});
