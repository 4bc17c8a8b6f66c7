import { z } from 'zod';
import { roles, type Actor, type Role } from './roles.js';

/**
 * The rules of staff accounts: how long sessions and enrolment links live, how often a password
 * may be guessed, what a user name and a password must be, and who may disable whom.
 */

/** Sessions end after 30 minutes without a request, and 12 hours after sign-in in any case. */
export const sessionPolicy = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often, so reading pages does not write every time. */
  touchEveryMs: 60 * 1000,
} as const;

/** An enrolment link works once, within 72 hours of the invitation. */
export const enrolmentValidMs = 72 * 60 * 60 * 1000;

/**
 * Guesses evaluated per window. Counted before the password hash is checked, so parallel
 * requests cannot get past the limit; an account under attack stays locked for the whole window.
 */
export const signInLimits = {
  perAccount: 10,
  perAddress: 30,
  windowMs: 60 * 60 * 1000,
} as const;

/** Lower-case letters, digits, dot, dash and underscore; compared as lower-case. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'a user name of 2 to 64 letters, digits, ".", "-" or "_"');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a name')
  .max(200, 'a name of at most 200 characters');

/**
 * OWASP ASVS with a second factor: at least 12 characters, no composition rules, and long
 * passphrases allowed. The upper bound keeps one argon2id input reasonable.
 */
export const passwordSchema = z
  .string()
  .min(12, 'at least 12 characters')
  .max(256, 'at most 256 characters')
  .refine((value) => value.isWellFormed(), 'text without broken characters');

export const roleSchema = z.enum(roles, { error: `a role: one of ${roles.join(', ')}` });

/** At least one role; each role once. */
export const roleListSchema = z
  .array(roleSchema)
  .min(1, 'at least one role')
  .transform((list) => [...new Set(list)]);

/** Parses the roles column (a JSON array); anything malformed or unknown grants no role. */
export function parseStoredRoles(text: string): Role[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = z.array(z.string()).safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.filter((name): name is Role => (roles as readonly string[]).includes(name));
}

/** Why an administrator may not disable an account, or null when they may. */
export function disableRefusal(actor: Actor, targetId: string): 'self' | null {
  // Disabling oneself could leave the installation without an administrator.
  return actor.id === targetId ? 'self' : null;
}

/** A staff account as the application sees it; secrets (hashes, TOTP) stay in the store. */
export interface StaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly createdAt: string;
  readonly enrolledAt: string | null;
  readonly disabledAt: string | null;
}

/** The actor a signed-in staff user acts as. */
export function staffActor(user: Pick<StaffUser, 'id' | 'roles'>): Actor {
  return { id: user.id, roles: user.roles, kind: 'person' };
}
