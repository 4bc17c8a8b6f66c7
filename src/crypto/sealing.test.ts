import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OmbudsError } from '../domain/errors.js';
import { generateKeyRing } from './keys.js';
import {
  freshNonce,
  newDataKey,
  openField,
  openText,
  sealField,
  unwrapDataKey,
  wrapDataKey,
  wrappedKeyKekId,
  type FieldBinding,
} from './sealing.js';

const binding: FieldBinding = { table: 'reports', column: 'content_sealed', rowId: 'rep_01' };

function integrityError(run: () => unknown): OmbudsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OmbudsError);
    expect((error as OmbudsError).code).toBe('integrity');
    return error as OmbudsError;
  }
  throw new Error('expected an integrity error');
}

const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'NUL\u0000in the middle',
  '\uFEFFleading byte-order mark',
  'right-to-left \u202Eoverride\u202C and isolate \u2066x\u2069',
  'עברית ومعه العربية',
  '👩🏽‍💻🏳️‍🌈 family 👨‍👩‍👧‍👦',
  '\u{10FFFF}\u{1F600}\u{E0001}',
  'Zalgo: Z̸̢̛̤͎̈́a̵̙̐l̶̰̓g̶̛̣o̷̧̽',
  'line\r\nbreaks\u2028and\u2029separators',
  "'; DROP TABLE reports; --",
  '\uFFFD\uFFFE\uFFFF',
  'x'.repeat(70_000),
];

