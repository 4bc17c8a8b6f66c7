import type { Kysely, Transaction } from 'kysely';
import { openText } from '../crypto/sealing.js';
import type { CaseState } from '../domain/case-state.js';
import {
  accusedFacingTexts,
  complainantItemsFromContact,
  redactionRefusal,
  type ComplainantIdentity,
} from '../domain/redaction.js';
import type { Rejection } from '../domain/procedure-rules.js';
import { selectCaseReports } from '../store/report.repository.js';
import type { DB } from '../store/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The complainant's identity as the case holds it, opened from its sealed reports (the contact
 * details the reporter gave, and whether they asked to stay anonymous) and from the timeline (the
 * anonymity staff recorded in the initial report). Used only to check text for the accused; the
 * opened values go nowhere else.
 */
export async function loadComplainantIdentity(
  db: Executor,
  dataKey: Uint8Array,
  caseId: string,
  state: CaseState,
): Promise<ComplainantIdentity> {
  let anonymityRequested = state.initialReport?.anonymityRequested === true;
  const items = [];
  for (const report of await selectCaseReports(db, caseId)) {
    const content = JSON.parse(
      openText(dataKey, report.content_sealed, {
        table: 'reports',
        column: 'content_sealed',
        rowId: report.id,
      }),
    ) as { anonymous?: unknown; contact?: unknown };
    if (content.anonymous === true) anonymityRequested = true;
    if (typeof content.contact === 'string') {
      items.push(...complainantItemsFromContact(content.contact));
    }
  }
  return { anonymityRequested, items };
}

/**
 * The refusal of a command whose text for the accused carries an anonymous complainant's
 * identity (`complainant_identity_in_accused_text`), or null. Opens nothing for commands that
 * write nothing for the accused.
 */
export async function complainantIdentityRefusal(
  db: Executor,
  dataKey: Uint8Array,
  caseId: string,
  state: CaseState,
  command: { readonly kind: string; readonly message?: string | undefined },
): Promise<Rejection | null> {
  const texts = accusedFacingTexts(state, command);
  if (texts.length === 0) return null;
  return redactionRefusal(texts, await loadComplainantIdentity(db, dataKey, caseId, state));
}
