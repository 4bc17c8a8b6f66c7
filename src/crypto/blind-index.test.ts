import { describe, expect, it } from 'vitest';
import { OmbudsError } from '../domain/errors.js';
import type { Identifier } from '../domain/identifiers.js';
import { blindIndex, blindIndexer } from './blind-index.js';
import { generateKeyRing } from './keys.js';

const key = generateKeyRing().blindIndexKey;

describe('the blind index', () => {
  it('is a 43-character base64url HMAC', () => {
    expect(blindIndex(key, { kind: 'email', value: 'alice@example.org' })).toMatch(/^[\w-]{43}$/);
  });

  it('is equal for equivalent spellings of one identifier', () => {
    const pairs: [Identifier, Identifier][] = [
      [
        { kind: 'email', value: 'Alice@Example.ORG' },
        { kind: 'email', value: 'alice@example.org' },
      ],
      [
        { kind: 'irc', network: 'OFTC', value: 'Alice[m]' },
        { kind: 'irc', network: 'oftc', value: 'alice{m}' },
      ],
      [
        { kind: 'forge', service: 'GitHub', value: '@Alice' },
        { kind: 'forge', service: 'github', value: 'alice' },
      ],
      [
        { kind: 'name', value: 'José García' },
        { kind: 'name', value: 'jose  GARCIA' },
      ],
    ];
    for (const [a, b] of pairs) expect(blindIndex(key, a)).toBe(blindIndex(key, b));
  });

  it('differs across kinds for the same text', () => {
    const indexes = new Set([
      blindIndex(key, { kind: 'email', value: 'alice@example.org' }),
      blindIndex(key, { kind: 'other', label: 'email', value: 'alice@example.org' }),
      blindIndex(key, { kind: 'name', value: 'alice' }),
      blindIndex(key, { kind: 'irc', network: 'github', value: 'alice' }),
      blindIndex(key, { kind: 'forge', service: 'github', value: 'alice' }),
      blindIndex(key, { kind: 'other', label: 'github', value: 'alice' }),
    ]);
    expect(indexes.size).toBe(6);
  });

  it('differs for the same identifier under another key', () => {
    const id: Identifier = { kind: 'email', value: 'alice@example.org' };
    expect(blindIndex(generateKeyRing().blindIndexKey, id)).not.toBe(blindIndex(key, id));
  });

  it('does not carry the identifier', () => {
    const index = blindIndex(key, { kind: 'email', value: 'canary@example.org' });
    expect(index.toLowerCase()).not.toContain('canary');
    expect(index).not.toContain('example');
  });

  it('is the same from the prepared indexer as from the one-off function', () => {
    const index = blindIndexer(key);
    const ids: Identifier[] = [
      { kind: 'email', value: 'bob@example.org' },
      { kind: 'irc', network: 'Libera.Chat', value: 'bob' },
      { kind: 'other', label: 'Matrix', value: '@bob:matrix.org' },
    ];
    for (const id of ids) expect(index(id)).toBe(blindIndex(key, id));
  });

  it('refuses an identifier the schema refuses, without crashing', () => {
    expect(() => blindIndex(key, { kind: 'name', value: 'a\uD800' })).toThrow(OmbudsError);
    expect(() => blindIndex(key, { kind: 'name', value: '\u202Eevil' })).toThrow(OmbudsError);
  });
});
