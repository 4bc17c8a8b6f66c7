import type { z } from 'zod';
import type { Identifier } from '../../domain/identifiers.js';
import type { ReportSubmissionInput } from '../../domain/report-form.js';
import type { FieldErrors, TypedValues } from '../../views/report-fields.js';
import {
  accusedBlockCount,
  accusedField,
  reportFields as f,
  type AccusedPart,
} from '../../views/report-form-names.js';

/**
 * Turns the report form's flat fields into the shape the report schema checks, and the schema's
 * complaints back into messages beside the fields they came from. No rule lives here: the schema
 * in src/domain/report-form.ts decides what is valid.
 */

/** Where each identifier of each named person came from, to put its error beside that field. */
interface Sources {
  /** For each entry of `accused`, the form block (1-based) it was read from. */
  readonly blocks: readonly number[];
  /** For each entry of `accused`, for each of its identifiers, the parts it was read from. */
  readonly identifiers: readonly (readonly Partial<Record<string, AccusedPart>>[])[];
}

// A nick or user name given without its network or site still identifies someone: staff can ask.
const unspecified = 'unspecified';

function text(values: TypedValues, name: string): string {
  return values[name]?.[0] ?? '';
}

function readPerson(values: TypedValues, block: number) {
  const part = (name: AccusedPart) => text(values, accusedField(block, name)).trim();
  const identifiers: Identifier[] = [];
  const sources: Partial<Record<string, AccusedPart>>[] = [];
  const email = part('email');
  if (email !== '') {
    identifiers.push({ kind: 'email', value: email });
    sources.push({ value: 'email' });
  }
  const nick = part('irc-nick');
  if (nick !== '' || part('irc-network') !== '') {
    identifiers.push({ kind: 'irc', value: nick, network: part('irc-network') || unspecified });
    sources.push({ value: 'irc-nick', network: 'irc-network' });
  }
  const user = part('forge-user');
  if (user !== '' || part('forge-service') !== '') {
    identifiers.push({ kind: 'forge', value: user, service: part('forge-service') || unspecified });
    sources.push({ value: 'forge-user', service: 'forge-service' });
  }
  const other = part('other-value');
  if (other !== '' || part('other-label') !== '') {
    identifiers.push({ kind: 'other', value: other, label: part('other-label') || 'other' });
    sources.push({ value: 'other-value', label: 'other-label' });
  }
  const name = part('name');
  const empty = name === '' && identifiers.length === 0;
  return empty ? null : { person: { name, identifiers }, sources };
}

/** The report as typed, ready for the schema, and where each identifier came from. */
export function submissionFromForm(values: TypedValues): {
  readonly input: ReportSubmissionInput;
  readonly sources: Sources;
} {
  const accused: { name: string; identifiers: Identifier[] }[] = [];
  const blocks: number[] = [];
  const identifiers: Partial<Record<string, AccusedPart>>[][] = [];
  for (let block = 1; block <= accusedBlockCount; block += 1) {
    const read = readPerson(values, block);
    if (read === null) continue;
    accused.push(read.person);
    blocks.push(block);
    identifiers.push(read.sources);
  }
  const contact = text(values, f.contact);
  const input = {
    submissionId: text(values, f.submissionId),
    accused,
    relation: text(values, f.relation) || 'not_said',
    contact: contact.trim() === '' ? null : contact,
    behaviour: text(values, f.behaviour),
    approximateTime: text(values, f.approximateTime),
    circumstances: text(values, f.circumstances),
    venue: { kind: text(values, f.venueKind) || 'not_sure', detail: text(values, f.venueDetail) },
    conductItems: [...(values[f.conductItems] ?? [])],
    othersInvolved: text(values, f.othersInvolved),
    // Unanswered means the safer choice: stay anonymous, and no danger was reported.
    anonymous: text(values, f.anonymous) !== 'no',
    immediateDanger: text(values, f.immediateDanger) === 'yes',
  };
  // The schema checks the enums; until then they are whatever the client sent.
  return { input: input as ReportSubmissionInput, sources: { blocks, identifiers } };
}

const topLevel: Partial<Record<string, string>> = {
  relation: f.relation,
  contact: f.contact,
  behaviour: f.behaviour,
  approximateTime: f.approximateTime,
  circumstances: f.circumstances,
  conductItems: f.conductItems,
  othersInvolved: f.othersInvolved,
  anonymous: f.anonymous,
  immediateDanger: f.immediateDanger,
};

function fieldOf(path: readonly PropertyKey[], sources: Sources): string | null {
  const [head, index, key, identifier, identifierKey] = path;
  if (head === 'venue')
    return key === undefined && index === 'detail' ? f.venueDetail : f.venueKind;
  if (head === 'accused' && typeof index === 'number') {
    const block = sources.blocks[index];
    if (block === undefined) return null;
    if (key === 'name') return accusedField(block, 'name');
    if (key === 'identifiers' && typeof identifier === 'number') {
      const from = sources.identifiers[index]?.[identifier];
      const part = from?.[typeof identifierKey === 'string' ? identifierKey : 'value'];
      return part === undefined ? accusedField(block, 'name') : accusedField(block, part);
    }
    return accusedField(block, 'name');
  }
  return typeof head === 'string' ? (topLevel[head] ?? null) : null;
}

/**
 * The schema's complaints as messages by field (the first for each field), and the ones that
 * belong to no field (such as a form whose submission id was tampered with).
 */
export function fieldErrorsOf(
  error: z.ZodError,
  sources: Sources,
): { readonly errors: FieldErrors; readonly general: readonly string[] } {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of error.issues) {
    const field = fieldOf(issue.path, sources);
    if (field === null) {
      if (!general.includes(issue.message)) general.push(issue.message);
    } else {
      errors[field] ??= issue.message;
    }
  }
  return { errors, general };
}
