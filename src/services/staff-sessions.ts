import { timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import { sessionPolicy, staffActor, type StaffUser } from '../domain/staff-accounts.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import type { DB } from '../store/schema.js';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSession,
  touchSession,
} from '../store/staff-session.repository.js';
import { toStaffUser } from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import { hashToken, isTokenShaped, newSecretToken } from './staff-secrets.js';

/** A signed-in staff member, as a valid session cookie proves. */
export interface StaffSession {
  readonly user: StaffUser;
  readonly actor: Actor;
  /** The hash the session is stored under (never the cookie value). */
  readonly idHash: string;
}

/**
 * Starts a session for a user inside the caller's transaction and returns the cookie value: a
 * fresh random 256-bit id each time, so an id planted before sign-in is never the one after.
 */
export async function startStaffSession(
  deps: ServiceDeps,
  trx: Transaction<DB>,
  userId: string,
): Promise<string> {
  const token = newSecretToken();
  const now = deps.now();
  await insertSession(trx, {
    idHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + sessionPolicy.absoluteMs).toISOString(),
  });
  return token;
}

/**
 * The session a cookie value names, or null when there is none, it is idle for longer than the
 * idle timeout, past its absolute end, or its user is disabled. An ended session is deleted.
 */
export async function resolveStaffSession(
  deps: ServiceDeps,
  token: string,
): Promise<StaffSession | null> {
  if (!isTokenShaped(token)) return null;
  const idHash = hashToken(token);
  const { db } = deps.database;
  const row = await findSessionWithUser(db, idHash);
  // The lookup is by hash; comparing again in constant time costs nothing and keeps the rule.
  if (row === undefined || !timingSafeEqual(Buffer.from(row.id_hash), Buffer.from(idHash))) {
    return null;
  }
  const now = deps.now().getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  const ended =
    row.disabled_at !== null ||
    row.enrolled_at === null ||
    now >= Date.parse(row.expires_at) ||
    now >= lastSeen + sessionPolicy.idleMs;
  if (ended) {
    await deleteSession(db, idHash);
    return null;
  }
  if (now - lastSeen >= sessionPolicy.touchEveryMs) {
    await touchSession(db, idHash, new Date(now).toISOString());
  }
  const user = toStaffUser(row);
  return { user, actor: staffActor(user), idHash };
}

/** Signs one session out (audited). Unknown or already ended sessions are a no-op. */
export async function endStaffSession(deps: ServiceDeps, session: StaffSession): Promise<void> {
  await inTransaction(deps.database.db, async (trx) => {
    if (!(await deleteSession(trx, session.idHash))) return;
    await appendAuditEntry(trx, {
      at: deps.now().toISOString(),
      actor: session.user.id,
      action: 'staff.signed_out',
      subjectIds: [session.user.id],
    });
  });
}

/** Ends every session of the signed-in user, this one included (audited); returns how many. */
export async function endAllStaffSessions(
  deps: ServiceDeps,
  session: StaffSession,
): Promise<number> {
  return inTransaction(deps.database.db, async (trx) => {
    const ended = await deleteSessionsOfUser(trx, session.user.id);
    await appendAuditEntry(trx, {
      at: deps.now().toISOString(),
      actor: session.user.id,
      action: 'staff.signed_out_everywhere',
      subjectIds: [session.user.id],
      details: { sessions: ended },
    });
    return ended;
  });
}
