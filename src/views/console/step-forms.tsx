import type { ActionKind } from '../../domain/case-commands.js';
import { complainantAnswers, reviewConclusions } from '../../domain/case-events.js';
import { conductItems, venueKinds } from '../../domain/report-form.js';
import { sanctionKinds } from '../../domain/sanctions.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages } from '../messages.js';
import { CsrfField } from './console-layout.js';
import {
  Checkbox,
  Checkboxes,
  Radios,
  Select,
  TextArea,
  TextField,
  type FormValues,
} from './form-fields.js';

/** What was refused on the last attempt at this form, shown beside its fields. */
export interface StepRefusal {
  readonly reason: string;
  readonly details: readonly string[];
}

export interface StepFormProps {
  readonly kind: ActionKind;
  readonly caseId: string;
  readonly csrfToken: string;
  /** Staff who may be chosen (review participants, people named, a party to recuse). */
  readonly staff: readonly StaffUser[];
  readonly values: FormValues;
  readonly refusal: StepRefusal | null;
}

const f = messages.cases.fields;

function answers(): (readonly [string, string])[] {
  return complainantAnswers.map((answer) => [answer, messages.cases.answers[answer]] as const);
}

function yesNo(): (readonly [string, string])[] {
  return [
    ['yes', f.yes],
    ['no', f.no],
  ];
}

function ComplainantMessage({ id, values }: { readonly id: string; readonly values: FormValues }) {
  return (
    <>
      <TextArea
        id={`${id}-message`}
        name="message"
        label={f.message}
        values={values}
        required
        hint={f.messageHint}
      />
      <Checkbox
        id={`${id}-flag`}
        name="makeItRightFlagged"
        label={f.makeItRightFlagged}
        values={values}
      />
    </>
  );
}

