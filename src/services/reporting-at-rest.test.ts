import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { markerForms, rawDatabase } from '../../test/helpers/raw-database.js';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import type { Database } from '../store/database.js';
import type { ServiceDeps } from './deps.js';
import { addInformation, openFollowUp } from './follow-up.js';
import { buildReport, tinyPng } from './reporting.fixtures.js';
import { submitReport } from './submit-report.js';

function depsFor(database: Database): ServiceDeps {
  let t = Date.parse('2026-11-25T09:00:00.000Z');
  return { database, keys: generateKeyRing(), now: () => new Date((t += 60_000)) };
}

/** A unique marker per field, so a hit names the field that leaked. */
function markers() {
  const tag = randomBytes(6).toString('hex');
  const field = (name: string) => `canary${name}${tag}`;
  return {
    name: field('name'),
    email: field('email'),
    nick: field('nick'),
    forge: field('forge'),
    behaviour: field('behaviour'),
    time: field('time'),
    circumstances: field('circumstances'),
    venue: field('venue'),
    others: field('others'),
    fileName: field('filename'),
    fileBytes: field('filebytes'),
    addition: field('addition'),
    contact: field('contact'),
  };
}

describeStorage('reports at rest', (use) => {
  it('leaves no name, identifier, narrative, contact or file in the database files or a dump', async () => {
    const { database, target } = use();
    const deps = depsFor(database);
    const m = markers();
    const anonymous = buildReport({
      accused: [
        {
          name: `Sam ${m.name}`,
          identifiers: [
            { kind: 'email', value: `${m.email}@example.org` },
            { kind: 'irc', network: 'oftc', value: m.nick },
            { kind: 'forge', service: 'opendev', value: m.forge },
          ],
        },
      ],
      behaviour: `He wrote ${m.behaviour} in the channel.`,
      approximateTime: `Tuesday ${m.time}`,
      circumstances: `Meeting ${m.circumstances}`,
      venue: { kind: 'irc', detail: `#${m.venue}` },
      othersInvolved: `Kim ${m.others}`,
    });
    const submitted = await submitReport(deps, anonymous, [
      { filename: `shot-${m.fileName}.png`, bytes: tinyPng },
      { filename: 'log.txt', bytes: Buffer.from(`21:00 <sam> ${m.fileBytes}\n`) },
    ]);
    const session = await openFollowUp(deps, submitted.receiptCode);
    await addInformation(deps, session!.sessionId, `Again: ${m.addition}`, [
      { filename: 'again.txt', bytes: Buffer.from(`more ${m.fileBytes}`) },
    ]);
    const named = await submitReport(
      deps,
      buildReport({ anonymous: false, contact: `call ${m.contact}` }),
      [],
    );

    const raw = await rawDatabase(target);
    // The control: case ids are stored in the clear, so the bytes read are the real ones.
    expect(raw).toContain(submitted.caseId);
    expect(raw).toContain(named.caseId);
    expect(raw).toContain('report.submitted');
    const leaks = Object.entries(m).filter(([, marker]) =>
      markerForms(marker).some((form) => raw.includes(form)),
    );
    expect(leaks).toEqual([]);
    // Neither the form's submission id nor the receipt code is kept as it is.
    for (const secret of [
      anonymous.submissionId,
      submitted.receiptCode,
      submitted.receiptCode.replaceAll('-', ''),
      session!.sessionId,
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('keeps no complainant party for an anonymous report', async () => {
    const deps = depsFor(use().database);
    const { caseId } = await submitReport(deps, buildReport({ othersInvolved: 'Kim' }), []);
    const roles = await deps.database.db
      .selectFrom('parties')
      .select('role')
      .where('case_id', '=', caseId)
      .orderBy('role')
      .execute();
    expect(roles.map((row) => row.role)).toEqual(['accused', 'others_involved']);
  });
});
