import { randomUUID } from 'node:crypto';
import { sealField } from '../crypto/sealing.js';
import type { StaffEntry } from '../domain/case-commands.js';
import type { IntakeChannel } from '../domain/case-events.js';
import type { ReportSubmission } from '../domain/report-form.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry } from '../store/audit-log.js';
import { findReportBySubmission, insertReport } from '../store/report.repository.js';
import { newAttachmentId, storeAttachments, type CheckedFile } from './attachments.js';
import type { ServiceDeps } from './deps.js';
import { openCase } from './record-case-step.js';
import { storeReportParties } from './report-parties.js';
import { recordStaffPartyProtections } from './staff-party-matches.js';
import { reportAccount } from './report-summary.js';

/** What the reporter is shown once their report is stored (and only then). */
export interface SubmittedReport {
  readonly caseId: string;
  /** `XXXX-XXXX-XXXX-XXXX-XXXX`: shown once; the database keeps only a slow hash of it. */
  readonly receiptCode: string;
  /** True when this submission id had already made a report: nothing new was written. */
  readonly duplicate: boolean;
  /** The reporter said someone is in immediate danger: show them whom to contact now. */
  readonly immediateDanger: boolean;
}

/**
 * A report checked and hashed, ready to be stored: plain data, so that it can be handed to the
 * intake writer's thread (intake-writer.ts) as well as stored in this one.
 */
export interface ReportToStore {
  /** Validated by reportSubmissionSchema. */
  readonly report: ReportSubmission;
  /** Checked by checkAttachments. */
  readonly files: readonly CheckedFile[];
  readonly channel: IntakeChannel;
  readonly staffEntry?: StaffEntry;
  readonly actor: Actor;
  readonly submissionHash: string;
  readonly receiptCode: string;
  readonly receiptHash: string;
}

/**
 * Stores a checked report as a new case, in one transaction: the case and its received event,
 * the sealed report, the parties and identifiers, the attachments, the reporter's danger answer
 * and the audit entries. A report whose submission id is already stored (a form sent again)
 * writes nothing and answers with the stored case, `duplicate: true`.
 */
export async function storeReport(
  deps: ServiceDeps,
  toStore: ReportToStore,
): Promise<SubmittedReport> {
  const { report, files, actor, receiptCode } = toStore;
  try {
    // Many reporters at once share commits (one fsync for several reports on SQLite); each
    // report's answer still waits for the commit that holds it.
    return await deps.database.groupedTransaction(async (trx) => {
      const opened = await openCase(
        deps,
        trx,
        {
          kind: 'receive',
          account: reportAccount(report),
          channel: toStore.channel,
          ...(toStore.staffEntry ? { staffEntry: toStore.staffEntry } : {}),
        },
        actor,
        // The procedure's danger flag is raised only by staff answering the danger question.
        // Until they do, the reporter's own answer, in a clear column, puts the case on top.
        {
          reportedDanger: report.immediateDanger,
          venueKind: report.venue.kind === 'not_sure' ? null : report.venue.kind,
        },
      );
      const { caseId, dataKey } = opened;
      const at = opened.events[0]?.at ?? deps.now().toISOString();
      const stored = files.map((file) => ({ id: newAttachmentId(), file }));
      await storeAttachments(trx, dataKey, caseId, at, stored);
      const reportId = randomUUID();
      const { submissionId: _submissionId, ...content } = report;
      await insertReport(trx, {
        id: reportId,
        caseId,
        receivedAt: at,
        channel: toStore.channel,
        submissionHash: toStore.submissionHash,
        receiptHash: toStore.receiptHash,
        contentSealed: sealField(
          dataKey,
          JSON.stringify({
            ...content,
            attachmentIds: stored.map(({ id }) => id),
            ...(toStore.staffEntry ? { staffEntry: toStore.staffEntry } : {}),
          }),
          { table: 'reports', column: 'content_sealed', rowId: reportId },
        ),
      });
      const counts = await storeReportParties(trx, deps.keys, dataKey, caseId, at, report);
      // Staff named in the report are recused, and a report about staff routed, before anyone
      // reads it (the access gate holds even without this; this puts it on the timeline).
      await recordStaffPartyProtections(deps, trx, caseId);
      await appendAuditEntry(trx, {
        at,
        actor: actor.id,
        action: 'report.submitted',
        caseId,
        subjectIds: [reportId],
        details: {
          channel: toStore.channel,
          attachments: stored.length,
          accused: counts.accused,
          identifiers: counts.identifiers,
          reportedDanger: report.immediateDanger,
        },
      });
      return { caseId, receiptCode, duplicate: false, immediateDanger: report.immediateDanger };
    });
  } catch (error) {
    // A form sent again (a retry after a timeout, a double click): the unique submission id lets
    // one delivery commit; the other lands here and answers as the retry it is.
    const raced = await existingReport(deps, toStore.submissionHash, receiptCode);
    if (raced) return raced;
    throw error;
  }
}

async function existingReport(
  deps: ServiceDeps,
  submissionHash: string,
  receiptCode: string,
): Promise<SubmittedReport | null> {
  const row = await findReportBySubmission(deps.database.db, submissionHash);
  if (row === undefined) return null;
  return {
    caseId: row.case_id,
    receiptCode,
    duplicate: true,
    immediateDanger: Number(row.reported_danger) === 1,
  };
}
