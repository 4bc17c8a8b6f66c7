import { z } from 'zod';
import { identifierSchema } from './identifiers.js';

/**
 * A report as the public form (and the staff intake form) submits it. Every string is trimmed and
 * bounded here, once, so the services and the store never see an unchecked field. The choices
 * are exported so the form renders exactly the values this schema accepts.
 */

/** How the reporter relates to what happened. */
// 'not_said' keeps the description the only field a reporter must fill in.
export const reporterRelations = ['target', 'witness', 'told', 'not_said'] as const;

/** Where it happened; the code of conduct applies outside the foundation's venues too. */
export const venueKinds = [
  'irc',
  'mailing_list',
  'issue_tracker',
  'event',
  'forum_or_chat',
  'outside',
  'not_sure',
] as const;

/** The parts of the code of conduct a report may touch (the seed's list), or "other / not sure". */
export const conductItems = [
  'violent_threats',
  'discriminatory_language',
  'sexual_or_violent_material',
  'doxing',
  'personal_insults',
  'unwelcome_sexual_attention',
  'advocating_these',
  'repeated_harassment',
  'election_manipulation',
  'other_or_not_sure',
] as const;

export type ReporterRelation = (typeof reporterRelations)[number];
export type VenueKind = (typeof venueKinds)[number];
export type ConductItem = (typeof conductItems)[number];

export const reportLimits = {
  accused: 20,
  identifiersPerPerson: 10,
  name: 200,
  contact: 1000,
  behaviour: 20_000,
  approximateTime: 200,
  circumstances: 10_000,
  venueDetail: 500,
  othersInvolved: 5_000,
} as const;

// NUL and unpaired surrogates cannot be stored faithfully (UTF-8, C strings): refused, not mangled.
const storable = (value: string) => value.isWellFormed() && !value.includes('\0');
const brokenCharacter = 'The text contains a character that cannot be stored.';

/** Free text: trimmed, at most `max` characters, may be empty. */
function freeText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `The ${label} is too long (at most ${max} characters).`)
    .refine(storable, brokenCharacter);
}

const personSchema = z
  .object({
    name: freeText(reportLimits.name, 'name'),
    identifiers: z
      .array(identifierSchema)
      .max(reportLimits.identifiersPerPerson, 'Give at most 10 identifiers for one person.'),
  })
  .refine((person) => person.name !== '' || person.identifiers.length > 0, {
    message: 'Give a name or at least one way to identify this person.',
    path: ['name'],
  });

/**
 * A form's submission id: a random token put in the form when it is shown (base64url, 16 to 32
 * bytes); a re-sent form carries the same one, and a form shown again keeps it.
 */
export const submissionIdPattern = /^[A-Za-z0-9_-]{22,43}$/;

export const reportSubmissionSchema = z
  .object({
    submissionId: z.string().regex(submissionIdPattern, 'The form is not valid any more.'),
    accused: z.array(personSchema).max(reportLimits.accused, 'Name at most 20 people.'),
    relation: z.enum(reporterRelations, 'Say how you relate to what happened.'),
    contact: freeText(reportLimits.contact, 'contact')
      .nullable()
      .transform((value) => (value === '' ? null : value)),
    behaviour: freeText(reportLimits.behaviour, 'description').refine(
      (value) => value !== '',
      'Describe what happened: this is the one field we need.',
    ),
    approximateTime: freeText(reportLimits.approximateTime, 'time'),
    circumstances: freeText(reportLimits.circumstances, 'circumstances'),
    venue: z.object({
      kind: z.enum(venueKinds, 'Choose where it happened, or "not sure".'),
      detail: freeText(reportLimits.venueDetail, 'place'),
    }),
    conductItems: z
      .array(z.enum(conductItems))
      .max(conductItems.length)
      .transform((items) => [...new Set(items)]),
    othersInvolved: freeText(reportLimits.othersInvolved, 'list of other people'),
    anonymous: z.boolean(),
    immediateDanger: z.boolean(),
  })
  // Anonymity is enforced, not advised: an anonymous report cannot carry contact details.
  .refine((report) => !(report.anonymous && report.contact !== null), {
    message: 'You chose to stay anonymous, so leave the contact details empty.',
    path: ['contact'],
  });

/** A report after validation. */
export type ReportSubmission = z.output<typeof reportSubmissionSchema>;
/** A report as a form or a test writes it (contact may be ''). */
export type ReportSubmissionInput = z.input<typeof reportSubmissionSchema>;

export { reporterStatuses, reporterStatusOf } from './reporter-status.js';
export type { ReporterStatus } from './reporter-status.js';
