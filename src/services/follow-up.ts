import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { hashReceiptCode, parseReceiptCode } from '../crypto/receipt-codes.js';
import { notFound, OmbudsError } from '../domain/errors.js';
import { publicIntake } from '../domain/roles.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { findCase, selectCaseEvents } from '../store/case.repository.js';
import {
  deleteExpiredFollowUpSessions,
  deleteFollowUpSession,
  findFollowUpSession,
  insertFollowUpSession,
  touchFollowUpSession,
} from '../store/follow-up-session.repository.js';
import { findReportByReceiptHash } from '../store/report.repository.js';
import {
  attachmentNames,
  checkAttachments,
  newAttachmentId,
  storeAttachments,
} from './attachments.js';
import type { UploadedFile } from './attachments.js';
import { caseDataKey, openCaseEvents } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';
import { reporterView } from './follow-up-view.js';
import type { ReporterCaseView } from './follow-up-view.js';
import { recordCaseStep } from './record-case-step.js';
import { hashToken, isTokenShaped, newSecretToken } from './staff-secrets.js';

export type { ReporterCaseView, ReporterMessage } from './follow-up-view.js';

/**
 * The reporter's way back to their case: a correct receipt code opens a short session (a random
 * id in an httpOnly cookie; the database keeps its SHA-256 only), in which they read the status
 * and staff messages and add information and files. Every code costs one argon2id run whether it
 * exists or not, so neither the answer nor its time tells which codes exist.
 */

/** A session ends after 30 minutes without use… */
export const followUpIdleMs = 30 * 60 * 1000;
/** …and 4 hours after it began, however it is used. */
export const followUpAbsoluteMs = 4 * 60 * 60 * 1000;

// Hashed in place of a code that cannot be one, so a malformed code costs what a real one does.
const standIn = '00000000000000000000';

/**
 * Checks a typed receipt code and opens a follow-up session for its case. Returns the session id
 * for the cookie, or null when the code is unknown or malformed (rate limiting is the caller's).
 */
export async function openFollowUp(
  deps: ServiceDeps,
  typedCode: string,
): Promise<{ sessionId: string } | null> {
  const canonical = parseReceiptCode(typedCode);
  const hash = await hashReceiptCode(deps.keys, canonical ?? standIn);
  const row = await findReportByReceiptHash(deps.database.db, hash);
  // The lookup already compared; comparing again in constant time costs nothing and keeps the rule.
  const stored = Buffer.from(row?.receipt_hash ?? '');
  const matches = stored.length === hash.length && timingSafeEqual(stored, Buffer.from(hash));
  if (canonical === null || row === undefined || !matches) return null;

  const sessionId = newSecretToken();
  const now = deps.now();
  await inTransaction(deps.database.db, async (trx) => {
    // Sessions nobody came back to are cleared here, so none outlives its end for long.
    await deleteExpiredFollowUpSessions(trx, now.toISOString());
    await insertFollowUpSession(trx, {
      idHash: hashToken(sessionId),
      caseId: row.case_id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + followUpIdleMs).toISOString(),
    });
    await appendAuditEntry(trx, {
      at: now.toISOString(),
      actor: publicIntake.id,
      action: 'follow_up.opened',
      caseId: row.case_id,
    });
  });
  return { sessionId };
}

/** The case a live session belongs to, moving its idle end on; null when unknown or ended. */
async function sessionCase(deps: ServiceDeps, sessionId: string): Promise<string | null> {
  if (!isTokenShaped(sessionId)) return null;
  const idHash = hashToken(sessionId);
  const { db } = deps.database;
  const row = await findFollowUpSession(db, idHash);
  if (row === undefined || !timingSafeEqual(Buffer.from(row.id_hash), Buffer.from(idHash))) {
    return null;
  }
  const now = deps.now().getTime();
  if (now >= Date.parse(row.expires_at)) {
    await deleteFollowUpSession(db, idHash);
    return null;
  }
  const end = Math.min(now + followUpIdleMs, Date.parse(row.created_at) + followUpAbsoluteMs);
  await touchFollowUpSession(db, idHash, new Date(now).toISOString(), new Date(end).toISOString());
  return row.case_id;
}

/**
 * The reporter's view of the case a session belongs to: status in plain words and the
 * conversation with staff. Null when the session is unknown or has ended.
 */
export async function followUpCase(
  deps: ServiceDeps,
  sessionId: string,
): Promise<ReporterCaseView | null> {
  const caseId = await sessionCase(deps, sessionId);
  if (caseId === null) return null;
  const { db } = deps.database;
  const row = await findCase(db, caseId);
  if (row === undefined) throw notFound();
  const dataKey = caseDataKey(deps.keys, row);
  const events = openCaseEvents(dataKey, caseId, await selectCaseEvents(db, caseId));
  return reporterView(events, await attachmentNames(db, dataKey, caseId));
}

const additionSchema = z
  .string()
  .trim()
  .max(20_000, 'What you add can be at most 20,000 characters.')
  .refine((value) => value.isWellFormed() && !value.includes('\0'), {
    message: 'The text contains a character that cannot be stored.',
  });

/**
 * Adds the reporter's text and files to their case, as one `add_information` step of the public
 * side. Throws unauthenticated when the session is unknown or ended; invalid_input / too_large for
 * bad input; rule_violation when the case accepts nothing more (closed) or nothing was given.
 */
export async function addInformation(
  deps: ServiceDeps,
  sessionId: string,
  text: string,
  attachments: readonly UploadedFile[],
): Promise<void> {
  const caseId = await sessionCase(deps, sessionId);
  if (caseId === null) throw sessionEnded();
  const parsed = additionSchema.safeParse(text);
  if (!parsed.success) {
    throw new OmbudsError('invalid_input', parsed.error.issues[0]?.message ?? 'Check the text.', {
      logMessage: 'an addition to a report was refused: invalid text',
    });
  }
  const files = checkAttachments(attachments).map((file) => ({ id: newAttachmentId(), file }));
  await recordCaseStep(
    deps,
    caseId,
    { kind: 'add_information', text: parsed.data, attachmentIds: files.map(({ id }) => id) },
    publicIntake,
    (trx, { dataKey, at }) => storeAttachments(trx, dataKey, caseId, at, files),
  );
}

/** Ends a follow-up session (the reporter leaves); unknown ids are ignored. */
export async function endFollowUp(deps: ServiceDeps, sessionId: string): Promise<void> {
  if (!isTokenShaped(sessionId)) return;
  await deleteFollowUpSession(deps.database.db, hashToken(sessionId));
}

function sessionEnded(): OmbudsError {
  return new OmbudsError(
    'unauthenticated',
    'Your follow-up session has ended. Enter your receipt code again to continue.',
  );
}
