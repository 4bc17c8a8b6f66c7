import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/roles.js';
import { staffActor, type StaffUser } from '../../src/domain/staff-accounts.js';
import type { Actor } from '../../src/domain/roles.js';
import { totpCode } from '../../src/crypto/totp.js';
import { csrfCookie } from '../../src/http/forms.js';
import { sessionCookie, signInPath } from '../../src/http/console/session.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { completeEnrolment, readEnrolment } from '../../src/services/enrol-staff-user.js';
import { inviteStaffUser } from '../../src/services/invite-staff-user.js';
import { startStaffSession } from '../../src/services/staff-sessions.js';
import { inTransaction } from '../../src/store/audit-log.js';

/** A staff user made for a test, with the secrets a test needs to act as them. */
export interface TestStaffUser extends StaffUser {
  readonly password: string;
  /** The TOTP secret in base32, as the enrolment page shows it. */
  readonly totpSecret: string;
  /** The actor the user acts as in services. */
  readonly actor: Actor;
  /** The services the user was written through (signIn starts sessions with them). */
  readonly services: ServiceDeps;
}

let counter = 0;

/**
 * Creates an enrolled staff user through the real services (invitation, then enrolment with a
 * password and a TOTP code), with a known password and TOTP secret. The enrolment uses the
 * previous TOTP step, so a sign-in with the current code right after is not a replay.
 */
export async function createStaffUser(
  services: ServiceDeps,
  options: {
    readonly username?: string;
    readonly displayName?: string;
    readonly roles: readonly Role[];
  },
): Promise<TestStaffUser> {
  counter += 1;
  const username = options.username ?? `staff-${counter}-${randomBytes(3).toString('hex')}`;
  const displayName = options.displayName ?? `Test Staff ${counter}`;
  const invitation = await inviteStaffUser(
    services,
    { username, displayName, roles: options.roles },
    'cli',
  );
  const pending = await readEnrolment(services, invitation.token, 'test');
  const password = `correct horse ${randomBytes(6).toString('hex')}`;
  const previousStep = new Date(services.now().getTime() - 30_000);
  const user = await completeEnrolment(
    services,
    invitation.token,
    { password, passwordAgain: password, code: totpCode(pending.secret, previousStep) },
    'test',
  );
  return { ...user, password, totpSecret: pending.secret, actor: staffActor(user), services };
}

/**
 * The TOTP code of a test user at a moment (default: now by the user's services clock). For
 * browser tests that fill in the sign-in form; a code works once per 30-second step, so a second
 * sign-in of the same user within one step needs `at` 30 seconds later (accepted as clock drift).
 */
export function totpCodeFor(
  user: Pick<TestStaffUser, 'totpSecret' | 'services'>,
  at?: Date,
): string {
  return totpCode(user.totpSecret, at ?? user.services.now());
}

/** What app.inject needs to act as a signed-in staff member. */
export interface StaffSessionHeaders {
  /** The Cookie header: the CSRF secret cookie and the session cookie. */
  readonly cookie: string;
  /** The token for the `_csrf` field (or x-csrf-token header) of every POST. */
  readonly csrfToken: string;
}

function cookieValue(
  response: Awaited<ReturnType<FastifyInstance['inject']>>,
  name: string,
): string {
  const cookie = response.cookies.find((c) => c.name === name);
  if (cookie === undefined) throw new Error(`the response set no ${name} cookie`);
  return cookie.value;
}

/**
 * Signs a test user in for app.inject: starts a session through the session service (no
 * password or TOTP round trip, so tests neither hit the sign-in limits nor reuse a TOTP step)
 * and fetches a CSRF token with its secret cookie from the sign-in page. The app must use the
 * same services (database and clock) as the user.
 */
export async function signIn(
  app: FastifyInstance,
  user: TestStaffUser,
): Promise<StaffSessionHeaders> {
  const token = await inTransaction(user.services.database.db, (trx) =>
    startStaffSession(user.services, trx, user.id),
  );
  const page = await app.inject({ method: 'GET', url: signInPath });
  if (page.statusCode !== 200) throw new Error(`GET ${signInPath} answered ${page.statusCode}`);
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (csrfToken === undefined) throw new Error('the sign-in page carries no CSRF token');
  return {
    cookie: `${csrfCookie}=${cookieValue(page, csrfCookie)}; ${sessionCookie}=${token}`,
    csrfToken,
  };
}

/** A urlencoded form body with the CSRF token, for app.inject POSTs. */
export function formBody(
  csrfToken: string,
  fields: Readonly<Record<string, string | readonly string[]>> = {},
): string {
  const params = new URLSearchParams({ _csrf: csrfToken });
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  return params.toString();
}
