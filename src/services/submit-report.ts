import type { z } from 'zod';
import {
  hashReceiptCode,
  parseReceiptCode,
  receiptCodeFor,
  submissionIdHash,
} from '../crypto/receipt-codes.js';
import { staffEntrySchema, type StaffEntry } from '../domain/case-commands.js';
import type { IntakeChannel } from '../domain/case-events.js';
import { OmbudsError } from '../domain/errors.js';
import { reportSubmissionSchema } from '../domain/report-form.js';
import type { ReportSubmission } from '../domain/report-form.js';
import { publicIntake } from '../domain/roles.js';
import type { Actor } from '../domain/roles.js';
import { checkAttachments } from './attachments.js';
import type { UploadedFile } from './attachments.js';
import type { ServiceDeps } from './deps.js';
import { storeReport, type ReportToStore, type SubmittedReport } from './store-report.js';

export type { SubmittedReport } from './store-report.js';

/** A report that staff write down from a phone call, an e-mail or a conversation. */
export type StaffEnteredReportInput = ReportSubmission & StaffEntry;

interface Intake {
  readonly channel: IntakeChannel;
  readonly staffEntry?: StaffEntry;
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
  // re-sent form pays it too: it is found when stored by its submission id, which is unique,
  // rather than by a read before every report.
  const receiptHash = await hashReceiptCode(deps.keys, parseReceiptCode(receiptCode) ?? '');
  const toStore: ReportToStore = {
    report,
    files,
    channel: how.channel,
    ...(how.staffEntry ? { staffEntry: how.staffEntry } : {}),
    actor,
    submissionHash,
    receiptCode,
    receiptHash,
  };
  return deps.intakeWriter ? deps.intakeWriter.store(toStore) : storeReport(deps, toStore);
}
