import type { ActionKind } from '../../domain/case-commands.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages } from '../messages.js';
import { CsrfField } from './console-layout.js';
import { EarlyStepFields, isEarlyStep } from './step-fields-early.js';
import { LaterStepFields } from './step-fields-later.js';
import type { FormValues } from './form-fields.js';
import { f } from './step-field-parts.js';

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

/** The fields of one action's form; null for actions that have no form in the console. */
function StepFields(props: StepFormProps) {
  const { kind } = props;
  return isEarlyStep(kind)
    ? EarlyStepFields({ ...props, kind })
    : LaterStepFields({ ...props, kind });
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
