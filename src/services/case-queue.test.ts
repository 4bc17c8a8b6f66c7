import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import { publicIntake, type Actor } from '../domain/roles.js';
import { inTransaction } from '../store/audit-log.js';
import type { Database } from '../store/database.js';
import { queueSegmentQuery, selectQueuePage } from '../store/queue.repository.js';
import { listQueue, queueQuerySchema } from './case-queue.js';
import type { ServiceDeps } from './deps.js';
import { openCase, recordCaseStep } from './record-case-step.js';

const staff: Actor = { id: 'staff-queue', roles: ['conduct_staff'] };
const director: Actor = { id: 'director-queue', roles: ['executive_director'] };

/** A clock tests move by hand; every reading is one second later than the one before. */
function manualClock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date((t += 1000)),
    jump: (ms: number) => {
      t += ms;
    },
  };
}

async function received(deps: ServiceDeps): Promise<string> {
  const opened = await inTransaction(deps.database.db, (trx) =>
    openCase(
      deps,
      trx,
      { kind: 'receive', account: 'An account.', channel: 'public_form' },
      publicIntake,
    ),
  );
  return opened.caseId;
}

async function staffUser(database: Database, id: string, roles: string[]): Promise<void> {
  await database.db
    .insertInto('staff_users')
    .values({
      id,
      username: id,
      display_name: id,
      roles: JSON.stringify(roles),
      password_hash: '',
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}

const all = queueQuerySchema.parse({});

describeStorage('the staff queue', (use) => {
  it('puts danger first, then overdue steps, then the oldest, and leaves out spam and merged cases', async () => {
    const { database } = use();
    // Fresh rows only: earlier tests in this file share the database.
    await database.db.deleteFrom('case_labels').execute();
    const clock = manualClock('2026-03-01T09:00:00.000Z');
    const deps: ServiceDeps = { database, keys: generateKeyRing(), now: clock.now };
    const step = (caseId: string, input: Parameters<typeof recordCaseStep>[2], actor = staff) =>
      recordCaseStep(deps, caseId, input, actor);

    const oldest = await received(deps);
    const spam = await received(deps);
    await step(spam, { kind: 'assess_danger', immediateDanger: false });
    await step(spam, { kind: 'mark_as_spam', note: '' });
    const overdue = await received(deps);
    await step(overdue, { kind: 'assess_danger', immediateDanger: false });
    await step(overdue, {
      kind: 'record_initial_report',
      accused: ['someone'],
      behaviour: 'Insults.',
      timeAndCircumstances: 'Last week.',
      anonymityRequested: false,
      venue: 'mailing list',
      conductItems: ['personal_insults'],
    });
    await step(overdue, {
      kind: 'record_initial_response',
      needsHelp: 'no',
      wantsSafePerson: 'no',
      needsSafeSpace: 'no',
      message: 'We have your report and will explain each step as it happens.',
    });
    await step(overdue, { kind: 'notify_executive_director' });
    await step(
      overdue,
      {
        kind: 'record_determinations',
        outsideHelpNeeded: false,
        publicCommunicationsNeeded: false,
        moreInformationNeeded: false,
      },
      director,
    );
    await step(overdue, {
      kind: 'notify_accused',
      responseDeadline: new Date(Date.parse('2026-03-01T10:00:00.000Z')).toISOString(),
    });
    const reportedDanger = await received(deps);
    await database.db
      .updateTable('cases')
      .set({ reported_danger: 1 })
      .where('id', '=', reportedDanger)
      .execute();
    const confirmedDanger = await received(deps);
    await step(confirmedDanger, { kind: 'assess_danger', immediateDanger: true });
    const newest = await received(deps);

    // Before the deadline the notified case is only older than `newest`.
    const before = await listQueue(deps, staff, all);
    expect(before.entries.map((entry) => entry.id)).toEqual([
      reportedDanger,
      confirmedDanger,
      oldest,
      overdue,
      newest,
    ]);
    expect(before.entries.slice(0, 2).map((entry) => entry.attention)).toEqual([0, 0]);

    clock.jump(2 * 60 * 60 * 1000);
    const after = await listQueue(deps, staff, all);
    expect(after.entries.map((entry) => entry.id)).toEqual([
      reportedDanger,
      confirmedDanger,
      overdue,
      oldest,
      newest,
    ]);
    expect(after.entries[2]).toMatchObject({ overdue: true, step: 'await_response' });
    expect(after.total).toBe(5);

    // Spam is out by default, and there when asked for.
    const spamOnly = await listQueue(deps, staff, queueQuerySchema.parse({ step: 'spam' }));
    expect(spamOnly.entries.map((entry) => entry.id)).toEqual([spam]);

    // Once staff answer the danger question with no, the reporter's answer no longer lifts it.
    await step(reportedDanger, { kind: 'assess_danger', immediateDanger: false });
    const later = await listQueue(deps, staff, all);
    expect(later.entries[0]?.id).toBe(confirmedDanger);
  });

  it('filters by step, venue, label and handler, and pages', async () => {
    const { database } = use();
    const clock = manualClock('2026-04-01T09:00:00.000Z');
    const deps: ServiceDeps = { database, keys: generateKeyRing(), now: clock.now };
    await staffUser(database, 'handler-a', ['conduct_staff']);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push(await received(deps));
    const [a, b, c, d] = ids as [string, string, string, string];
    await database.db
      .updateTable('cases')
      .set({ venue_kind: 'irc' })
      .where('id', 'in', [a, c])
      .execute();
    await database.db
      .insertInto('case_labels')
      .values(
        [b, c].map((id) => ({
          case_id: id,
          label: 'summit-2026',
          added_at: '2026-04-01T09:00:00.000Z',
          added_by: 'x',
        })),
      )
      .execute();
    await database.db
      .insertInto('case_assignments')
      .values({
        case_id: d,
        staff_id: 'handler-a',
        assigned_at: '2026-04-01T09:00:00.000Z',
        assigned_by: 'x',
      })
      .execute();
    const only = (query: Record<string, string>) =>
      listQueue(deps, staff, queueQuerySchema.parse(query)).then((result) =>
        result.entries.map((entry) => entry.id).filter((id) => ids.includes(id)),
      );

    expect(await only({ venue: 'irc' })).toEqual([a, c]);
    expect(await only({ label: 'summit-2026' })).toEqual([b, c]);
    expect(await only({ label: 'summit-2026', venue: 'irc' })).toEqual([c]);
    expect(await only({ assignee: 'handler-a' })).toEqual([d]);
    expect(await only({ assignee: 'none' })).toEqual([a, b, c]);
    expect(await only({ step: 'assess_danger', venue: 'irc' })).toEqual([a, c]);
    expect(await only({ step: 'closed' })).toEqual([]);

    const labelled = await listQueue(deps, staff, queueQuerySchema.parse({ label: 'summit-2026' }));
    expect(labelled.entries.map((entry) => entry.labels)).toEqual([
      ['summit-2026'],
      ['summit-2026'],
    ]);
    const assigned = await listQueue(
      deps,
      staff,
      queueQuerySchema.parse({ assignee: 'handler-a' }),
    );
    expect(assigned.entries[0]?.assigneeIds).toEqual(['handler-a']);

    const total = (await listQueue(deps, staff, all)).total;
    expect(total).toBeGreaterThanOrEqual(4);
    const beyond = await listQueue(deps, staff, queueQuerySchema.parse({ page: '99' }));
    expect(beyond.entries).toEqual([]);
    expect(beyond.total).toBe(total);
  });

  it('shows nothing to an administrator and hides a Foundation staff case from conduct staff', async () => {
    const { database } = use();
    const deps: ServiceDeps = {
      database,
      keys: generateKeyRing(),
      now: manualClock('2026-05-01T09:00:00.000Z').now,
    };
    const routed = await received(deps);
    await recordCaseStep(deps, routed, { kind: 'assess_danger', immediateDanger: false }, staff);
    await recordCaseStep(deps, routed, { kind: 'route_case', route: 'foundation_staff' }, staff);
    const admin: Actor = { id: 'admin', roles: ['administrator'] };
    expect((await listQueue(deps, admin, all)).entries).toEqual([]);
    const forStaff = await listQueue(deps, staff, all);
    expect(forStaff.entries.map((entry) => entry.id)).not.toContain(routed);
    const forDirector = await listQueue(deps, director, all);
    expect(forDirector.entries.map((entry) => entry.id)).toContain(routed);
  });

  it('compiles each segment of the queue to one ordered, paged query with parameters', () => {
    const query = {
      filter: { step: 'await_response', label: 'x', assignee: 'none' },
      routes: ['standard'],
      namedOnlyRoutes: ['foundation_staff'],
      viewerId: 'staff-queue',
      now: '2026-01-01T00:00:00.000Z',
      limit: 50,
      offset: 100,
    };
    const compiled = queueSegmentQuery(use().database.db, query, 'rest', 50, 100).compile();
    // Placeholders differ ($1 on PostgreSQL, ? on SQLite); the statement does not.
    const text = compiled.sql.replace(/\$\d+/g, '?');
    expect(text).toContain(
      'order by "cases"."attention", "cases"."created_at", "cases"."id" limit ? offset ?',
    );
    expect(text).toContain('"cases"."step" = ?');
    expect(text).toContain(
      '"cases"."attention" >= ? and ("cases"."attention" = ? or "cases"."due_at" is null or "cases"."due_at" >= ?)',
    );
    expect(text).toContain('exists (select 1 as "one" from "case_labels"');
    expect(text).toContain('not exists (select 1 as "one" from "case_assignments"');
    // The viewer's recusals leave cases out, and a Foundation staff case needs them named.
    expect(text).toContain('not exists (select 1 as "one" from "case_staff_access"');
    expect(text).toContain('"cases"."route" in (?) or ("cases"."route" in (?) and exists');
    expect(compiled.parameters).toEqual(
      expect.arrayContaining(['staff-queue', 'recused', 'named', 'foundation_staff']),
    );
    expect(compiled.parameters).toEqual(
      expect.arrayContaining(['standard', 'await_response', 'x', 50, 100]),
    );
    const overdue = queueSegmentQuery(use().database.db, query, 'overdue', 10, 0).compile();
    expect(overdue.sql.replace(/\$\d+/g, '?')).toContain(
      '"cases"."attention" = ? and "cases"."due_at" < ?',
    );
  });

  it('pages across the danger, overdue and other segments without gaps or repeats', async () => {
    const { database } = use();
    const clock = manualClock('2026-07-01T09:00:00.000Z');
    const deps: ServiceDeps = { database, keys: generateKeyRing(), now: clock.now };
    // The whole queue in one window, as the reference order.
    const everything = async () =>
      (
        await selectQueuePage(database.db, {
          filter: {},
          routes: ['standard'],
          namedOnlyRoutes: [],
          viewerId: 'staff-queue',
          now: deps.now().toISOString(),
          limit: 10_000,
          offset: 0,
        })
      ).rows.map((row) => row.id);
    const whole = await everything();
    const ids: string[] = [];
    // Enough cases for more than one page of the queue.
    for (let i = 0; i < 55; i += 1) ids.push(await received(deps));
    await database.db
      .updateTable('cases')
      .set({ reported_danger: 1 })
      .where('id', '=', ids[2] ?? '')
      .execute();
    const after = await everything();
    expect(after).toHaveLength(whole.length + 55);
    expect(after.indexOf(ids[2] ?? '')).toBeLessThan(after.indexOf(ids[0] ?? ''));
    // Page by page (with the service's page size) the same order comes back.
    const pages: string[] = [];
    const result = await listQueue(deps, staff, all);
    for (let page = 1; page <= result.pageCount; page += 1) {
      const one = await listQueue(deps, staff, queueQuerySchema.parse({ page: String(page) }));
      pages.push(...one.entries.map((e) => e.id));
      const attention = one.entries.map((e) => e.attention);
      expect(attention).toEqual([...attention].sort());
    }
    expect(result.pageCount).toBeGreaterThan(1);
    expect(pages).toEqual(after);
  });
});
