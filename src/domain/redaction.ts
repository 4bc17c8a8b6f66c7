import type { CaseState } from './case-state.js';
import { ruleReasons, type Rejection } from './procedure-rules.js';

/**
 * Redaction, enforced: when the complainant asked to stay anonymous, nothing staff write for the
 * accused may carry the complainant's name, identifiers or contact. The check compares
 * normalised forms (Unicode NFKC, lower case, whitespace collapsed, invisible characters removed,
 * "name at example dot org" read as an address), and a refusal names only the KIND of item found,
 * never the item: the refusal is shown and logged, and must not spread what it protects.
 */

export const complainantItemKinds = ['name', 'email', 'nick', 'contact'] as const;
export type ComplainantItemKind = (typeof complainantItemKinds)[number];

export interface ComplainantItem {
  readonly kind: ComplainantItemKind;
  readonly value: string;
}

/** What the case holds about who the complainant is, opened from the sealed report. */
export interface ComplainantIdentity {
  /** True when they asked to stay anonymous (on the form, or as staff recorded it). */
  readonly anonymityRequested: boolean;
  readonly items: readonly ComplainantItem[];
}

/** Where accused-facing text comes from: staff's message, or the initial report's fields. */
export type AccusedTextSource = 'message' | 'behaviour' | 'venue';

export interface AccusedFacingText {
  readonly source: AccusedTextSource;
  readonly text: string;
}

// Shorter items (an initial, "me") would match ordinary words and refuse every notice.
const shortestItem = 3;

const invisible = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

/** Lower case, NFKC, invisible characters out, runs of whitespace as one space. */
export function normaliseForRedaction(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The text with spelled-out addresses ("jo at example dot org", "jo [at] example") as "jo@example.org". */
function addressForms(normalised: string): string {
  return normalised
    .replace(/\s*[[({]\s*at\s*[\])}]\s*/g, '@')
    .replace(/\s+at\s+/g, '@')
    .replace(/\s*[[({]\s*dot\s*[\])}]\s*/g, '.')
    .replace(/\s+dot\s+/g, '.');
}

const emailPattern = /[^\s<>()[\]{},;:"']+@[^\s<>()[\]{},;:"']+\.[^\s<>()[\]{},;:"'.]+/gu;
const nickLabels = /^(irc|nick|nickname|matrix|github|gitlab|gerrit|forge|user ?name|handle)$/;

/**
 * The identity items in the contact details a complainant wrote in free text: each e-mail address
 * (and its local part, a common nick), each labelled or single-word handle as a nick, each
 * several-word part as a name, and the whole text as contact.
 */
export function complainantItemsFromContact(contact: string): ComplainantItem[] {
  const items: ComplainantItem[] = [];
  const whole = normaliseForRedaction(contact);
  if (whole === '') return items;
  items.push({ kind: 'contact', value: whole });
  for (const address of whole.match(emailPattern) ?? []) {
    items.push({ kind: 'email', value: address });
    items.push({ kind: 'email', value: address.slice(0, address.indexOf('@')) });
  }
  const rest = whole.replace(emailPattern, ' ');
  for (const raw of rest.split(/[,;|/\n<>()[\]{}"]+|\s+-\s+/)) {
    let part = raw.trim();
    let labelled = false;
    const label = /^([\p{L} ]{1,20}):\s*/u.exec(part);
    if (label !== null) {
      labelled = nickLabels.test(label[1]?.trim() ?? '');
      part = part.slice(label[0].length).trim();
    }
    // A word such as "e-mail" or "irc" alone is a label left over, not an identity.
    if (part === '' || /^(e-?mail|mail|irc|nick|phone|tel)$/.test(part)) continue;
    if (part.startsWith('@')) {
      items.push({ kind: 'nick', value: part.slice(1) });
    } else if (labelled || !part.includes(' ')) {
      items.push({ kind: 'nick', value: part });
    } else {
      items.push({ kind: 'name', value: part });
    }
  }
  return items.filter((item) => item.value.length >= shortestItem);
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the normalised item occurs in the normalised text as a whole word (or address). */
function occursIn(item: ComplainantItem, text: string, addresses: string): boolean {
  const value = normaliseForRedaction(item.value);
  if (value.length < shortestItem) return false;
  const word = new RegExp(
    `(?<![\\p{L}\\p{N}_.@-])@?${escapeForPattern(value)}(?![\\p{L}\\p{N}_@]|[.-][\\p{L}\\p{N}])`,
    'u',
  );
  return word.test(text) || word.test(addresses);
}

const kindWords: Record<ComplainantItemKind, string> = {
  name: 'their name',
  email: 'their e-mail address',
  nick: 'a nick or user name of theirs',
  contact: 'their contact details',
};

const sourceWords: Record<AccusedTextSource, string> = {
  message: "staff's message",
  behaviour: 'the behaviour at issue (from the initial report)',
  venue: 'the venue (from the initial report)',
};

/**
 * Refuses accused-facing text that carries any item of an anonymous complainant's identity; null
 * when the text is clear, or when the complainant did not ask for anonymity. The refusal says
 * which kinds of item were found and in which text, never the item itself.
 */
export function redactionRefusal(
  texts: readonly AccusedFacingText[],
  identity: ComplainantIdentity,
): Rejection | null {
  if (!identity.anonymityRequested || identity.items.length === 0) return null;
  const kinds = new Set<ComplainantItemKind>();
  const sources = new Set<AccusedTextSource>();
  for (const { source, text } of texts) {
    const normalised = normaliseForRedaction(text);
    const addresses = addressForms(normalised);
    for (const item of identity.items) {
      if (occursIn(item, normalised, addresses)) {
        kinds.add(item.kind);
        sources.add(source);
      }
    }
  }
  if (kinds.size === 0) return null;
  const found = complainantItemKinds.filter((kind) => kinds.has(kind));
  const where = (['message', 'behaviour', 'venue'] as const).filter((s) => sources.has(s));
  return {
    rule: 'complainant_identity_in_accused_text',
    reason: `${ruleReasons.complainant_identity_in_accused_text} Found: ${found
      .map((kind) => kindWords[kind])
      .join(', ')}, in ${where.map((source) => sourceWords[source]).join(' and ')}.`,
    identityKinds: found,
  };
}

/**
 * The text a command puts before the accused: for the notice, the behaviour and venue from the
 * initial report with staff's message; for the action taken, staff's message. Empty for every
 * other command.
 */
export function accusedFacingTexts(
  state: CaseState,
  command: { readonly kind: string; readonly message?: string | undefined },
): AccusedFacingText[] {
  switch (command.kind) {
    case 'notify_accused':
      return [
        { source: 'behaviour', text: state.initialReport?.behaviour ?? '' },
        { source: 'venue', text: state.initialReport?.venue ?? '' },
        { source: 'message', text: command.message ?? '' },
      ];
    case 'inform_accused':
      return [{ source: 'message', text: command.message ?? '' }];
    default:
      return [];
  }
}
