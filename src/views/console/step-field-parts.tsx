import { complainantAnswers } from '../../domain/case-events.js';
import { messages } from '../messages.js';
import { Checkbox, TextArea, type FormValues } from './form-fields.js';

/** Pieces shared by the step forms' fields. */

export const f = messages.cases.fields;

export function answers(): (readonly [string, string])[] {
  return complainantAnswers.map((answer) => [answer, messages.cases.answers[answer]] as const);
}

export function yesNo(): (readonly [string, string])[] {
  return [
    ['yes', f.yes],
    ['no', f.no],
  ];
}

export function ComplainantMessage({
  id,
  values,
}: {
  readonly id: string;
  readonly values: FormValues;
}) {
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
