import { describe, expect, it } from 'vitest';
import { generateKeyRing } from './keys.js';
import {
  formatReceiptCode,
  hashReceiptCode,
  parseReceiptCode,
  receiptCodeFor,
  submissionIdHash,
} from './receipt-codes.js';

const keys = generateKeyRing();
const submissionId = 'c3VibWlzc2lvbi0wMDAwMDAwMQ';

describe('receipt codes', () => {
  it('are five groups of four Crockford base32 characters: 100 bits', () => {
    const code = receiptCodeFor(keys, submissionId);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it('are the same for a re-sent submission and differ between submissions and key rings', () => {
    const code = receiptCodeFor(keys, submissionId);
    expect(receiptCodeFor(keys, submissionId)).toBe(code);
    expect(receiptCodeFor(keys, `${submissionId}x`)).not.toBe(code);
    expect(receiptCodeFor(generateKeyRing(), submissionId)).not.toBe(code);
  });

  it('spread over the whole alphabet in every position', () => {
    const seen = Array.from({ length: 20 }, () => new Set<string>());
    for (let i = 0; i < 2000; i += 1) {
      const canonical = parseReceiptCode(receiptCodeFor(keys, `submission-${i}-padding-xx`));
      [...(canonical ?? '')].forEach((character, position) => seen[position]?.add(character));
    }
    expect(seen.map((set) => set.size)).toEqual(Array.from({ length: 20 }, () => 32));
  });

  it('read back forgivingly: case, spaces, dashes, look-alike letters, full-width digits', () => {
    const code = receiptCodeFor(keys, submissionId);
    const canonical = code.replaceAll('-', '');
    expect(parseReceiptCode(code)).toBe(canonical);
    expect(parseReceiptCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(canonical);
    expect(parseReceiptCode(canonical.match(/.{1,2}/g)!.join('–'))).toBe(canonical);
    expect(parseReceiptCode('OOOO-IIII-LLLL-oooo-iiii')).toBe('00001111111100001111');
    expect(parseReceiptCode('０１２３-4567-89AB-CDEF-GHJK')).toBe('0123456789ABCDEFGHJK');
  });

  it('refuse what cannot be a code', () => {
    expect(parseReceiptCode('')).toBeNull();
    expect(parseReceiptCode('ABCD-EFGH-JKMN-PQRS')).toBeNull();
    expect(parseReceiptCode('ABCD-EFGH-JKMN-PQRS-TVWXY')).toBeNull();
    expect(parseReceiptCode('UUUU-EFGH-JKMN-PQRS-TVWX')).toBeNull();
    expect(parseReceiptCode('x'.repeat(10_000))).toBeNull();
    expect(formatReceiptCode('0123456789ABCDEFGHJK')).toBe('0123-4567-89AB-CDEF-GHJK');
  });

  it('are stored as a salted slow hash that needs no user name to find', async () => {
    const canonical = parseReceiptCode(receiptCodeFor(keys, submissionId))!;
    const hash = await hashReceiptCode(keys, canonical);
    expect(hash).toMatch(/^r2\$[A-Za-z0-9_-]{43}$/);
    expect(await hashReceiptCode(keys, canonical)).toBe(hash);
    expect(hash).not.toContain(canonical);
    // The salt is secret: another installation hashes the same code otherwise.
    expect(await hashReceiptCode(generateKeyRing(), canonical)).not.toBe(hash);
  });

  it('keep only a keyed hash of the submission id, unrelated to the code', () => {
    const hash = submissionIdHash(keys, submissionId);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(submissionId);
    expect(submissionIdHash(keys, submissionId)).toBe(hash);
    expect(submissionIdHash(generateKeyRing(), submissionId)).not.toBe(hash);
  });
});
