import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, blindIndexer } from './blind-index.js';
import { generateKeyRing, namedKey } from './keys.js';
import { hashReceiptCode, receiptCodeFor, submissionIdHash } from './receipt-codes.js';
import { newDataKey, openText, sealField } from './sealing.js';

/**
 * The sealing, blind-index and receipt-code keys are imported or derived once per key and
 * reused. These tests pin down that reuse never mixes keys up: another key gives other results,
 * and a key's bytes changed in place are never used stale.
 */

const binding = { table: 'reports', column: 'content_sealed', rowId: 'r-1' };

describe('reused key material', () => {
  it('seals under the bytes a data key holds now, even when they were changed in place', () => {
    const key = newDataKey();
    const before = Buffer.from(key);
    const first = sealField(key, 'first', binding);
    randomBytes(32).copy(key);
    const second = sealField(key, 'second', binding);
    expect(openText(key, second, binding)).toBe('second');
    expect(() => openText(key, first, binding)).toThrow(/integrity/);
    expect(openText(before, first, binding)).toBe('first');
    expect(() => openText(before, second, binding)).toThrow(/integrity/);
  });

  it('opens with an equal key held in another buffer, and refuses another key', () => {
    const key = newDataKey();
    const sealed = sealField(key, 'text', binding);
    expect(openText(Buffer.from(key), sealed, binding)).toBe('text');
    expect(() => openText(newDataKey(), sealed, binding)).toThrow(/integrity/);
  });

  it('indexes identifiers alike however often the key is used, and otherwise under another key', () => {
    const identifier = { kind: 'email', value: 'sam@example.org' } as const;
    const key = generateKeyRing().blindIndexKey;
    const other = namedKey('blindIndexKey', randomBytes(32));
    const once = blindIndex(key, identifier);
    expect(blindIndex(key, identifier)).toBe(once);
    expect(blindIndexer(key)(identifier)).toBe(once);
    expect(blindIndex(namedKey('blindIndexKey', Buffer.from(key.key)), identifier)).toBe(once);
    expect(blindIndex(other, identifier)).not.toBe(once);
  });

  it('derives receipt codes, submission hashes and receipt hashes per key ring', async () => {
    const ring = generateKeyRing();
    const other = generateKeyRing();
    const id = randomBytes(32).toString('base64url');
    expect(receiptCodeFor(ring, id)).toBe(receiptCodeFor(ring, id));
    expect(receiptCodeFor(other, id)).not.toBe(receiptCodeFor(ring, id));
    expect(submissionIdHash(ring, id)).toBe(submissionIdHash(ring, id));
    expect(submissionIdHash(other, id)).not.toBe(submissionIdHash(ring, id));
    const code = 'ABCDEFGHJKMNPQRSTVWX';
    const hash = await hashReceiptCode(ring, code);
    expect(await hashReceiptCode(ring, code)).toBe(hash);
    expect(await hashReceiptCode(other, code)).not.toBe(hash);
    // A ring loaded again from the same bytes (a restart) gives the same values.
    const reloaded = {
      keyEncryptionKey: ring.keyEncryptionKey,
      blindIndexKey: namedKey('blindIndexKey', Buffer.from(ring.blindIndexKey.key)),
    };
    expect(receiptCodeFor(reloaded, id)).toBe(receiptCodeFor(ring, id));
    expect(await hashReceiptCode(reloaded, code)).toBe(hash);
  });
});
