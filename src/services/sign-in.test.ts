import { describe, expect, it } from 'vitest';
import { generateKeyRing } from '../crypto/keys.js';
import { totpCode } from '../crypto/totp.js';
import { OmbudsError } from '../domain/errors.js';
import { describeStorage } from '../../test/helpers/storage.js';
import { createStaffUser } from '../../test/helpers/staff-session.js';
import type { ServiceDeps } from './deps.js';
import { completeEnrolment, readEnrolment } from './enrol-staff-user.js';
import { inviteStaffUser } from './invite-staff-user.js';
import { cliActorId, disableStaffUser } from './manage-staff-users.js';
import { signIn } from './sign-in.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { resolveStaffSession } from './staff-sessions.js';

const address = '192.0.2.10';

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof OmbudsError) return error.code;
    throw error;
  }
  return 'accepted';
}

describeStorage('staff accounts and sign-in', (use) => {
  let clock = Date.parse('2026-11-25T10:00:00.000Z');
  const deps = (): ServiceDeps => ({
    database: use().database,
    keys: keys,
    now: () => new Date(clock),
  });
  const keys = generateKeyRing();

  it('enrols through a one-time link and keeps the TOTP secret and password unreadable', async () => {
    const services = deps();
    const invitation = await inviteStaffUser(
      services,
      { username: ' Mia ', displayName: 'Mia Staff', roles: ['conduct_staff', 'conduct_staff'] },
      cliActorId,
    );
    expect(invitation.user).toMatchObject({
      username: 'mia',
      roles: ['conduct_staff'],
      enrolledAt: null,
    });
    const pending = await readEnrolment(services, invitation.token, 'Test');
    expect(pending.otpauthUri).toMatch(/^otpauth:\/\/totp\/Test:mia\?.*secret=[A-Z2-7]+/);

    const password = 'a long enough passphrase';
    await completeEnrolment(
      services,
      invitation.token,
      {
        password,
        passwordAgain: password,
        code: totpCode(pending.secret, new Date(clock - 30_000)),
      },
      'Test',
    );
    expect(await refusal(readEnrolment(services, invitation.token, 'Test'))).toBe('not_found');

    const row = await services.database.db
      .selectFrom('staff_users')
      .selectAll()
      .where('username', '=', 'mia')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(Buffer.from(row.totp_secret_sealed!).toString('latin1')).not.toContain(pending.secret);
    const enrolments = await services.database.db
      .selectFrom('staff_enrolments')
      .selectAll()
      .execute();
    expect(JSON.stringify(enrolments)).not.toContain(invitation.token);

    const session = await signIn(services, new SignInThrottle(), {
      username: 'MIA',
      password,
      code: totpCode(pending.secret, new Date(clock)),
      address,
    });
    expect(session.user.username).toBe('mia');
    expect(await resolveStaffSession(services, session.token)).toMatchObject({
      user: { id: row.id },
    });
  });

  it('lets an enrolment link lapse after 72 hours', async () => {
    const services = deps();
    const invitation = await inviteStaffUser(
      services,
      { username: 'late', displayName: 'Late', roles: ['conduct_staff'] },
      cliActorId,
    );
    clock += 72 * 60 * 60 * 1000 - 1;
    await readEnrolment(services, invitation.token, 'Test');
    clock += 1;
    expect(await refusal(readEnrolment(services, invitation.token, 'Test'))).toBe('not_found');
  });

  it('accepts one of two simultaneous sign-ins with the same code', async () => {
    const services = deps();
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const input = {
      username: user.username,
      password: user.password,
      code: totpCode(user.totpSecret, new Date(clock)),
      address,
    };
    const throttle = new SignInThrottle();
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => refusal(signIn(services, throttle, input))),
    );
    expect(outcomes.sort()).toEqual(['accepted', 'unauthenticated', 'unauthenticated']);
  });

  it('refuses a disabled user with the right password and code, and ends their sessions', async () => {
    const services = deps();
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const throttle = new SignInThrottle();
    const first = await signIn(services, throttle, {
      username: user.username,
      password: user.password,
      code: totpCode(user.totpSecret, new Date(clock)),
      address,
    });
    await disableStaffUser(services, cliActorId, { username: user.username });
    expect(await resolveStaffSession(services, first.token)).toBeNull();
    const again = signIn(services, throttle, {
      username: user.username,
      password: user.password,
      code: totpCode(user.totpSecret, new Date(clock + 30_000)),
      address,
    });
    expect(await refusal(again)).toBe('unauthenticated');
  });

  it('checks at most 10 of 50 parallel guesses at one account', async () => {
    const services = deps();
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const throttle = new SignInThrottle();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        refusal(
          signIn(services, throttle, {
            username: user.username,
            password: `guess ${index}`,
            code: '000000',
            address: `203.0.113.${index}`,
          }),
        ),
      ),
    );
    expect(outcomes.filter((code) => code === 'unauthenticated')).toHaveLength(10);
    expect(outcomes.filter((code) => code === 'rate_limited')).toHaveLength(40);
    const audited = await services.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'staff.sign_in_failed')
      .where('actor', '=', user.id)
      .execute();
    expect(audited).toHaveLength(10);
  });

  it('makes an unknown user name pay for a password verification like a known one', async () => {
    const services = deps();
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const throttle = new SignInThrottle({ perAccount: 1000, perAddress: 1000, windowMs: 60_000 });
    const time = async (username: string) => {
      const started = performance.now();
      await refusal(
        signIn(services, throttle, {
          username,
          password: 'wrong password',
          code: '000000',
          address,
        }),
      );
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 12; round += 1) {
      known.push(await time(user.username));
      unknown.push(await time(`nobody-${round}`));
    }
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // An argon2id run takes milliseconds; a lookup alone would be far below half of it.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('the sign-in throttle', () => {
  it('counts an IPv6 /64 as one address and IPv4-mapped addresses as IPv4', async () => {
    const { addressGroup } = await import('./sign-in-throttle.js');
    expect(addressGroup('2001:db8:1:2::5')).toBe(addressGroup('2001:0db8:0001:0002:ffff::1'));
    expect(addressGroup('2001:db8:1:3::5')).not.toBe(addressGroup('2001:db8:1:2::5'));
    expect(addressGroup('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('forgets guesses older than the window and never holds more keys than its bound', () => {
    const throttle = new SignInThrottle({ perAccount: 2, perAddress: 100, windowMs: 1000 }, 10);
    expect(throttle.reserve('a', '192.0.2.1', 0)).toBe(true);
    expect(throttle.reserve('a', '192.0.2.1', 1)).toBe(true);
    expect(throttle.reserve('a', '192.0.2.1', 2)).toBe(false);
    expect(throttle.reserve('a', '192.0.2.1', 1001)).toBe(true);
    for (let index = 0; index < 50; index += 1)
      throttle.reserve(`user-${index}`, '192.0.2.1', 1100);
    expect(throttle.trackedKeys.accounts).toBeLessThanOrEqual(10);
    expect(throttle.reserve('user-49', '192.0.2.1', 1100)).toBe(true);
    expect(throttle.reserve('user-49', '192.0.2.1', 1100)).toBe(false);
  });
});
