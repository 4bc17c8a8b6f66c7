import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  hashReceiptCode,
  parseReceiptCode,
  receiptCodeFor,
  submissionIdHash,
} from '../crypto/receipt-codes.js';
import { sealField } from '../crypto/sealing.js';
import { staffIntakeMedia } from '../domain/case-events.js';
import type { IntakeChannel } from '../domain/case-events.js';
import { OmbudsError } from '../domain/errors.js';
import { reportSubmissionSchema } from '../domain/report-form.js';
import type { ReportSubmission } from '../domain/report-form.js';
import { publicIntake } from '../domain/roles.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry } from '../store/audit-log.js';
import { findReportBySubmission, insertReport } from '../store/report.repository.js';
import { checkAttachments, newAttachmentId, storeAttachments } from './attachments.js';
import type { UploadedFile } from './attachments.js';
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

/** A report that staff write down from a phone call, an e-mail or a conversation. */
export type StaffEnteredReportInput = ReportSubmission & {
  readonly medium: (typeof staffIntakeMedia)[number];
  /** The id of the staff user who wrote the account down. */
  readonly writtenDownBy: string;
};

interface Intake {
  readonly channel: IntakeChannel;
  readonly staffEntry?: { medium: (typeof staffIntakeMedia)[number]; writtenDownBy: string };
}

/**
 * Stores a report from the public form as a new case, in one transaction: the case and its
 * received event, the sealed report, the parties and identifiers, the attachments, the reporter's
 * danger answer and the audit entries. Idempotent by the form's submission id: a re-sent form gets
 * the same case and code back with `duplicate: true` and writes nothing. Knows nothing of the
 * client (no address, no user agent). Throws OmbudsError invalid_input / too_large for bad input.
 */
export function submitReport(
  deps: ServiceDeps,
  submission: ReportSubmission,
  attachments: readonly UploadedFile[],
): Promise<SubmittedReport> {
  return intake(deps, submission, attachments, { channel: 'public_form' }, publicIntake);
}

const staffEntrySchema = z.object({
  medium: z.enum(staffIntakeMedia),
  writtenDownBy: z.string().trim().min(1).max(500),
});

/**
 * Stores a report that a member of staff took by phone, e-mail or in person (channel
 * `staff_entered`: the timeline records the medium, whether the account was oral, and who wrote
 * it down). Returns the case and a receipt code the staff member passes on to the reporter.
 * Throws rule_violation when the actor may not enter reports, invalid_input for bad input.
 */
export function submitStaffEnteredReport(
  deps: ServiceDeps,
  input: StaffEnteredReportInput,
  actor: Actor,
  attachments: readonly UploadedFile[] = [],
): Promise<SubmittedReport> {
  const entry = staffEntrySchema.safeParse(input);
  if (!entry.success) throw invalidReport(entry.error);
  const { medium: _medium, writtenDownBy: _writtenDownBy, ...submission } = input;
  return intake(
    deps,
    submission,
    attachments,
    { channel: 'staff_entered', staffEntry: entry.data },
    actor,
  );
}

function invalidReport(error: z.ZodError): OmbudsError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.')))].join(', ');
  return new OmbudsError('invalid_input', 'Some fields of the report need another look.', {
    logMessage: `report refused: invalid ${fields}`,
    cause: error,
  });
}

async function intake(
  deps: ServiceDeps,
  input: ReportSubmission,
  attachments: readonly UploadedFile[],
  how: Intake,
  actor: Actor,
): Promise<SubmittedReport> {
  // Parsed again: the service never trusts that its caller validated.
  const parsed = reportSubmissionSchema.safeParse(input);
  if (!parsed.success) throw invalidReport(parsed.error);
  const report = parsed.data;
  const files = checkAttachments(attachments);
  const submissionHash = submissionIdHash(deps.keys, report.submissionId);
  // Anyone holding the submission id can re-send it and see the code again; the id is only ever
  // in the reporter's own page, as the code itself is.
  const receiptCode = receiptCodeFor(deps.keys, report.submissionId);

  // The slow hash runs before the transaction, so the write lock is not held through it. A
  // re-sent form pays it too: it is found below by its submission id, which is unique, rather
  // than by a read before every report.
  const receiptHash = await hashReceiptCode(deps.keys, parseReceiptCode(receiptCode) ?? '');
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
          channel: how.channel,
          ...(how.staffEntry ? { staffEntry: how.staffEntry } : {}),
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
        channel: how.channel,
        submissionHash,
        receiptHash,
        contentSealed: sealField(
          dataKey,
          JSON.stringify({
            ...content,
            attachmentIds: stored.map(({ id }) => id),
            ...(how.staffEntry ? { staffEntry: how.staffEntry } : {}),
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
          channel: how.channel,
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
    const raced = await existingReport(deps, submissionHash, receiptCode);
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