/** The fields of one action's form; null for actions that have no form in the console. */
function StepFields({ kind, values, staff }: StepFormProps) {
  const id = `step-${kind}`;
  const people = staff.map((user) => [user.id, user.displayName] as const);
  switch (kind) {
    case 'assess_danger':
      return (
        <Radios
          id={id}
          name="immediateDanger"
          label={f.immediateDanger}
          values={values}
          options={yesNo()}
          required
        />
      );
    case 'record_authorities_contact':
      return (
        <>
          <TextField
            id={`${id}-by`}
            name="contactedBy"
            label={f.contactedBy}
            values={values}
            required
          />
          <TextField
            id={`${id}-at`}
            name="contactedAt"
            label={f.contactedAt}
            values={values}
            type="datetime-local"
            required
          />
          <TextField
            id={`${id}-ref`}
            name="reference"
            label={f.reference}
            values={values}
            required
          />
        </>
      );
    case 'record_initial_report':
      return (
        <>
          <TextArea
            id={`${id}-accused`}
            name="accused"
            label={f.accused}
            values={values}
            required
          />
          <TextArea
            id={`${id}-behaviour`}
            name="behaviour"
            label={f.behaviour}
            values={values}
            required
          />
          <TextArea
            id={`${id}-time`}
            name="timeAndCircumstances"
            label={f.timeAndCircumstances}
            values={values}
            required
          />
          <TextArea
            id={`${id}-others`}
            name="othersInvolved"
            label={f.othersInvolved}
            values={values}
          />
          <Checkbox
            id={`${id}-anonymous`}
            name="anonymityRequested"
            label={f.anonymityRequested}
            values={values}
          />
          <TextField id={`${id}-venue`} name="venue" label={f.venue} values={values} required />
          <Select
            id={`${id}-venue-kind`}
            name="venueKind"
            label={f.venueKind}
            values={values}
            options={venueKinds.map((kind) => [kind, messages.cases.venues[kind]] as const)}
          />
          <Checkboxes
            id={`${id}-items`}
            name="conductItems"
            label={f.conductItems}
            values={values}
            options={conductItems.map((item) => [item, messages.cases.conductItems[item]] as const)}
          />
        </>
      );
    case 'record_initial_response':
      return (
        <>
          <Radios
            id={`${id}-help`}
            name="needsHelp"
            label={f.needsHelp}
            values={values}
            options={answers()}
            required
          />
          <Radios
            id={`${id}-person`}
            name="wantsSafePerson"
            label={f.wantsSafePerson}
            values={values}
            options={answers()}
            required
          />
          <Radios
            id={`${id}-space`}
            name="needsSafeSpace"
            label={f.needsSafeSpace}
            values={values}
            options={answers()}
            required
          />
          <ComplainantMessage id={id} values={values} />
        </>
      );
    case 'notify_executive_director':
    case 'close_response_window':
      return <></>;
    case 'record_determinations':
      return (
        <>
          <Checkbox
            id={`${id}-outside`}
            name="outsideHelpNeeded"
            label={f.outsideHelpNeeded}
            values={values}
          />
          <Checkbox
            id={`${id}-public`}
            name="publicCommunicationsNeeded"
            label={f.publicCommunicationsNeeded}
            values={values}
          />
          <Checkbox
            id={`${id}-more`}
            name="moreInformationNeeded"
            label={f.moreInformationNeeded}
            values={values}
          />
          <TextArea id={`${id}-note`} name="note" label={f.note} values={values} />
        </>
      );
    case 'notify_accused':
      return (
        <>
          <TextField
            id={`${id}-deadline`}
            name="responseDeadline"
            label={f.responseDeadline}
            values={values}
            type="datetime-local"
            required
          />
          <TextArea id={`${id}-message`} name="message" label={f.accusedMessage} values={values} />
        </>
      );
    case 'record_response':
      return (
        <TextArea id={`${id}-summary`} name="summary" label={f.summary} values={values} required />
      );
    case 'record_review':
      return (
        <>
          <Checkboxes
            id={`${id}-participants`}
            name="participants"
            label={f.participants}
            values={values}
            options={people}
          />
          <Radios
            id={`${id}-conclusion`}
            name="conclusion"
            label={f.conclusion}
            values={values}
            options={reviewConclusions.map((c) => [c, messages.cases.conclusions[c]] as const)}
            required
          />
          <TextField
            id={`${id}-meeting`}
            name="jointMeeting"
            label={f.jointMeeting}
            values={values}
          />
          <TextArea id={`${id}-note`} name="note" label={f.note} values={values} />
        </>
      );
    case 'impose_sanctions':
      return (
        <>
          {sanctionKinds.map((sanction) => (
            <fieldset key={sanction}>
              <legend>{messages.cases.sanctions[sanction]}</legend>
              <Checkbox
                id={`${id}-${sanction}`}
                name="sanctions"
                label={f.sanctionApply(messages.cases.sanctions[sanction])}
                values={values}
                value={sanction}
              />
              <TextArea
                id={`${id}-${sanction}-venues`}
                name={`${sanction}.venues`}
                label={f.sanctionVenues}
                values={values}
              />
              <TextField
                id={`${id}-${sanction}-starts`}
                name={`${sanction}.starts`}
                label={f.sanctionStarts}
                values={values}
                type="datetime-local"
              />
              <TextField
                id={`${id}-${sanction}-ends`}
                name={`${sanction}.ends`}
                label={f.sanctionEnds}
                values={values}
                type="datetime-local"
              />
              <Checkbox
                id={`${id}-${sanction}-indefinite`}
                name={`${sanction}.indefinite`}
                label={f.sanctionIndefinite}
                values={values}
              />
            </fieldset>
          ))}
        </>
      );
    case 'inform_accused':
      return (
        <TextArea
          id={`${id}-message`}
          name="message"
          label={f.accusedInformMessage}
          values={values}
        />
      );
    case 'inform_complainant':
      return (
        <>
          <ComplainantMessage id={id} values={values} />
          <TextArea
            id={`${id}-others`}
            name="othersInformed"
            label={f.othersInformed}
            values={values}
          />
        </>
      );
    case 'send_message_to_complainant':
      return <ComplainantMessage id={id} values={values} />;
    case 'close_case':
      return (
        <TextArea id={`${id}-outcome`} name="outcome" label={f.outcome} values={values} required />
      );
    case 'record_stop_request':
      return <TextArea id={`${id}-note`} name="note" label={f.stopNote} values={values} />;
    case 'declare_conflict':
      return <TextArea id={`${id}-note`} name="note" label={f.conflictNote} values={values} />;
    case 'mark_as_spam':
      return <TextArea id={`${id}-note`} name="note" label={f.spamNote} values={values} />;
    case 'recuse_staff_party':
      return (
        <Select
          id={`${id}-staff`}
          name="staffId"
          label={f.staffId}
          values={values}
          options={[['', f.choosePerson], ...people]}
          required
        />
      );
    case 'route_case':
      return (
        <Radios
          id={`${id}-route`}
          name="route"
          label={f.route}
          values={values}
          options={[
            ['foundation_staff', f.routeFoundationStaff],
            ['against_executive_director', f.routeAgainstDirector],
          ]}
          required
        />
      );
    case 'name_people':
      return (
        <Checkboxes
          id={`${id}-people`}
          name="staffIds"
          label={f.namedStaff}
          values={values}
          options={people}
        />
      );
    case 'merge':
      return (
        <TextField
          id={`${id}-case`}
          name="absorbedCaseId"
          label={f.absorbedCase}
          values={values}
          required
        />
      );
    case 'receive':
    case 'add_information':
      return null;
  }
}

/** Where a form posts: steps to the one step route, a merge to its own, the notice to its preview. */
function formTarget(kind: ActionKind, caseId: string): { method: 'get' | 'post'; action: string } {
  if (kind === 'notify_accused') {
    return { method: 'get', action: `/console/cases/${caseId}/accused-notice` };
  }
  if (kind === 'merge') return { method: 'post', action: `/console/cases/${caseId}/merge` };
  return { method: 'post', action: `/console/cases/${caseId}/steps/${kind}` };
}

/** One available action: its checklist, its form, and the rule that refused the last attempt. */
export function StepForm(props: StepFormProps) {
  const { kind, caseId, csrfToken, refusal } = props;
  const fields = StepFields(props);
  if (fields === null) return null;
  const checklist = messages.cases.checklists[kind] ?? [];
  const target = formTarget(kind, caseId);
  const headingId = `action-${kind}`;
  return (
    <section class="step-form" aria-labelledby={headingId}>
      <h3 id={headingId}>{messages.cases.actions[kind]}</h3>
      {checklist.length > 0 && (
        <ul class="checklist">
          {checklist.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {refusal !== null && (
        <div class="form-error" role="alert">
          <p>
            <strong>{messages.cases.casePage.refused}</strong> {refusal.reason}
          </p>
          {refusal.details.length > 0 && (
            <ul>
              {refusal.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form method={target.method} action={target.action} class="stack-form">
        {target.method === 'post' && <CsrfField token={csrfToken} />}
        {fields}
        <button type="submit" class="button button-primary">
          {kind === 'notify_accused' ? f.preview : messages.cases.actions[kind]}
        </button>
      </form>
    </section>
  );
}
