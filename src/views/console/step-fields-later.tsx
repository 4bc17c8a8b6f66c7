import type { ActionKind } from '../../domain/case-commands.js';
import { reviewConclusions } from '../../domain/case-events.js';
import { sanctionKinds } from '../../domain/sanctions.js';
import { messages } from '../messages.js';
import { Checkbox, Checkboxes, Radios, Select, TextArea, TextField } from './form-fields.js';
import { ComplainantMessage, f } from './step-field-parts.js';
import type { EarlyStepKind } from './step-fields-early.js';
import type { StepFormProps } from './step-forms.js';

/**
 * The fields of the actions from the notice to the accused on, and of those beside the steps;
 * null for actions that have no form in the console.
 */
export function LaterStepFields({
  kind,
  values,
  staff,
}: StepFormProps & { readonly kind: Exclude<ActionKind, EarlyStepKind> }) {
  const id = `step-${kind}`;
  const people = staff.map((user) => [user.id, user.displayName] as const);
  switch (kind) {
    case 'close_response_window':
      // Nothing to fill in: the form is its checklist and a button.
      return <></>;
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
