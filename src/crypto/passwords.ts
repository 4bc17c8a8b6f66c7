import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with argon2id (node:crypto), parameters from the OWASP password storage cheat
 * sheet: 19 MiB of memory, 2 passes, 1 lane. Stored in the PHC string format, so parameters can
 * be raised later and old hashes still verify:
 *   $argon2id$v=19$m=19456,t=2,p=1$<salt, base64 without padding>$<tag, base64 without padding>
 */

export const argon2Parameters = { memory: 19456, passes: 2, parallelism: 1 } as const;
const saltLength = 16;
const tagLength = 32;

interface Parameters {
  readonly memory: number;
  readonly passes: number;
  readonly parallelism: number;
}

function derive(password: string, salt: Buffer, parameters: Parameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: password, nonce: salt, tagLength, ...parameters },
      (error, derived) => {
        if (error) reject(error);
        else resolve(derived);
      },
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const tag = await derive(password, salt, argon2Parameters);
  const { memory, passes, parallelism } = argon2Parameters;
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(tag)}`;
}

const phc =
  /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/;

// A hash of a random password: verifying against it costs what a real verification costs.
const dummyHash = hashPassword(randomBytes(24).toString('base64'));

/**
 * True when the password matches the stored hash. A malformed or empty stored hash (an account
 * that has not enrolled) is verified against a dummy hash instead, so every answer costs one
 * argon2id run and takes the same time.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  let match = phc.exec(stored);
  const real = match !== null;
  match ??= phc.exec(await dummyHash);
  if (match === null) throw new Error('the dummy password hash is malformed');
  const [, memory, passes, parallelism, salt, tag] = match;
  const expected = Buffer.from(tag ?? '', 'base64');
  const derived = await derive(password, Buffer.from(salt ?? '', 'base64'), {
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
  }).catch(() => Buffer.alloc(0));
  const equal = derived.length === expected.length && timingSafeEqual(derived, expected);
  return real && equal;
}

/** Pays for one verification without a user: the answer to an unknown user name. */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword('', password);
  return false;
}
