import type { ComponentChildren } from 'preact';

/**
 * Small form controls for the step forms. Every control has a visible label tied to it by id;
 * `values` carries what was submitted when a step was refused, so nothing typed is lost.
 */

export type FormValues = Readonly<Record<string, string | readonly string[]>>;

export function valueOf(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
}

export function valuesOf(values: FormValues, name: string): readonly string[] {
  const value = values[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

interface FieldProps {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly values: FormValues;
  readonly required?: boolean;
  readonly hint?: string;
  readonly children?: ComponentChildren;
}

export function TextField({
  id,
  name,
  label,
  values,
  required,
  type,
}: FieldProps & { readonly type?: 'text' | 'datetime-local' }) {
  return (
    <>
      <label for={id}>{label}</label>
      {type === 'datetime-local' ? (
        <input
          id={id}
          name={name}
          type="datetime-local"
          value={valueOf(values, name)}
          required={required}
        />
      ) : (
        <input
          id={id}
          name={name}
          type="text"
          value={valueOf(values, name)}
          required={required}
          maxLength={500}
          autocomplete="off"
        />
      )}
    </>
  );
}

export function TextArea({ id, name, label, values, required, hint, children }: FieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      {hint !== undefined && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={4}
        required={required}
        maxLength={20_000}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
      >
        {valueOf(values, name)}
      </textarea>
      {children}
    </>
  );
}

export function Checkbox({
  id,
  name,
  label,
  values,
  value,
}: FieldProps & { readonly value?: string }) {
  const submitted = valuesOf(values, name);
  return (
    <span class="choice">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value ?? 'yes'}
        checked={submitted.includes(value ?? 'yes')}
      />
      <label for={id}>{label}</label>
    </span>
  );
}

/** A group of radio buttons in a fieldset whose legend is the question. */
export function Radios({
  id,
  name,
  label,
  values,
  options,
  required,
}: FieldProps & { readonly options: readonly (readonly [string, string])[] }) {
  const chosen = valueOf(values, name);
  return (
    <fieldset>
      <legend>{label}</legend>
      {options.map(([value, text]) => (
        <span class="choice" key={value}>
          <input
            type="radio"
            id={`${id}-${value}`}
            name={name}
            value={value}
            checked={chosen === value}
            required={required}
          />
          <label for={`${id}-${value}`}>{text}</label>
        </span>
      ))}
    </fieldset>
  );
}

/** A group of checkboxes sending one field several times. */
export function Checkboxes({
  id,
  name,
  label,
  values,
  options,
}: FieldProps & { readonly options: readonly (readonly [string, string])[] }) {
  return (
    <fieldset>
      <legend>{label}</legend>
      {options.map(([value, text]) => (
        <Checkbox
          key={value}
          id={`${id}-${value}`}
          name={name}
          label={text}
          values={values}
          value={value}
        />
      ))}
    </fieldset>
  );
}

export function Select({
  id,
  name,
  label,
  values,
  options,
  required,
}: FieldProps & { readonly options: readonly (readonly [string, string])[] }) {
  const chosen = valueOf(values, name);
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} name={name} required={required}>
        {options.map(([value, text]) => (
          <option key={value} value={value} selected={chosen === value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}
