import { z } from 'zod';
import { queueRoutesFor } from '../domain/case-handling.js';
import { caseSteps } from '../domain/case-state.js';
import { namedOnlyQueueRoutesFor } from '../domain/queue-access.js';
import { venueKinds } from '../domain/report-form.js';
import type { Actor } from '../domain/roles.js';
import {
  selectLabelsInUse,
  selectQueueExtras,
  selectQueuePage,
  type QueueFilter,
  type QueueRow,
} from '../store/queue.repository.js';
import type { ServiceDeps } from './deps.js';

/** Cases per page of the queue. */
export const queuePageSize = 50;

/**
 * The queue's filters as a GET form sends them. Empty fields mean "any"; an unknown value is
 * treated as no filter rather than an error, so an old bookmark still opens the queue.
 */
export const queueQuerySchema = z.object({
  step: z.enum(caseSteps).optional().catch(undefined),
  venue: z.enum(venueKinds).optional().catch(undefined),
  label: z.string().trim().max(40).optional().catch(undefined),
  assignee: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type QueueRequest = z.output<typeof queueQuerySchema>;

export interface QueueEntry extends QueueRow {
  readonly labels: readonly string[];
  readonly assigneeIds: readonly string[];
}

export interface QueueResult {
  readonly entries: readonly QueueEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly labelsInUse: readonly string[];
}

/**
 * One page of the cases that need the actor: someone possibly in danger first, then overdue
 * steps, then the oldest case. Lists only the clear columns of cases the actor's roles may see,
 * leaving out cases they are recused from and, on cases about Foundation staff, cases that did not
 * name them (case_staff_access); no case content is opened, so listing writes no audit entry.
 */
export async function listQueue(
  deps: ServiceDeps,
  actor: Actor,
  request: QueueRequest,
): Promise<QueueResult> {
  const routes = queueRoutesFor(actor);
  const filter: QueueFilter = {
    ...(request.step ? { step: request.step } : {}),
    ...(request.venue ? { venueKind: request.venue } : {}),
    ...(request.label ? { label: request.label } : {}),
    ...(request.assignee ? { assignee: request.assignee } : {}),
  };
  const db = deps.database.db;
  const { rows, total } = await selectQueuePage(db, {
    filter,
    routes,
    namedOnlyRoutes: namedOnlyQueueRoutesFor(actor),
    viewerId: actor.id,
    now: deps.now().toISOString(),
    limit: queuePageSize,
    offset: (request.page - 1) * queuePageSize,
  });
  const [extras, labelsInUse] = await Promise.all([
    selectQueueExtras(
      db,
      rows.map((row) => row.id),
    ),
    selectLabelsInUse(db),
  ]);
  return {
    entries: rows.map((row) => ({
      ...row,
      labels: extras.labels.get(row.id) ?? [],
      assigneeIds: extras.assignees.get(row.id) ?? [],
    })),
    total,
    page: request.page,
    pageCount: Math.max(1, Math.ceil(total / queuePageSize)),
    labelsInUse,
  };
}
