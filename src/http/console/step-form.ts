import { z } from 'zod';
import { actionKinds, type ActionKind, type Participant } from '../../domain/case-commands.js';
import { sanctionKinds } from '../../domain/sanctions.js';
import { valueOf, valuesOf } from '../../views/console/form-fields.js';
import type { StepInput } from '../../services/record-case-step.js';

/**
 * Turns a step form into the domain's command input. Only the shape is made here (text lines to
 * lists, checkboxes to booleans, the console's UTC date fields to instants); whether the values are
 * acceptable is for the domain to say, so a malformed form is refused there with its rule.
 */

/** A urlencoded body: each field once (a string) or several times (an array). */
export const formBodySchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .catch({});

export type FormBody = z.output<typeof formBodySchema>;

/** The action kinds the step route accepts: every command but intake, and not the merge. */
export const stepKindSchema = z
  .enum(actionKinds)
  .refine((kind) => kind !== 'receive' && kind !== 'merge');

/** Non-empty lines of a textarea. */
function lines(body: FormBody, name: string): string[] {
  return valueOf(body, name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const checked = (body: FormBody, name: string) => valueOf(body, name) === 'yes';

/** yes/no radios: undefined when neither was chosen, so the domain names the missing field. */
function yesNo(body: FormBody, name: string): boolean | undefined {
  const value = valueOf(body, name);
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/**
 * `<input type="datetime-local">` sends `2026-03-01T10:00` with no zone; the console labels these
 * fields UTC. Anything else is passed on as typed, for the domain to refuse.
 */
export function instantFromField(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00.000Z` : value;
}

export interface StepFormContext {
  /** The roles of a staff member by id, for review participants; undefined for unknown ids. */
  readonly participant: (id: string) => Participant | undefined;
}

/**
 * The command input for an action from its form. The domain's schema is typed loosely here on
 * purpose: a missing field is left out and the domain refuses the command as malformed.
 */
export function stepInputFromForm(
  kind: Exclude<ActionKind, 'receive' | 'merge'>,
  body: FormBody,
  context: StepFormContext,
): StepInput {
  const input = fieldsFor(kind, body, context);
  return { kind, ...input } as StepInput;
}

function fieldsFor(
  kind: Exclude<ActionKind, 'receive' | 'merge'>,
  body: FormBody,
  context: StepFormContext,
): Record<string, unknown> {
  const complainantMessage = () => ({
    message: valueOf(body, 'message'),
    makeItRightFlagged: checked(body, 'makeItRightFlagged'),
  });
  switch (kind) {
    case 'assess_danger':
      return { immediateDanger: yesNo(body, 'immediateDanger') };
    case 'record_authorities_contact':
      return {
        contactedBy: valueOf(body, 'contactedBy'),
        contactedAt: instantFromField(valueOf(body, 'contactedAt')),
        reference: valueOf(body, 'reference'),
      };
    case 'record_initial_report':
      return {
        accused: lines(body, 'accused'),
        behaviour: valueOf(body, 'behaviour'),
        timeAndCircumstances: valueOf(body, 'timeAndCircumstances'),
        othersInvolved: lines(body, 'othersInvolved'),
        anonymityRequested: checked(body, 'anonymityRequested'),
        venue: valueOf(body, 'venue'),
        conductItems: valuesOf(body, 'conductItems'),
      };
    case 'record_initial_response':
      return {
        needsHelp: valueOf(body, 'needsHelp') || undefined,
        wantsSafePerson: valueOf(body, 'wantsSafePerson') || undefined,
        needsSafeSpace: valueOf(body, 'needsSafeSpace') || undefined,
        ...complainantMessage(),
      };
    case 'notify_executive_director':
    case 'close_response_window':
      return {};
    case 'record_determinations':
      return {
        outsideHelpNeeded: checked(body, 'outsideHelpNeeded'),
        publicCommunicationsNeeded: checked(body, 'publicCommunicationsNeeded'),
        moreInformationNeeded: checked(body, 'moreInformationNeeded'),
        note: valueOf(body, 'note'),
      };
    case 'notify_accused':
      return {
        responseDeadline: instantFromField(valueOf(body, 'responseDeadline')),
        message: valueOf(body, 'message'),
      };
    case 'record_response':
      return { summary: valueOf(body, 'summary') };
    case 'record_review': {
      const meeting = valueOf(body, 'jointMeeting').trim();
      return {
        // An unknown id stays in the list with no roles, so the domain refuses it by its rule.
        participants: valuesOf(body, 'participants').map(
          (id) => context.participant(id) ?? { id, roles: [] },
        ),
        conclusion: valueOf(body, 'conclusion') || undefined,
        jointMeeting: meeting === '' ? null : { neutralThirdParty: meeting },
        note: valueOf(body, 'note'),
      };
    }
    case 'impose_sanctions':
      return {
        sanctions: valuesOf(body, 'sanctions')
          .filter((kind): kind is (typeof sanctionKinds)[number] =>
            (sanctionKinds as readonly string[]).includes(kind),
          )
          .map((sanction) => ({
            kind: sanction,
            venues: lines(body, `${sanction}.venues`),
            starts: instantFromField(valueOf(body, `${sanction}.starts`)),
            ends: checked(body, `${sanction}.indefinite`)
              ? 'indefinite'
              : instantFromField(valueOf(body, `${sanction}.ends`)),
          })),
      };
    case 'inform_accused':
      return { message: valueOf(body, 'message') };
    case 'inform_complainant':
      return { ...complainantMessage(), othersInformed: lines(body, 'othersInformed') };
    case 'send_message_to_complainant':
      return complainantMessage();
    case 'close_case':
      return { outcome: valueOf(body, 'outcome') };
    case 'record_stop_request':
    case 'declare_conflict':
    case 'mark_as_spam':
      return { note: valueOf(body, 'note') };
    case 'recuse_staff_party':
      return { staffId: valueOf(body, 'staffId') };
    case 'route_case':
      return { route: valueOf(body, 'route') || undefined };
    case 'name_people':
      return { staffIds: valuesOf(body, 'staffIds') };
    case 'add_information':
      return { text: valueOf(body, 'text'), attachmentIds: [] };
  }
}

/** The submitted fields without the CSRF token, to fill the form in again after a refusal. */
export function echoValues(body: FormBody): FormBody {
  const { _csrf: _token, ...rest } = body;
  return rest;
}
