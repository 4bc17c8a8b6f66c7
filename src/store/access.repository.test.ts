import { CompiledQuery } from 'kysely';
import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { selectStaffParties, staffPartiesQuery } from './access.repository.js';

describeStorage('the staff-party match', (use, kind) => {
  it('answers for a case with no staff among its parties', async () => {
    expect(await selectStaffParties(use().database.db, 'no-such-case')).toEqual([]);
  });

  if (kind !== 'sqlite') return;

  it('finds the cases merged into a case by index, never by scanning every case', async () => {
    // It runs for every new report and every case view: a scan grew with every case received.
    const { db } = use().database;
    const query = staffPartiesQuery(db, 'a-case').compile();
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    const details = plan.rows.map((row) => row.detail);
    expect(details).toContain('SEARCH cases USING INDEX cases_merged_into (merged_into=?)');
    expect(details.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
  });
});
