import type { Kysely, Transaction } from 'kysely';
import {
  accusedLinkExpiry,
  accusedLinkRefusal,
  accusedLinkRuleReasons,
  accusedPage,
  accusedSessionExpiry,
  type AccusedPage,
} from '../domain/accused-link.js';
import { replay } from '../domain/case-state.js';
import { notFound, ruleViolation } from '../domain/errors.js';
import { accusedRespondent, type Actor } from '../domain/roles.js';
import {
  deleteAccusedSession,
  findAccusedSession,
  insertAccusedLink,
  insertAccusedSession,
  takeAccusedLink,
} from '../store/access.repository.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { findCase, selectCaseEvents } from '../store/case.repository.js';
import type { DB } from '../store/schema.js';
import { assertCaseAccess } from './case-access.service.js';
import { caseDataKey, openCaseEvents } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';
import { recordCaseStep } from './record-case-step.js';
import { hashToken, isTokenShaped, newSecretToken } from './staff-secrets.js';

/**
 * The accused's side of a case: staff make a one-time link once the notice is recorded; the
 * accused exchanges it for a short session (the token is then spent, and leaves the address bar),
 * reads the notice and sends a response. Tokens and session ids are random 256-bit values stored
 * only as SHA-256; the audit log names the accused only as `accused-link`.
 */

/** A link as staff see it once: the token goes in the address they send. */
export interface IssuedAccusedLink {
  readonly token: string;
  readonly expiresAt: string;
}

/**
 * Makes a new link to the notice for the case (ending any earlier unused one). Throws not_found
 * for a case the actor may not open, rule_violation when no link may be made now.
 */
export async function issueAccusedLink(
  deps: ServiceDeps,
  caseId: string,
  actor: Actor,
): Promise<IssuedAccusedLink> {
  return inTransaction(deps.database.db, async (trx) => {
    const opened = await assertCaseAccess(deps, caseId, actor, 'act', trx);
    const rule = accusedLinkRefusal(opened.accessState, actor);
    if (rule !== null) {
      throw ruleViolation({ rule, reason: accusedLinkRuleReasons[rule] });
    }
    const at = deps.now().toISOString();
    const token = newSecretToken();
    const expiresAt = accusedLinkExpiry(opened.state, at);
    await insertAccusedLink(trx, {
      tokenHash: hashToken(token),
      caseId,
      by: actor.id,
      at,
      expiresAt,
    });
    await appendAuditEntry(trx, {
      at,
      actor: actor.id,
      action: 'case.accused_link_issued',
      caseId,
      details: { expiresAt },
    });
    return { token, expiresAt };
  });
}

/**
 * Exchanges a link's token for a new accused session, once: returns the session id for the
 * cookie, or null for an unknown, used or expired token (all alike).
 */
export async function exchangeAccusedLink(
  deps: ServiceDeps,
  token: string,
): Promise<string | null> {
  // The same work for every token shape, so a malformed token answers like an unknown one.
  const tokenHash = hashToken(isTokenShaped(token) ? token : `!${token}`);
  return inTransaction(deps.database.db, async (trx) => {
    const at = deps.now().toISOString();
    const link = await takeAccusedLink(trx, tokenHash, at);
    if (link === undefined) return null;
    const sessionId = newSecretToken();
    await insertAccusedSession(trx, {
      idHash: hashToken(sessionId),
      caseId: link.case_id,
      at,
      expiresAt: accusedSessionExpiry(at, link.expires_at),
    });
    await appendAuditEntry(trx, {
      at,
      actor: accusedRespondent.id,
      action: 'case.accused_link_opened',
      caseId: link.case_id,
    });
    return sessionId;
  });
}

/** The case of a live accused session, or null. */
export async function accusedSessionCase(
  deps: ServiceDeps,
  sessionId: string,
  db: Kysely<DB> | Transaction<DB> = deps.database.db,
): Promise<string | null> {
  if (!isTokenShaped(sessionId)) return null;
  const row = await findAccusedSession(db, hashToken(sessionId), deps.now().toISOString());
  return row?.case_id ?? null;
}

/**
 * What the accused's page shows, read for a live session and audited (`case.viewed` by
 * `accused-link`). Throws not_found without a live session or without a notice.
 */
export async function viewAsAccused(deps: ServiceDeps, sessionId: string): Promise<AccusedPage> {
  return inTransaction(deps.database.db, async (trx) => {
    const caseId = await accusedSessionCase(deps, sessionId, trx);
    if (caseId === null) throw notFound();
    const row = await findCase(trx, caseId);
    if (row === undefined) throw notFound();
    const events = openCaseEvents(
      caseDataKey(deps.keys, row),
      caseId,
      await selectCaseEvents(trx, caseId),
    );
    const page = accusedPage(replay(events));
    if (page === null) throw notFound();
    await appendAuditEntry(trx, {
      at: deps.now().toISOString(),
      actor: accusedRespondent.id,
      action: 'case.viewed',
      caseId,
    });
    return page;
  });
}

/**
 * Records the accused's response (`record_response` by `accusedRespondent`). Throws not_found
 * without a live session, rule_violation when the procedure refuses it (already answered, window
 * closed, case closed).
 */
export async function respondAsAccused(
  deps: ServiceDeps,
  sessionId: string,
  summary: string,
): Promise<void> {
  const caseId = await accusedSessionCase(deps, sessionId);
  if (caseId === null) throw notFound();
  await recordCaseStep(deps, caseId, { kind: 'record_response', summary }, accusedRespondent);
}

/** Ends an accused session (leaving the page). */
export async function endAccusedSession(deps: ServiceDeps, sessionId: string): Promise<void> {
  if (!isTokenShaped(sessionId)) return;
  await deleteAccusedSession(deps.database.db, hashToken(sessionId));
}
