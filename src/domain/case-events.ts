import { z } from 'zod';
import { isoInstant } from './instant.js';
import { sanctionSchema } from './sanctions.js';

/**
 * The case timeline. Events are persisted (sealed whole by the storage layer) and a case's state is
 * always replayed from them, so CHANGING THE SHAPE OF AN EVENT NEEDS A DATA MIGRATION of the stored
 * timelines; add a new event type rather than reinterpret an old one.
 *
 * Every event records when (`at`, an ISO-8601 UTC instant) and who (`actorId`: a staff user id or
 * `public-intake`). Free text here may be sensitive; it never leaves the sealed payload.
 */

const base = { at: isoInstant, actorId: z.string().min(1) };

export const intakeChannels = ['public_form', 'anonymous_follow_up', 'staff_entered'] as const;
export const staffIntakeMedia = ['phone', 'email', 'in_person'] as const;
export const complainantAnswers = ['yes', 'no', 'no_answer'] as const;
export const reviewConclusions = ['violation_found', 'no_violation', 'not_determinable'] as const;
export const caseRoutes = ['standard', 'foundation_staff', 'against_executive_director'] as const;

export type IntakeChannel = (typeof intakeChannels)[number];
export type ReviewConclusion = (typeof reviewConclusions)[number];
export type CaseRoute = (typeof caseRoutes)[number];

export const intakeSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('public_form') }),
  z.object({ channel: z.literal('anonymous_follow_up') }),
  z.object({
    channel: z.literal('staff_entered'),
    medium: z.enum(staffIntakeMedia),
    // A phone call or a conversation is an oral account written down by staff, not the reporter's words.
    oral: z.boolean(),
    writtenDownBy: z.string().min(1),
  }),
]);

export type Intake = z.infer<typeof intakeSchema>;

export const caseEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('case_received'),
    ...base,
    intake: intakeSchema,
    account: z.string(),
  }),
  z.object({ type: z.literal('danger_assessed'), ...base, immediateDanger: z.boolean() }),
  z.object({
    type: z.literal('authorities_contacted'),
    ...base,
    contactedBy: z.string(),
    contactedAt: isoInstant,
    reference: z.string(),
  }),
  z.object({
    type: z.literal('initial_report_recorded'),
    ...base,
    accused: z.array(z.string()),
    behaviour: z.string(),
    timeAndCircumstances: z.string(),
    othersInvolved: z.array(z.string()),
    anonymityRequested: z.boolean(),
    venue: z.string(),
    conductItems: z.array(z.string()),
  }),
  z.object({
    type: z.literal('initial_response_recorded'),
    ...base,
    needsHelp: z.enum(complainantAnswers),
    wantsSafePerson: z.enum(complainantAnswers),
    needsSafeSpace: z.enum(complainantAnswers),
    message: z.string(),
    makeItRightFlagged: z.boolean(),
  }),
  z.object({
    type: z.literal('executive_director_notified'),
    ...base,
    // On a case about the Executive Director the board liaison is notified in their place.
    recipient: z.enum(['executive_director', 'board_liaison']),
  }),
  z.object({
    type: z.literal('determinations_recorded'),
    ...base,
    outsideHelpNeeded: z.boolean(),
    publicCommunicationsNeeded: z.boolean(),
    moreInformationNeeded: z.boolean(),
    note: z.string(),
  }),
  z.object({
    type: z.literal('accused_notified'),
    ...base,
    responseDeadline: isoInstant,
    message: z.string(),
  }),
  z.object({ type: z.literal('response_recorded'), ...base, summary: z.string() }),
  z.object({ type: z.literal('response_window_closed'), ...base }),
  z.object({
    type: z.literal('review_recorded'),
    ...base,
    participantIds: z.array(z.string()),
    conclusion: z.enum(reviewConclusions),
    jointMeeting: z.object({ neutralThirdParty: z.string() }).nullable(),
    note: z.string(),
  }),
  z.object({ type: z.literal('sanctions_imposed'), ...base, sanctions: z.array(sanctionSchema) }),
  z.object({ type: z.literal('accused_informed'), ...base, message: z.string() }),
  z.object({
    type: z.literal('complainant_informed'),
    ...base,
    message: z.string(),
    makeItRightFlagged: z.boolean(),
    othersInformed: z.array(z.string()),
  }),
  z.object({ type: z.literal('case_closed'), ...base, outcome: z.string() }),
  z.object({ type: z.literal('stop_requested'), ...base, note: z.string() }),
  z.object({ type: z.literal('conflict_declared'), ...base, note: z.string() }),
  z.object({ type: z.literal('staff_party_recused'), ...base, staffId: z.string().min(1) }),
  z.object({
    type: z.literal('case_routed'),
    ...base,
    route: z.enum(['foundation_staff', 'against_executive_director']),
  }),
  z.object({ type: z.literal('people_named'), ...base, staffIds: z.array(z.string().min(1)) }),
  z.object({ type: z.literal('merged_into'), ...base, survivorCaseId: z.string().min(1) }),
  z.object({ type: z.literal('case_absorbed'), ...base, absorbedCaseId: z.string().min(1) }),
  // The reporter adds to their report through the follow-up channel; files are stored apart
  // (sealed in the attachments table) and named here by id only.
  z.object({
    type: z.literal('information_added'),
    ...base,
    text: z.string(),
    attachmentIds: z.array(z.string().min(1)),
  }),
  z.object({
    type: z.literal('complainant_messaged'),
    ...base,
    message: z.string(),
    makeItRightFlagged: z.boolean(),
  }),
  // Kept, never deleted: a spam report leaves the queues and accepts nothing more.
  z.object({ type: z.literal('marked_as_spam'), ...base, note: z.string() }),
]);

export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Parses one stored event; throws a ZodError when the stored shape is not a known event. */
export function parseCaseEvent(raw: unknown): CaseEvent {
  return caseEventSchema.parse(raw);
}
