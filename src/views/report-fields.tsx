import type { ComponentChildren } from 'preact';

/**
 * Form controls of the reporter's pages. Each has a visible label tied to it by id, an optional
 * hint, and its error beside it: the control names both in aria-describedby and is marked
 * aria-invalid, so a screen reader reads the error with the field. `values` is what the person
 * typed, so a refused form comes back with everything in place.
 */

/** What a form sent: every field by name, each with all its values (checkboxes repeat). */
export type TypedValues = Readonly<Record<string, readonly string[]>>;
/** Problems by field name, in the words shown beside the field. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The id of the control for a field name (also the target of the error summary's links). */
export function fieldId(name: string): string {
  return `field-${name}`;
}

export function firstValue(values: TypedValues, name: string): string {
  return values[name]?.[0] ?? '';
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly values: TypedValues;
  readonly errors: FieldErrors;
  readonly hint?: string;
  readonly maxLength?: number;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined) {
  const ids = [
    ...(error === undefined ? [] : [`${fieldId(name)}-error`]),
    ...(hint === undefined ? [] : [`${fieldId(name)}-hint`]),
  ];
  return ids.length === 0 ? undefined : ids.join(' ');
}

function HintAndError({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint !== undefined && (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A one-line text input. */
export function TextInput(props: FieldProps & { readonly autocomplete?: string }) {
  const { name, label, values, errors, hint, maxLength } = props;
  const error = errors[name];
  return (
    <div class={error === undefined ? 'field' : 'field field-invalid'}>
      <label for={fieldId(name)}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} />
      <input
        type="text"
        id={fieldId(name)}
        name={name}
        value={firstValue(values, name)}
        maxLength={maxLength}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck={false}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/** A multi-line text area. */
export function TextArea(props: FieldProps & { readonly rows?: number; readonly required?: true }) {
  const { name, label, values, errors, hint, maxLength } = props;
  const error = errors[name];
  return (
    <div class={error === undefined ? 'field' : 'field field-invalid'}>
      <label for={fieldId(name)}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 4}
        maxLength={maxLength}
        required={props.required}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy(name, hint, error)}
      >
        {firstValue(values, name)}
      </textarea>
    </div>
  );
}

interface ChoiceGroupProps extends FieldProps {
  readonly options: readonly (readonly [value: string, label: string])[];
  readonly multiple?: true;
  /** Checked when the form has not been sent yet (nothing typed). */
  readonly defaultValue?: string;
  readonly children?: ComponentChildren;
}

/**
 * Radio buttons (or checkboxes with `multiple`) in a fieldset whose legend asks the question.
 * The first control carries the group's id, so the error summary can move focus to it.
 */
export function ChoiceGroup(props: ChoiceGroupProps) {
  const { name, label, values, errors, hint, options } = props;
  const error = errors[name];
  const chosen = values[name] ?? (props.defaultValue === undefined ? [] : [props.defaultValue]);
  return (
    <fieldset
      class={error === undefined ? 'choices' : 'choices field-invalid'}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend>{label}</legend>
      <HintAndError name={name} hint={hint} error={error} />
      {options.map(([value, text], index) => {
        const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${value}`;
        return (
          <div class="choice" key={value}>
            <input
              type={props.multiple ? 'checkbox' : 'radio'}
              id={id}
              name={name}
              value={value}
              checked={chosen.includes(value)}
            />
            <label for={id}>{text}</label>
          </div>
        );
      })}
      {props.children}
    </fieldset>
  );
}

/** A file input for several files, with its limits in the hint. */
export function FileInput(props: Omit<FieldProps, 'values' | 'maxLength'>) {
  const { name, label, errors, hint } = props;
  const error = errors[name];
  return (
    <div class={error === undefined ? 'field' : 'field field-invalid'}>
      <label for={fieldId(name)}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} />
      <input
        type="file"
        id={fieldId(name)}
        name={name}
        multiple
        accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.md,.csv,.json,image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain"
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/**
 * The list of problems at the top of a refused form, each linking to its field. It is the first
 * thing in the form and a live alert, so screen readers announce it when the page arrives.
 */
export function ErrorSummary(props: {
  readonly heading: string;
  readonly errors: FieldErrors;
  readonly general: readonly string[];
  /** Field names in the order of the form, so the list reads top to bottom. */
  readonly order: readonly string[];
}) {
  const fields = props.order.filter((name) => props.errors[name] !== undefined);
  const rest = Object.keys(props.errors).filter((name) => !props.order.includes(name));
  if (fields.length + rest.length + props.general.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading">{props.heading}</h2>
      <ul>
        {props.general.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {[...fields, ...rest].map((name) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{props.errors[name]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
