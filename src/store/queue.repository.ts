import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What the queue may be narrowed to; every field is optional. */
export interface QueueFilter {
  /** One step (case-state.ts caseSteps); without it, every open case. */
  readonly step?: string;
  readonly venueKind?: string;
  readonly label?: string;
  /** A staff id, or 'none' for cases nobody handles yet. */
  readonly assignee?: string;
}

export interface QueueQuery {
  readonly filter: QueueFilter;
  /** The routes whose cases the viewer may see at all (case-access rules, applied by the caller). */
  readonly routes: readonly string[];
  /** The routes whose cases the viewer sees only where they were named (case_staff_access). */
  readonly namedOnlyRoutes: readonly string[];
  /** The staff member the queue is for: cases they are recused from are left out. */
  readonly viewerId: string;
  /** ISO instant: a case whose due_at is before it is overdue. */
  readonly now: string;
  readonly limit: number;
  readonly offset: number;
}

/** One line of the queue: only the clear columns, nothing sealed. */
export interface QueueRow {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly step: string;
  readonly attention: number;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly route: string;
  readonly venueKind: string | null;
}

export interface QueuePage {
  readonly rows: readonly QueueRow[];
  readonly total: number;
}

/**
 * The WHERE clause of the queue, shared by the page and its count. Without a step filter only
 * open cases (attention < 2) are listed: closed, merged and spam cases are out by default.
 */
function filtered(db: Executor, query: QueueQuery) {
  const { filter } = query;
  const routes = query.routes.length === 0 ? [''] : [...query.routes];
  // Each condition on case_staff_access is one probe of its primary key (case_id, staff_id,
  // kind) per case the index walk meets, so the queue's order still comes from the cases indexes.
  const staffAccess = (eb: ExpressionBuilder<DB, 'cases'>, kind: 'recused' | 'named') =>
    eb.exists(
      eb
        .selectFrom('case_staff_access')
        .select(sql.lit(1).as('one'))
        .whereRef('case_staff_access.case_id', '=', 'cases.id')
        .where('case_staff_access.staff_id', '=', query.viewerId)
        .where('case_staff_access.kind', '=', kind),
    );
  return db
    .selectFrom('cases')
    .where((eb) =>
      query.namedOnlyRoutes.length === 0
        ? eb('cases.route', 'in', routes)
        : eb.or([
            eb('cases.route', 'in', routes),
            eb.and([eb('cases.route', 'in', [...query.namedOnlyRoutes]), staffAccess(eb, 'named')]),
          ]),
    )
    .where((eb) => eb.not(staffAccess(eb, 'recused')))
    .$if(filter.step === undefined, (q) => q.where('cases.attention', '<', 2))
    .$if(filter.step !== undefined, (q) => q.where('cases.step', '=', filter.step ?? ''))
    .$if(filter.venueKind !== undefined, (q) =>
      q.where('cases.venue_kind', '=', filter.venueKind ?? ''),
    )
    .$if(filter.label !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_labels')
            .select(sql.lit(1).as('one'))
            .whereRef('case_labels.case_id', '=', 'cases.id')
            .where('case_labels.label', '=', filter.label ?? ''),
        ),
      ),
    )
    .$if(filter.assignee !== undefined && filter.assignee !== 'none', (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_assignments')
            .select(sql.lit(1).as('one'))
            .whereRef('case_assignments.case_id', '=', 'cases.id')
            .where('case_assignments.staff_id', '=', filter.assignee ?? ''),
        ),
      ),
    )
    .$if(filter.assignee === 'none', (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_assignments')
              .select(sql.lit(1).as('one'))
              .whereRef('case_assignments.case_id', '=', 'cases.id'),
          ),
        ),
      ),
    );
}

/**
 * The queue's order: someone possibly in danger first (attention 0), then open cases whose step
 * is overdue, then the rest, each oldest first (ties by id, so paging is stable). Each of the
 * three segments is its own query in index order, so a page costs an index walk, not a sort of
 * every matching case: the first two are small, and the third follows the attention and step
 * indexes.
 */
export type QueueSegment = 'danger' | 'overdue' | 'rest';

