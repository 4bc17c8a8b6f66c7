import type { ActionKind } from '../../domain/case-commands.js';
import { conductItems, venueKinds } from '../../domain/report-form.js';
import { messages } from '../messages.js';
import { Checkbox, Checkboxes, Radios, Select, TextArea, TextField } from './form-fields.js';
import { ComplainantMessage, answers, f, yesNo } from './step-field-parts.js';
import type { StepFormProps } from './step-forms.js';

/** The actions up to the Executive Director's determinations: the first care of a case. */
export const earlyStepKinds = [
  'assess_danger',
  'record_authorities_contact',
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'record_determinations',
] as const;
export type EarlyStepKind = (typeof earlyStepKinds)[number];

/** True for the actions whose fields are in this file. */
export function isEarlyStep(kind: ActionKind): kind is EarlyStepKind {
  return (earlyStepKinds as readonly ActionKind[]).includes(kind);
}

/** The fields of one early action's form. */
export function EarlyStepFields({
  kind,
  values,
}: StepFormProps & { readonly kind: EarlyStepKind }) {
  const id = `step-${kind}`;
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
      // Nothing to fill in: the form is its checklist and a button.
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
  }
}
