import { reportLimits } from '../domain/report-form.js';
import { messages } from './messages.js';
import {
  accusedBlockCount,
  accusedField,
  accusedParts,
  type AccusedPart,
} from './report-form-names.js';
import { TextInput, type FieldErrors, type TypedValues } from './report-fields.js';

interface AccusedProps {
  readonly values: TypedValues;
  readonly errors: FieldErrors;
}

const limits: Record<AccusedPart, number> = {
  name: reportLimits.name,
  email: 254,
  'irc-nick': 64,
  'irc-network': 100,
  'forge-user': 100,
  'forge-service': 64,
  'other-label': 64,
  'other-value': 500,
};

function PersonFields({ block, values, errors }: AccusedProps & { readonly block: number }) {
  const text = messages.reporting.form;
  const field = (part: AccusedPart, label: string, hint?: string) => (
    <TextInput
      name={accusedField(block, part)}
      label={label}
      hint={hint}
      values={values}
      errors={errors}
      maxLength={limits[part]}
    />
  );
  return (
    <>
      {field('name', text.accusedName)}
      {field('email', text.accusedEmail)}
      <div class="field-pair">
        {field('irc-nick', text.accusedIrcNick)}
        {field('irc-network', text.accusedIrcNetwork, text.accusedIrcNetworkHint)}
      </div>
      <div class="field-pair">
        {field('forge-user', text.accusedForgeUser)}
        {field('forge-service', text.accusedForgeService, text.accusedForgeServiceHint)}
      </div>
      <div class="field-pair">
        {field('other-label', text.accusedOtherLabel, text.accusedOtherLabelHint)}
        {field('other-value', text.accusedOtherValue)}
      </div>
    </>
  );
}

/**
 * The people the report is about, without any script: the first person's fields are open, the
 * others sit in <details> that a tap opens, and open by themselves when they hold typed text or an
 * error, so nothing typed is ever hidden.
 */
export function AccusedPeople({ values, errors }: AccusedProps) {
  const text = messages.reporting.form;
  const blocks = Array.from({ length: accusedBlockCount }, (_, index) => index + 1);
  const used = (block: number) =>
    accusedParts.some((part) => {
      const name = accusedField(block, part);
      return (values[name]?.[0] ?? '').trim() !== '' || errors[name] !== undefined;
    });
  return (
    <fieldset class="section">
      <legend>{text.accusedLegend}</legend>
      <p class="hint">{text.accusedHint}</p>
      {blocks.map((block) =>
        block === 1 ? (
          <fieldset class="person" key={block}>
            <legend>{text.person(block)}</legend>
            <PersonFields block={block} values={values} errors={errors} />
          </fieldset>
        ) : (
          <details class="person" key={block} open={used(block)}>
            <summary>{text.anotherPerson(block)}</summary>
            <fieldset class="person-inner">
              <legend class="visually-hidden">{text.person(block)}</legend>
              <PersonFields block={block} values={values} errors={errors} />
            </fieldset>
          </details>
        ),
      )}
    </fieldset>
  );
}
