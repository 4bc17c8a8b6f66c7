import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OmbudsError } from './errors.js';
import {
  identifierKinds,
  identifierSchema,
  normalizeIdentifier,
  parseIdentifier,
  type Identifier,
} from './identifiers.js';

function invalid(input: unknown): OmbudsError {
  try {
    normalizeIdentifier(input as Identifier);
  } catch (error) {
    expect(error).toBeInstanceOf(OmbudsError);
    expect((error as OmbudsError).code).toBe('invalid_input');
    return error as OmbudsError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

const email = (value: string): Identifier => ({ kind: 'email', value });
const irc = (network: string, value: string): Identifier => ({ kind: 'irc', network, value });
const forge = (service: string, value: string): Identifier => ({ kind: 'forge', service, value });
const name = (value: string): Identifier => ({ kind: 'name', value });
const other = (label: string, value: string): Identifier => ({ kind: 'other', label, value });

describe('normalizeIdentifier', () => {
  it.each<[Identifier, string]>([
    [email('alice@example.org'), 'email:alice@example.org'],
    [email('  Alice@Example.ORG\t'), 'email:alice@example.org'],
    [email('Ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｏｒｇ'), 'email:alice@example.org'],
    [email('al\u200Bice@example.org'), 'email:alice@example.org'],
    [email('Alice.Smith+conduct@Example.org'), 'email:alice.smith+conduct@example.org'],
    [email('josé@exämple.org'), 'email:josé@exämple.org'],
    [email('jose\u0301@example.org'), 'email:josé@example.org'],
    [irc('OFTC', 'Alice_'), 'irc:oftc:alice_'],
    [irc('OFTC', 'Alice[m]'), 'irc:oftc:alice{m}'],
    [irc('oftc', 'alice{m}'), 'irc:oftc:alice{m}'],
    [irc('Libera.Chat', 'Back\\Slash~'), 'irc:libera.chat:back|slash^'],
    [irc('OFTC', '@alice'), 'irc:oftc:alice'],
    [irc('OFTC', '+alice'), 'irc:oftc:alice'],
    [irc(' Some   Net ', 'ＡＬＩＣＥ'), 'irc:some net:alice'],
    [forge('GitHub', 'Alice'), 'forge:github:alice'],
    [forge('opendev', '@alice-smith'), 'forge:opendev:alice-smith'],
    [forge('Gerrit: OpenDev', 'alice'), 'forge:gerrit%3a opendev:alice'],
    [forge('100%', 'alice'), 'forge:100%25:alice'],
    [name('José García'), 'name:jose garcia'],
    [name('  JOSÉ   GARCÍA  '), 'name:jose garcia'],
    [name('Jose\u0301 Garci\u0301a'), 'name:jose garcia'],
    [name("Seán O'Brien-Ní Dhomhnaill"), 'name:sean o brien ni dhomhnaill'],
    [name('Łukasz Żółć'), 'name:lukasz zolc'],
    [name('Søren Ærø'), 'name:soren aero'],
    [name('STRASSE'), 'name:strasse'],
    [name('Straße'), 'name:strasse'],
    [name('STRAẞE'), 'name:strasse'],
    [name('İstanbul'), 'name:istanbul'],
    [name('ıstanbul'), 'name:istanbul'],
    [name('ΟΔΥΣΣΕΥΣ'), 'name:οδυσσευσ'],
    [name('Οδυσσεύς'), 'name:οδυσσευσ'],
    [name('Ｊｏｓé　Ｇａｒｃíａ'), 'name:jose garcia'],
    [name('ﬁona'), 'name:fiona'],
    [name('Dr. J. R. R. Tolkien, Jr.'), 'name:dr j r r tolkien jr'],
    [name('山田 太郎'), 'name:山田 太郎'],
    [name('김민준'), 'name:김민준'],
    [name('Мария Иванова'), 'name:мария иванова'],
    [name('محمد\u200F علي'), 'name:محمد علي'],
    [name('alice 🏳️‍🌈'), 'name:alice'],
    [name('R2-D2'), 'name:r2 d2'],
    [other('Matrix', '@Alice:matrix.org'), 'other:matrix:@alice:matrix.org'],
    [other('a:b', 'c'), 'other:a%3ab:c'],
    [other('Discord  User', ' Alice#1234 '), 'other:discord user:alice#1234'],
  ])('normalises %j to %j', (identifier, expected) => {
    expect(normalizeIdentifier(identifier)).toBe(expected);
  });

  it('keeps kinds apart even for the same text', () => {
    const texts = [
      normalizeIdentifier(email('alice@example.org')),
      normalizeIdentifier(other('email', 'alice@example.org')),
      normalizeIdentifier(name('alice')),
      normalizeIdentifier(irc('github', 'alice')),
      normalizeIdentifier(forge('github', 'alice')),
      normalizeIdentifier(other('github', 'alice')),
    ];
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('keeps qualifier and value apart where a colon could blur them', () => {
    expect(normalizeIdentifier(other('a:b', 'c'))).not.toBe(normalizeIdentifier(other('a', 'b:c')));
    expect(normalizeIdentifier(forge('a:b', 'c'))).not.toBe(
      normalizeIdentifier(forge('a', 'b%3ac')),
    );
  });

  it('is conservative with e-mail: dots and +tags still count', () => {
    expect(normalizeIdentifier(email('a.lice@example.org'))).not.toBe(
      normalizeIdentifier(email('alice@example.org')),
    );
    expect(normalizeIdentifier(email('alice+x@example.org'))).not.toBe(
      normalizeIdentifier(email('alice@example.org')),
    );
  });

  it('keeps IRC networks apart', () => {
    expect(normalizeIdentifier(irc('OFTC', 'alice'))).not.toBe(
      normalizeIdentifier(irc('Libera.Chat', 'alice')),
    );
  });
});

describe('identifier validation', () => {
  it.each<[string, unknown]>([
    ['a right-to-left override', name('alice\u202Eecila')],
    ['a left-to-right embedding', name('\u202Aalice')],
    ['a pop directional formatting', email('alice@example.org\u202C')],
    ['a first-strong isolate', irc('OFTC', '\u2068alice')],
    ['a pop directional isolate', forge('github\u2069', 'alice')],
    ['a NUL', name('ali\u0000ce')],
    ['a newline', email('alice@example.org\nBcc: x@example.org')],
    ['a tab inside a nick', irc('OFTC', 'al\tice')],
    ['an escape sequence', name('\u001B[31malice')],
    ['a C1 control', name('alice\u0085')],
    ['a DEL', name('alice\u007F')],
    ['a line separator', other('label', 'a\u2028b')],
    ['a lone high surrogate', name('alice\uD800')],
    ['a lone low surrogate', email('\uDC00alice@example.org')],
    ['a reversed surrogate pair', name('\uDE00\uD83D')],
    ['an empty value', email('')],
    ['a blank value', name('   ')],
    ['only invisible characters', name('\u200B\u200D\uFEFF')],
    ['only punctuation in a name', name('--- ... ---')],
    ['only marks in a name', name('\u0301\u0301')],
    ['an address without @', email('alice.example.org')],
    ['an address with two @', email('alice@bob@example.org')],
    ['an address with a space', email('alice smith@example.org')],
    ['an address with an empty domain label', email('alice@example..org')],
    ['an address ending in a dot', email('alice@example.org.')],
    ['a nick with a space', irc('OFTC', 'alice smith')],
    ['a nick with a colon', irc('OFTC', 'alice:x')],
    ['a nick that is only a status prefix', irc('OFTC', '@')],
    ['a blank network', irc('  ', 'alice')],
    ['a forge user with a slash', forge('github', 'org/alice')],
    ['a blank service', forge('', 'alice')],
    ['an e-mail address too long', email(`${'a'.repeat(250)}@example.org`)],
    ['a name too long', name('a'.repeat(201))],
    ['a nick too long', irc('OFTC', 'a'.repeat(65))],
    ['a 1 MB + 1 value', other('label', 'x'.repeat(1024 * 1024 + 1))],
    ['an unknown kind', { kind: 'phone', value: '123' }],
    ['a missing kind', { value: 'alice' }],
    ['a number for a value', { kind: 'name', value: 42 }],
    ['null', null],
    ['a string', 'email:alice@example.org'],
  ])('refuses %s with a validation error', (_, input) => {
    const error = invalid(input);
    expect(error.publicMessage.length).toBeLessThan(120);
  });

  it('never echoes the refused value', () => {
    const error = invalid(name('CANARY\u202E'));
    expect(`${error.message} ${error.publicMessage}`).not.toContain('CANARY');
  });

  it('names the field and the reason for people', () => {
    expect(invalid(name('x\u202E')).publicMessage).toBe(
      'The name contains a control or text-direction character.',
    );
    expect(invalid(email('nope')).publicMessage).toBe(
      'The e-mail address is not of the form name@domain.',
    );
    expect(invalid(irc('OFTC', 'a'.repeat(65))).publicMessage).toBe(
      'The IRC nick is too long (at most 64 characters).',
    );
  });

  it('accepts every kind through parseIdentifier and the schema alike', () => {
    const samples: Identifier[] = [
      email('a@b'),
      irc('n', 'a'),
      forge('s', 'a'),
      name('a'),
      other('l', 'a'),
    ];
    expect(samples.map((s) => parseIdentifier(s).kind)).toEqual([...identifierKinds]);
    for (const sample of samples) expect(identifierSchema.safeParse(sample).success).toBe(true);
  });
});

const nastyCharacter = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\u202E',
    '\u2066',
    '\u200B',
    '\u200F',
    '\uFEFF',
    '\u0301',
    '\uD800',
    '\uDC00',
    ':',
    '%',
    '@',
    '[',
    '~',
    ' ',
    '\u3000',
    'İ',
    'ß',
    'ẞ',
    'ς',
    'Ａ',
    '👩‍💻',
  ),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ maxLength: 3 }),
);
const nastyString = fc.string({ unit: nastyCharacter, maxLength: 40 });
const anyIdentifier = fc.oneof(
  nastyString.map(email),
  fc.tuple(nastyString, nastyString).map(([n, v]) => irc(n, v)),
  fc.tuple(nastyString, nastyString).map(([s, v]) => forge(s, v)),
  nastyString.map(name),
  fc.tuple(nastyString, nastyString).map(([l, v]) => other(l, v)),
);

describe('normalizeIdentifier on arbitrary Unicode', () => {
  it('either normalises to a clean kind-prefixed string or refuses with a validation error', () => {
    fc.assert(
      fc.property(anyIdentifier, (identifier) => {
        let canonical: string;
        try {
          canonical = normalizeIdentifier(identifier);
        } catch (error) {
          return error instanceof OmbudsError && error.code === 'invalid_input';
        }
        return (
          canonical.startsWith(`${identifier.kind}:`) &&
          canonical.isWellFormed() &&
          !/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/u.test(canonical)
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: a canonical value normalises to itself', () => {
    fc.assert(
      fc.property(anyIdentifier, (identifier) => {
        let canonical: string;
        try {
          canonical = normalizeIdentifier(identifier);
        } catch {
          return true;
        }
        // Qualifiers are escaped, so the value starts after the first (or second) colon.
        const qualified = identifier.kind !== 'email' && identifier.kind !== 'name';
        const start = canonical.indexOf(':', qualified ? canonical.indexOf(':') + 1 : 0) + 1;
        const value = canonical.slice(start);
        return normalizeIdentifier({ ...identifier, value }) === canonical;
      }),
      { numRuns: 3000 },
    );
  });
});
