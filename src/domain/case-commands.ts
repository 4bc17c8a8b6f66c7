import { z } from 'zod';
import {
  complainantAnswers,
  intakeChannels,
  reviewConclusions,
  staffIntakeMedia,
} from './case-events.js';
import { roles } from './roles.js';
import { isoInstant } from './instant.js';
import { sanctionSchema } from './sanctions.js';

/**
 * What people ask the procedure to do. Commands are input, not history: the HTTP layer may parse
 * forms with these schemas, and `decide` parses again so that it never trusts its caller. Every
 * command carries `at`, the ISO-8601 UTC instant it is recorded at, because the domain has no clock.
 */

const line = z.string().trim().min(1).max(500);
const text = z.string().trim().min(1).max(20_000);
const optionalText = z.string().trim().max(20_000).default('');
const lines = z.array(line).max(100);
const answer = z.enum(complainantAnswers);
const at = isoInstant;

/** A person as the review records them: the roles tell whether they may take part. */
export const participantSchema = z.object({ id: line, roles: z.array(z.enum(roles)).max(10) });

/** How a report staff entered reached them, and who wrote it down. */
export const staffEntrySchema = z.object({ medium: z.enum(staffIntakeMedia), writtenDownBy: line });
export type StaffEntry = z.output<typeof staffEntrySchema>;

export const caseCommandSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('receive'),
    at,
    account: text,
    channel: z.enum(intakeChannels),
    // Required when staff enter the report: how it reached them and who wrote it down.
    staffEntry: staffEntrySchema.optional(),
  }),
  z.object({ kind: z.literal('assess_danger'), at, immediateDanger: z.boolean() }),
  z.object({
    kind: z.literal('record_authorities_contact'),
    at,
    contactedBy: line,
    contactedAt: isoInstant,
    reference: line,
  }),
  z.object({
    kind: z.literal('record_initial_report'),
    at,
    accused: z.array(line).min(1).max(50),
    behaviour: text,
    timeAndCircumstances: text,
    othersInvolved: lines.default([]),
    anonymityRequested: z.boolean(),
    venue: line,
    conductItems: z.array(line).min(1).max(50),
  }),
  z.object({
    kind: z.literal('record_initial_response'),
    at,
    needsHelp: answer,
    wantsSafePerson: answer,
    needsSafeSpace: answer,
    message: text,
    makeItRightFlagged: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('notify_executive_director'), at }),
  z.object({
    kind: z.literal('record_determinations'),
    at,
    outsideHelpNeeded: z.boolean(),
    publicCommunicationsNeeded: z.boolean(),
    moreInformationNeeded: z.boolean(),
    note: optionalText,
  }),
  z.object({
    kind: z.literal('notify_accused'),
    at,
    responseDeadline: isoInstant,
    message: optionalText,
  }),
  z.object({ kind: z.literal('record_response'), at, summary: text }),
  z.object({ kind: z.literal('close_response_window'), at }),
  z.object({
    kind: z.literal('record_review'),
    at,
    participants: z.array(participantSchema).max(50),
    conclusion: z.enum(reviewConclusions),
    jointMeeting: z.object({ neutralThirdParty: line }).nullable().default(null),
    note: optionalText,
  }),
  z.object({ kind: z.literal('impose_sanctions'), at, sanctions: z.array(sanctionSchema).max(20) }),
  z.object({ kind: z.literal('inform_accused'), at, message: optionalText }),
  z.object({
    kind: z.literal('inform_complainant'),
    at,
    message: text,
    makeItRightFlagged: z.boolean().default(false),
    othersInformed: lines.default([]),
  }),
  z.object({ kind: z.literal('close_case'), at, outcome: text }),
  z.object({ kind: z.literal('record_stop_request'), at, note: optionalText }),
  z.object({ kind: z.literal('declare_conflict'), at, note: optionalText }),
  z.object({ kind: z.literal('recuse_staff_party'), at, staffId: line }),
  z.object({
    kind: z.literal('route_case'),
    at,
    route: z.enum(['foundation_staff', 'against_executive_director']),
  }),
  z.object({ kind: z.literal('name_people'), at, staffIds: z.array(line).min(1).max(50) }),
  z.object({
    kind: z.literal('add_information'),
    at,
    text: optionalText,
    attachmentIds: z.array(line).max(20).default([]),
  }),
  z.object({
    kind: z.literal('send_message_to_complainant'),
    at,
    message: text,
    makeItRightFlagged: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('mark_as_spam'), at, note: optionalText }),
]);

/** A command as callers write it (defaults may be left out). */
export type CaseCommandInput = z.input<typeof caseCommandSchema>;
/** A command after parsing, as `decide` works with it. */
export type CaseCommand = z.output<typeof caseCommandSchema>;
export type CaseCommandKind = CaseCommand['kind'];
export type CaseCommandOf<K extends CaseCommandKind> = Extract<CaseCommand, { kind: K }>;
export type Participant = z.infer<typeof participantSchema>;

/** Merging takes two cases, so it is decided by `decideMerge`, not by `decide`. */
export type ActionKind = CaseCommandKind | 'merge';

/** Every action in procedure order, then the actions beside the steps: the console's list. */
export const actionKinds = [
  'receive',
  'assess_danger',
  'record_authorities_contact',
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'record_determinations',
  'notify_accused',
  'record_response',
  'close_response_window',
  'record_review',
  'impose_sanctions',
  'inform_accused',
  'inform_complainant',
  'close_case',
  'record_stop_request',
  'declare_conflict',
  'recuse_staff_party',
  'route_case',
  'name_people',
  'add_information',
  'send_message_to_complainant',
  'mark_as_spam',
  'merge',
] as const satisfies readonly ActionKind[];
