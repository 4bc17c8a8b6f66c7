import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { openField, openText, sealField } from '../crypto/sealing.js';
import type { FieldBinding } from '../crypto/sealing.js';
import { notFound, OmbudsError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import {
  insertAttachment,
  selectAttachment,
  selectAttachmentNames,
  sumAttachmentSizes,
} from '../store/attachment.repository.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import type { DB } from '../store/schema.js';
import type { CheckedFile } from './attachment-checks.js';
import { maxAttachmentBytesPerCase } from './attachment-checks.js';
import { assertCaseAccess } from './case-access.service.js';
import type { ServiceDeps } from './deps.js';

export {
  acceptedContentTypes,
  checkAttachment,
  checkAttachments,
  cleanFileName,
  maxAttachmentBytes,
  maxAttachmentBytesPerCase,
  maxAttachmentsPerSubmission,
  sniffContentType,
} from './attachment-checks.js';
export type { AcceptedContentType, CheckedFile, UploadedFile } from './attachment-checks.js';

/**
 * Attachments are sealed under the case's data key in memory and stored in the database; nothing
 * of them is ever written to a file. Each is bound to its row, so a ciphertext moved to another
 * attachment or case fails to open.
 */

const binding = (id: string, column: 'name_sealed' | 'content_sealed'): FieldBinding => ({
  table: 'attachments',
  column,
  rowId: id,
});

/** A fresh random id for an attachment (128 bits, base64url). */
export function newAttachmentId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Seals and stores checked files on a case under the given ids, inside the caller's transaction,
 * which must hold the case (new, or locked). Throws OmbudsError('too_large') when the case would
 * exceed its total.
 */
export async function storeAttachments(
  trx: Transaction<DB>,
  dataKey: Uint8Array,
  caseId: string,
  at: string,
  files: readonly { readonly id: string; readonly file: CheckedFile }[],
): Promise<void> {
  if (files.length === 0) return;
  const adding = files.reduce((total, { file }) => total + file.bytes.length, 0);
  if ((await sumAttachmentSizes(trx, caseId)) + adding > maxAttachmentBytesPerCase) {
    throw new OmbudsError(
      'too_large',
      'The files of one report can be at most 50 MB together. Leave some out, or describe them in words.',
      { logMessage: `attachments of ${adding} bytes would exceed the per-case limit` },
    );
  }
  for (const { id, file } of files) {
    await insertAttachment(trx, {
      id,
      caseId,
      createdAt: at,
      size: file.bytes.length,
      contentType: file.contentType,
      nameSealed: sealField(dataKey, file.name, binding(id, 'name_sealed')),
      contentSealed: sealField(dataKey, file.bytes, binding(id, 'content_sealed')),
    });
  }
}

/** The names of a case's attachments by id (content stays sealed). */
export async function attachmentNames(
  db: Transaction<DB> | ServiceDeps['database']['db'],
  dataKey: Uint8Array,
  caseId: string,
): Promise<Map<string, string>> {
  const rows = await selectAttachmentNames(db, caseId);
  return new Map(
    rows.map((row) => [row.id, openText(dataKey, row.nameSealed, binding(row.id, 'name_sealed'))]),
  );
}

/** An attachment opened for a member of staff. */
export interface OpenedAttachment {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/**
 * Opens one attachment of a case for a member of staff who may view the case, and writes the view
 * to the audit log. Throws not_found alike for a missing case, a missing attachment and a person
 * who may not see the case; integrity when the stored ciphertext does not open.
 */
export async function readAttachment(
  deps: ServiceDeps,
  caseId: string,
  attachmentId: string,
  actor: Actor,
): Promise<OpenedAttachment> {
  return inTransaction(deps.database.db, async (trx) => {
    // The one access gate (recusals, blind-index matches with staff, counsel's grant).
    const { dataKey } = await assertCaseAccess(deps, caseId, actor, 'view', trx);
    const stored = await selectAttachment(trx, caseId, attachmentId);
    if (stored === undefined) throw notFound();
    await appendAuditEntry(trx, {
      at: deps.now().toISOString(),
      actor: actor.id,
      action: 'attachment.read',
      caseId,
      subjectIds: [attachmentId],
    });
    return {
      id: stored.id,
      name: openText(dataKey, stored.nameSealed, binding(stored.id, 'name_sealed')),
      contentType: stored.contentType,
      bytes: openField(dataKey, stored.contentSealed, binding(stored.id, 'content_sealed')),
    };
  });
}
