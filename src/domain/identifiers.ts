import { z } from 'zod';
import { OmbudsError } from './errors.js';

/**
 * The ways a person (accused, complainant, witness, staff member) can be named, and the one
 * canonical string each normalises to. The canonical string feeds the keyed blind index
 * (src/crypto/blind-index.ts), so two spellings of one identity must meet, and two kinds must never
 * collide: every canonical string starts with its kind, and qualifiers (network, service, label)
 * have `%` and `:` escaped, so `kind:qualifier:value` reads back in exactly one way.
 *
 * Changing any rule here changes the blind index of stored identifiers: it needs a migration that
 * re-indexes them.
 */

export const identifierKinds = ['email', 'irc', 'forge', 'name', 'other'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

// Bidirectional embeddings, overrides and isolates reorder what staff read on screen (Trojan
// Source); C0/C1 controls and line separators break logs and single-line fields. Rejected outright.
const forbiddenCharacters = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;
// Zero-width characters, soft hyphens, LRM/RLM, variation selectors: invisible, so they must not
// keep two spellings apart.
const ignorable = /\p{Default_Ignorable_Code_Point}/gu;
const combiningMark = /\p{M}/gu;
const notLetterOrDigit = /[^\p{L}\p{N} ]/gu;
const whitespace = /\s+/gu;
// Letters with a stroke and ligatures that NFKD leaves whole but people often write without; final
// sigma, which lower-casing places by context.
const letterFolding: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŧ: 't',
  ƀ: 'b',
  ƶ: 'z',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ',
};
const letterFoldingPattern = new RegExp(`[${Object.keys(letterFolding).join('')}]`, 'gu');

/** NFKC, no invisible characters, one space between words, no space around. */
function tidy(value: string): string {
  const once = value.replace(ignorable, '').normalize('NFKC').replace(ignorable, '');
  return once.replace(whitespace, ' ').trim();
}

function lower(value: string): string {
  // Lower-casing can leave a string that is no longer NFKC (NFKC is not closed under case mapping).
  return tidy(value).toLowerCase().normalize('NFKC');
}

/** RFC 1459 case mapping: `[]\~` are the upper case of `{}|^`. */
function ircFold(nick: string): string {
  return lower(nick).replace(/[[\]\\~]/g, (c) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' })[c]!);
}

function foldName(value: string): string {
  // Lower, upper, lower approximates full case folding (ẞ → ß → SS → ss, ı → I → i).
  const folded = tidy(value).toLowerCase().toUpperCase().toLowerCase();
  const bare = folded.normalize('NFKD').replace(combiningMark, '').normalize('NFKC');
  return bare
    .replace(letterFoldingPattern, (c) => letterFolding[c]!)
    .replace(notLetterOrDigit, ' ')
    .replace(whitespace, ' ')
    .trim();
}

/** Keeps `kind:qualifier:value` unambiguous whatever the qualifier holds. */
function escapeQualifier(value: string): string {
  return value.replaceAll('%', '%25').replaceAll(':', '%3a');
}

function withoutPrefix(value: string, prefixes: RegExp): string {
  return tidy(value).replace(prefixes, '');
}

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*$/u;
// Characters no IRC server allows in a nick: separators of the protocol and of hostmasks.
const ircNickPattern = /^[^\s!@:,*?#&]+$/u;
const forgeUserPattern = /^[^\s@:/]+$/u;

/** A text field: bounded, well-formed UTF-16, no control or bidi characters, not blank. */
function text(label: string, max: number, canonical: (value: string) => string = tidy) {
  return (
    z
      .string()
      .max(max, `The ${label} is too long (at most ${max} characters).`)
      .refine((value) => value.isWellFormed(), {
        message: `The ${label} contains a broken character (an unpaired surrogate).`,
        abort: true,
      })
      // Line breaks and tabs around a pasted value are only whitespace: trimmed, not refused.
      .refine((value) => !forbiddenCharacters.test(value.trim()), {
        message: `The ${label} contains a control or text-direction character.`,
        abort: true,
      })
      .refine((value) => canonical(value) !== '', `The ${label} is empty.`)
  );
}

const emailIdentifier = z.object({
  kind: z.literal('email'),
  value: text('e-mail address', 254).refine(
    (value) => emailPattern.test(tidy(value)),
    'The e-mail address is not of the form name@domain.',
  ),
});

const ircIdentifier = z.object({
  kind: z.literal('irc'),
  network: text('IRC network', 100),
  value: text('IRC nick', 64, ircFold).refine(
    (value) => ircNickPattern.test(withoutPrefix(value, /^[@+]/u)),
    'The IRC nick contains a character IRC does not allow in nicks.',
  ),
});

const forgeIdentifier = z.object({
  kind: z.literal('forge'),
  service: text('service name', 64),
  value: text('user name', 100).refine(
    (value) => forgeUserPattern.test(withoutPrefix(value, /^@/u)),
    'The user name contains spaces, "@", ":" or "/".',
  ),
});

const nameIdentifier = z.object({
  kind: z.literal('name'),
  value: text('name', 200, foldName),
});

const otherIdentifier = z.object({
  kind: z.literal('other'),
  label: text('label', 64),
  value: text('identifier', 500),
});

/**
 * An identifier as entered: `value` is always the identifier itself, `network`, `service` and
 * `label` say where it applies. A change of shape needs a migration of sealed identifiers.
 */
export const identifierSchema = z.discriminatedUnion('kind', [
  emailIdentifier,
  ircIdentifier,
  forgeIdentifier,
  nameIdentifier,
  otherIdentifier,
]);

export type Identifier = z.infer<typeof identifierSchema>;

/** Validates an identifier; throws OmbudsError('invalid_input') naming the first problem. */
export function parseIdentifier(input: unknown): Identifier {
  const parsed = identifierSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message =
      issue?.code === 'custom' || issue?.code === 'too_big'
        ? issue.message
        : 'The identifier is not valid.';
    throw new OmbudsError('invalid_input', message, {
      logMessage: `invalid identifier: ${issue?.code ?? 'unknown'} at ${issue?.path.join('.') ?? ''}`,
    });
  }
  return parsed.data;
}

/**
 * The canonical, kind-prefixed form of an identifier (`email:alice@example.org`,
 * `irc:oftc:alice_`, `forge:github:alice`, `name:jose garcia`, `other:<label>:<value>`).
 * Throws OmbudsError('invalid_input') for an identifier the schema refuses.
 */
export function normalizeIdentifier(identifier: Identifier): string {
  const id = parseIdentifier(identifier);
  switch (id.kind) {
    case 'email':
      // Whole address lower-cased; dots and +tags kept, since some providers treat them as distinct.
      return `email:${lower(id.value)}`;
    case 'irc':
      return `irc:${escapeQualifier(lower(id.network))}:${ircFold(withoutPrefix(id.value, /^[@+]/u))}`;
    case 'forge':
      return `forge:${escapeQualifier(lower(id.service))}:${lower(withoutPrefix(id.value, /^@/u))}`;
    case 'name':
      return `name:${foldName(id.value)}`;
    case 'other':
      return `other:${escapeQualifier(lower(id.label))}:${lower(id.value)}`;
  }
}