/** The query for one segment of the queue, paged within that segment. */
export function queueSegmentQuery(
  db: Executor,
  query: QueueQuery,
  segment: QueueSegment,
  limit: number,
  offset: number,
) {
  const base = filtered(db, query);
  const narrowed =
    segment === 'danger'
      ? base.where('cases.attention', '=', 0)
      : segment === 'overdue'
        ? base.where('cases.attention', '=', 1).where('cases.due_at', '<', query.now)
        : // The attention range comes first so the index walk serves the order; the rest of
          // the condition only leaves out the overdue cases listed before.
          base
            .where('cases.attention', '>=', 1)
            .where((eb) =>
              eb.or([
                eb('cases.attention', '=', 2),
                eb('cases.due_at', 'is', null),
                eb('cases.due_at', '>=', query.now),
              ]),
            );
  return narrowed
    .select([
      'cases.id',
      'cases.created_at',
      'cases.updated_at',
      'cases.step',
      'cases.attention',
      'cases.due_at',
      'cases.route',
      'cases.venue_kind',
    ])
    .orderBy('cases.attention')
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .limit(limit)
    .offset(offset);
}

/** How many cases the filter matches, in all or in one of the first two segments. */
export function queueCountQuery(db: Executor, query: QueueQuery, segment?: 'danger' | 'overdue') {
  const base = filtered(db, query);
  const narrowed =
    segment === 'danger'
      ? base.where('cases.attention', '=', 0)
      : segment === 'overdue'
        ? base.where('cases.attention', '=', 1).where('cases.due_at', '<', query.now)
        : base;
  return narrowed.select((eb) => eb.fn.countAll<number | string>().as('total'));
}

async function countOf(db: Executor, query: QueueQuery, segment?: 'danger' | 'overdue') {
  const row = await queueCountQuery(db, query, segment).executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Reads one page of the queue and the number of matching cases. */
export async function selectQueuePage(db: Executor, query: QueueQuery): Promise<QueuePage> {
  const [total, dangerCount, overdueCount] = await Promise.all([
    countOf(db, query),
    countOf(db, query, 'danger'),
    countOf(db, query, 'overdue'),
  ]);
  // The page is the window [offset, offset + limit) over the three segments laid end to end.
  const windows: { segment: QueueSegment; limit: number; offset: number }[] = [];
  let start = query.offset;
  let wanted = query.limit;
  for (const [segment, size] of [
    ['danger', dangerCount],
    ['overdue', overdueCount],
    ['rest', Number.POSITIVE_INFINITY],
  ] as const) {
    if (wanted <= 0) break;
    if (start >= size) {
      start -= size;
      continue;
    }
    const take = Math.min(wanted, size - start);
    windows.push({ segment, limit: take, offset: start });
    wanted -= take;
    start = 0;
  }
  const parts = await Promise.all(
    windows.map((w) => queueSegmentQuery(db, query, w.segment, w.limit, w.offset).execute()),
  );
  return {
    total,
    rows: parts.flatMap((rows, index) =>
      rows.map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        step: row.step,
        attention: Number(row.attention),
        dueAt: row.due_at,
        overdue: windows[index]?.segment === 'overdue',
        route: row.route,
        venueKind: row.venue_kind,
      })),
    ),
  };
}

/** The labels and handler ids of the given cases, for the rows of one page. */
export async function selectQueueExtras(
  db: Executor,
  caseIds: readonly string[],
): Promise<{ labels: Map<string, string[]>; assignees: Map<string, string[]> }> {
  const labels = new Map<string, string[]>();
  const assignees = new Map<string, string[]>();
  if (caseIds.length === 0) return { labels, assignees };
  const [labelRows, assigneeRows] = await Promise.all([
    db
      .selectFrom('case_labels')
      .select(['case_id', 'label'])
      .where('case_id', 'in', [...caseIds])
      .orderBy('label')
      .execute(),
    db
      .selectFrom('case_assignments')
      .select(['case_id', 'staff_id'])
      .where('case_id', 'in', [...caseIds])
      .orderBy('assigned_at')
      .execute(),
  ]);
  for (const row of labelRows)
    labels.set(row.case_id, [...(labels.get(row.case_id) ?? []), row.label]);
  for (const row of assigneeRows) {
    assignees.set(row.case_id, [...(assignees.get(row.case_id) ?? []), row.staff_id]);
  }
  return { labels, assignees };
}

/** The labels in use, for the filter's choices. */
export async function selectLabelsInUse(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('case_labels')
    .select('label')
    .distinct()
    .orderBy('label')
    .execute();
  return rows.map((row) => row.label);
}
