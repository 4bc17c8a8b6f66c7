import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { blindIndex } from '../crypto/blind-index.js';
import { generateKeyRing } from '../crypto/keys.js';
import { openText } from '../crypto/sealing.js';
import type { Identifier } from '../domain/identifiers.js';
import { findCase } from '../store/case.repository.js';
import type { Database } from '../store/database.js';
import { caseDataKey } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';
import { buildReport } from './reporting.fixtures.js';
import { submitReport } from './submit-report.js';

function depsFor(database: Database): ServiceDeps {
  return { database, keys: generateKeyRing(), now: () => new Date('2026-11-25T09:00:00.000Z') };
}

describeStorage('the parties of a new report', (use) => {
  it('stores every person, identifier, contact and bystander, each under its own party and row', async () => {
    const deps = depsFor(use().database);
    const result = await submitReport(
      deps,
      buildReport({
        accused: [
          { name: 'Sam Example', identifiers: [{ kind: 'email', value: 'sam@example.org' }] },
          {
            name: 'Kim Other',
            identifiers: [
              { kind: 'irc', value: 'kimo', network: 'oftc' },
              { kind: 'forge', value: 'kim-o', service: 'opendev' },
            ],
          },
          { name: '', identifiers: [{ kind: 'email', value: 'nameless@example.net' }] },
        ],
        anonymous: false,
        contact: 'ana@example.net',
        othersInvolved: 'Two people in the channel saw it.',
      }),
      [],
    );
    const { db } = deps.database;
    const dataKey = caseDataKey(deps.keys, (await findCase(db, result.caseId))!);
    const parties = await db
      .selectFrom('parties')
      .select(['id', 'role', 'details_sealed', 'created_at'])
      .where('case_id', '=', result.caseId)
      .execute();
    const details = new Map(
      parties.map((party) => [
        party.id,
        {
          role: party.role,
          createdAt: party.created_at,
          details: JSON.parse(
            openText(dataKey, party.details_sealed, {
              table: 'parties',
              column: 'details_sealed',
              rowId: party.id,
            }),
          ) as Record<string, unknown>,
        },
      ]),
    );
    expect([...details.values()].map((party) => [party.role, party.details])).toEqual(
      expect.arrayContaining([
        ['accused', { name: 'Sam Example' }],
        ['accused', { name: 'Kim Other' }],
        ['accused', { name: '' }],
        ['complainant', { contact: 'ana@example.net', relation: 'target' }],
        ['others_involved', { description: 'Two people in the channel saw it.' }],
      ]),
    );
    expect(details.size).toBe(5);
    expect(new Set([...details.values()].map((party) => party.createdAt)).size).toBe(1);

    const identifiers = await db
      .selectFrom('identifiers')
      .select(['id', 'party_id', 'case_id', 'kind', 'blind_index', 'value_sealed'])
      .where('case_id', '=', result.caseId)
      .execute();
    const byParty = new Map<string, string[]>();
    for (const row of identifiers) {
      const value = JSON.parse(
        openText(dataKey, row.value_sealed, {
          table: 'identifiers',
          column: 'value_sealed',
          rowId: row.id,
        }),
      ) as Identifier;
      expect(row.kind).toBe(value.kind);
      expect(row.blind_index).toBe(blindIndex(deps.keys.blindIndexKey, value));
      const owner = details.get(row.party_id);
      expect(owner?.role).toBe('accused');
      const name = String(owner?.details.name);
      byParty.set(name, [...(byParty.get(name) ?? []), `${value.kind}:${value.value}`].sort());
    }
    // Each person's name is an identifier too (an empty name is not).
    expect(Object.fromEntries(byParty)).toEqual({
      'Sam Example': ['email:sam@example.org', 'name:Sam Example'],
      'Kim Other': ['forge:kim-o', 'irc:kimo', 'name:Kim Other'],
      '': ['email:nameless@example.net'],
    });
  });

  it('writes no complainant party for an anonymous report and no bystander party when none were named', async () => {
    const deps = depsFor(use().database);
    const result = await submitReport(deps, buildReport(), []);
    const roles = await deps.database.db
      .selectFrom('parties')
      .select('role')
      .where('case_id', '=', result.caseId)
      .execute();
    expect(roles.map((party) => party.role)).toEqual(['accused']);
  });
});
