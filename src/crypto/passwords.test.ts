import { describe, expect, it } from 'vitest';
import { generateKeyRing } from './keys.js';
import { staffSecretsKey } from './instance-keys.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';
import { matchTotpStep, newTotpSecret, totpCode, totpStep, totpUri } from './totp.js';

describe('password hashes', () => {
  it('stores argon2id with the OWASP parameters and a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(second).not.toBe(first);
    await expect(verifyPassword(first, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(first, 'correct horse batterz')).resolves.toBe(false);
  });

  it('answers false, after a full verification, for an empty or malformed stored hash', async () => {
    await expect(verifyPassword('', 'anything')).resolves.toBe(false);
    await expect(verifyPassword('$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA', 'x')).resolves.toBe(false);
    await expect(verifyNothing('anything')).resolves.toBe(false);
  });
});

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-11-25T10:00:10.000Z');

  it('accepts the code of the step before, now and after, and tells which step it was', () => {
    const now = totpStep(at);
    expect(matchTotpStep(secret, totpCode(secret, at), at)).toBe(now);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(
      now - 1,
    );
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(
      now + 1,
    );
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 60_000)), at)).toBeNull();
  });

  it('refuses anything but six digits, and ignores spaces people type', () => {
    const code = totpCode(secret, at);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(totpStep(at));
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}\n1`]) {
      expect(matchTotpStep(secret, bad, at), bad).toBeNull();
    }
  });

  it('describes the account for authenticator apps as an otpauth URI', () => {
    expect(totpUri(secret, 'Example Foundation', 'ada')).toBe(
      `otpauth://totp/Example%20Foundation:ada?issuer=Example%20Foundation&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
  });
});

describe('the staff secrets key', () => {
  it('is derived from the key-encryption key, stable, and not the key itself', () => {
    const ring = generateKeyRing();
    expect(staffSecretsKey(ring)).toEqual(staffSecretsKey(ring));
    expect(staffSecretsKey(ring).equals(ring.keyEncryptionKey.key)).toBe(false);
    expect(staffSecretsKey(generateKeyRing()).equals(staffSecretsKey(ring))).toBe(false);
  });
});