describe('sealed fields', () => {
  const dataKey = newDataKey();

  it.each(nastyStrings.map((text) => [text.slice(0, 30), text]))(
    'round-trip the text %j exactly',
    (_, text) => {
      const sealed = sealField(dataKey, text, binding);
      expect(openText(dataKey, sealed, binding)).toBe(text);
    },
  );

  it('round-trip 1 MB + 1 of text and of bytes', () => {
    const text = 'é'.repeat(512 * 1024) + 'x';
    expect(Buffer.byteLength(text)).toBe(1024 * 1024 + 1);
    expect(openText(dataKey, sealField(dataKey, text, binding), binding)).toBe(text);
    const bytes = randomBytes(1024 * 1024 + 1);
    expect(openField(dataKey, sealField(dataKey, bytes, binding), binding).equals(bytes)).toBe(
      true,
    );
  });

  it('round-trip binary data, including an empty array', () => {
    for (const bytes of [
      new Uint8Array(0),
      Uint8Array.from([0, 255, 0xc3, 0x28]),
      randomBytes(33),
    ]) {
      expect([...openField(dataKey, sealField(dataKey, bytes, binding), binding)]).toEqual([
        ...bytes,
      ]);
    }
  });

  it('have the documented layout: version, nonce, ciphertext, tag', () => {
    const sealed = sealField(dataKey, 'abc', binding);
    expect(sealed[0]).toBe(1);
    expect(sealed).toHaveLength(1 + 12 + 3 + 16);
  });

  it('differ each time the same text is sealed', () => {
    const a = sealField(dataKey, 'the same narrative', binding);
    const b = sealField(dataKey, 'the same narrative', binding);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it('take a nonce never handed out before, across refills of the nonce pool', () => {
    // 341 nonces fit in one 4 KiB draw: 2,000 cross five refills.
    const seen = new Set<string>();
    for (let index = 0; index < 2000; index += 1) {
      const nonce = freshNonce();
      expect(nonce).toHaveLength(12);
      seen.add(nonce.toString('hex'));
    }
    expect(seen.size).toBe(2000);
    const nonces = Array.from({ length: 50 }, () =>
      sealField(dataKey, 'x', binding).subarray(1, 13).toString('hex'),
    );
    expect(new Set(nonces).size).toBe(50);
  });

  it('never carry the plaintext', () => {
    const marker = 'CANARY-7f3a9c-narrative';
    const sealed = sealField(dataKey, marker, binding);
    expect(sealed.includes(Buffer.from(marker))).toBe(false);
    expect(sealed.toString('latin1')).not.toContain('CANARY');
  });

  it('fail to open after any single byte of the ciphertext is flipped', () => {
    const sealed = sealField(dataKey, 'short secret', binding);
    for (let index = 0; index < sealed.length; index += 1) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const altered = Buffer.from(sealed);
        altered[index] = altered[index]! ^ mask;
        integrityError(() => openField(dataKey, altered, binding));
      }
    }
  });

  it('fail to open when truncated or extended', () => {
    const sealed = sealField(dataKey, 'short secret', binding);
    for (let length = 0; length < sealed.length; length += 1) {
      integrityError(() => openField(dataKey, sealed.subarray(0, length), binding));
    }
    integrityError(() => openField(dataKey, Buffer.concat([sealed, Buffer.from([0])]), binding));
  });

  it('fail to open when moved to another row, column or table', () => {
    const sealed = sealField(dataKey, 'belongs to rep_01', binding);
    for (const elsewhere of [
      { ...binding, rowId: 'rep_02' },
      { ...binding, column: 'details_sealed' },
      { ...binding, table: 'parties' },
      { table: 'reportsc', column: 'ontent_sealed', rowId: 'rep_01' },
      { table: 'reports', column: 'content_sealedr', rowId: 'ep_01' },
    ]) {
      integrityError(() => openField(dataKey, sealed, elsewhere));
    }
  });

  it('fail to open under another data key', () => {
    const sealed = sealField(dataKey, 'secret', binding);
    integrityError(() => openText(newDataKey(), sealed, binding));
  });

  it('fail to open with an unknown version byte, even with a valid body', () => {
    const sealed = sealField(dataKey, 'secret', binding);
    sealed[0] = 2;
    integrityError(() => openField(dataKey, sealed, binding));
  });

  it('say which field failed in the log message but never its content', () => {
    const sealed = sealField(dataKey, 'CANARY-content', binding);
    const error = integrityError(() => openText(dataKey, sealed, { ...binding, rowId: 'rep_99' }));
    expect(error.publicMessage).toBe('a sealed field failed its integrity check');
    expect(error.message).toContain('reports.content_sealed');
    expect(error.message).toContain('rep_99');
    expect(`${error.message} ${error.publicMessage}`).not.toContain('CANARY');
  });

  it('refuse as text what was sealed as bytes that are not UTF-8', () => {
    const sealed = sealField(dataKey, Uint8Array.from([0xc3, 0x28]), binding);
    integrityError(() => openText(dataKey, sealed, binding));
  });

  it('refuse to seal text with an unpaired surrogate rather than change it', () => {
    for (const text of ['\uD800', 'a\uDC00b', 'end\uD83D']) {
      let caught: unknown;
      try {
        sealField(dataKey, text, binding);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(OmbudsError);
      expect((caught as OmbudsError).code).toBe('invalid_input');
    }
  });

  it('refuse a key of the wrong size or a binding without a row as a programming error', () => {
    expect(() => sealField(randomBytes(16), 'x', binding)).toThrow(OmbudsError);
    expect(() => sealField(dataKey, 'x', { ...binding, rowId: '' })).toThrow(OmbudsError);
  });
});

describe('wrapped data keys', () => {
  const ring = generateKeyRing();
  const kek = ring.keyEncryptionKey;

  it('round-trip and name the key-encryption key that wrapped them', () => {
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(kek, dataKey, 'case_1');
    expect(unwrapDataKey(kek, wrapped, 'case_1').equals(dataKey)).toBe(true);
    expect(wrappedKeyKekId(wrapped)).toBe(kek.id);
    expect(wrapped).toHaveLength(1 + 1 + kek.id.length + 12 + 32 + 16);
    expect(wrapped.includes(dataKey)).toBe(false);
  });

  it('differ each time the same key is wrapped', () => {
    const dataKey = newDataKey();
    expect(wrapDataKey(kek, dataKey, 'c').equals(wrapDataKey(kek, dataKey, 'c'))).toBe(false);
  });

  it('fail to unwrap for another case', () => {
    const wrapped = wrapDataKey(kek, newDataKey(), 'case_1');
    const error = integrityError(() => unwrapDataKey(kek, wrapped, 'case_2'));
    expect(error.message).toContain('case_2');
  });

  it('fail to unwrap under another key-encryption key, even one given the same id', () => {
    const wrapped = wrapDataKey(kek, newDataKey(), 'case_1');
    const other = generateKeyRing().keyEncryptionKey;
    integrityError(() => unwrapDataKey(other, wrapped, 'case_1'));
    integrityError(() => unwrapDataKey({ id: kek.id, key: other.key }, wrapped, 'case_1'));
  });

  it('fail to unwrap when the recorded id is changed to fit another key', () => {
    const other = generateKeyRing().keyEncryptionKey;
    const wrapped = wrapDataKey(kek, newDataKey(), 'case_1');
    const relabelled = Buffer.from(wrapped);
    relabelled.write(other.id, 2, 'ascii');
    expect(wrappedKeyKekId(relabelled)).toBe(other.id);
    integrityError(() => unwrapDataKey(other, relabelled, 'case_1'));
  });

  it('fail to unwrap after any byte is flipped or the wrapping is truncated', () => {
    const wrapped = wrapDataKey(kek, newDataKey(), 'case_1');
    for (let index = 0; index < wrapped.length; index += 1) {
      const altered = Buffer.from(wrapped);
      altered[index] = altered[index]! ^ 0x01;
      integrityError(() => unwrapDataKey(kek, altered, 'case_1'));
      integrityError(() => unwrapDataKey(kek, wrapped.subarray(0, index), 'case_1'));
    }
  });

  it('cannot be read for a key id when malformed', () => {
    integrityError(() => wrappedKeyKekId(Buffer.alloc(0)));
    integrityError(() => wrappedKeyKekId(Buffer.from([2, 0])));
    integrityError(() => wrappedKeyKekId(Buffer.from([1, 12, 0x6b])));
  });
});
