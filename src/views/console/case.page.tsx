import type { ActionKind } from '../../domain/case-commands.js';
import { isFlaggedDanger } from '../../domain/case-state.js';
import { venueKinds } from '../../domain/report-form.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import type { CaseView } from '../../services/view-case.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { CaseTimeline, type StaffNames } from './case-timeline.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';
import { Select, type FormValues } from './form-fields.js';
import { caseRef, formatInstant } from './format.js';
import { StepForm, type StepRefusal } from './step-forms.js';

/** A refused attempt at one action: shown beside that action's form, with what was typed. */
export interface CaseRefusal extends StepRefusal {
  readonly kind: ActionKind | 'handling';
  readonly values: FormValues;
}

export interface CasePageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly view: CaseView;
  readonly names: StaffNames;
  /** Staff who could be chosen in forms: active accounts with a case role. */
  readonly staff: readonly StaffUser[];
  readonly refusal: CaseRefusal | null;
  readonly notice: string | null;
}

// Actions that never have a console form: a case exists once received, and only the reporter
// adds information. Their rules are still shown when they apply.
const withoutForm: ReadonlySet<ActionKind> = new Set(['receive']);

function Alerts({ view }: { readonly view: CaseView }) {
  const text = messages.cases.casePage;
  const alerts: { key: string; text: string; danger: boolean }[] = [];
  if (isFlaggedDanger(view.state)) alerts.push({ key: 'danger', text: text.danger, danger: true });
  else if (view.reportedDanger && view.step === 'assess_danger') {
    alerts.push({ key: 'reported', text: text.reportedDanger, danger: true });
  }
  if (view.overdue) alerts.push({ key: 'overdue', text: text.overdue, danger: true });
  if (view.noContactDirectiveInForce) {
    alerts.push({ key: 'no-contact', text: text.noContact, danger: false });
  }
  if (view.stopRequested) alerts.push({ key: 'stop', text: text.stopRequested, danger: false });
  return (
    <>
      {alerts.map((alert) => (
        <p key={alert.key} class={alert.danger ? 'form-error' : 'notice'}>
          {alert.text}
        </p>
      ))}
    </>
  );
}

function Handling({ view, viewer, names, staff }: CasePageProps) {
  const text = messages.cases.casePage;
  const base = `/console/cases/${view.caseId}`;
  const token = viewer.csrfToken;
  const assignable = staff.filter((user) => !view.assigneeIds.includes(user.id));
  return (
    <section aria-labelledby="handling-heading">
      <h2 id="handling-heading">{text.handlingHeading}</h2>
      <h3>{text.handlers}</h3>
      {view.assigneeIds.length === 0 ? (
        <p>{text.noHandlers}</p>
      ) : (
        <ul class="plain-list">
          {view.assigneeIds.map((id) => {
            const name = names.get(id) ?? text.unknownPerson;
            return (
              <li key={id}>
                <form method="post" action={`${base}/handlers/remove`} class="inline-form">
                  <CsrfField token={token} />
                  <input type="hidden" name="staffId" value={id} />
                  {name}{' '}
                  <button type="submit" class="button-link">
                    {text.remove(name)}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {assignable.length > 0 && (
        <form method="post" action={`${base}/handlers`} class="stack-form">
          <CsrfField token={token} />
          <Select
            id="assign-staff"
            name="staffId"
            label={text.assignLabel}
            values={{}}
            options={[
              ['', messages.cases.fields.choosePerson],
              ...assignable.map((user) => [user.id, user.displayName] as const),
            ]}
            required
          />
          <button type="submit" class="button">
            {text.assign}
          </button>
        </form>
      )}
      <h3>{text.labels}</h3>
      {view.labels.length === 0 ? (
        <p>{text.noLabels}</p>
      ) : (
        <ul class="plain-list">
          {view.labels.map((label) => (
            <li key={label}>
              <form method="post" action={`${base}/labels/remove`} class="inline-form">
                <CsrfField token={token} />
                <input type="hidden" name="label" value={label} />
                <span class="label">{label}</span>{' '}
                <button type="submit" class="button-link">
                  {text.removeLabel(label)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/labels`} class="stack-form">
        <CsrfField token={token} />
        <label for="new-label">{text.labelLabel}</label>
        <p class="hint" id="new-label-hint">
          {text.labelHint}
        </p>
        <input
          id="new-label"
          name="label"
          type="text"
          required
          maxLength={40}
          pattern="[a-z0-9][a-z0-9\-]{0,39}"
          autocomplete="off"
          aria-describedby="new-label-hint"
        />
        <button type="submit" class="button">
          {text.addLabel}
        </button>
      </form>
      <form method="post" action={`${base}/venue`} class="stack-form">
        <CsrfField token={token} />
        <Select
          id="venue-kind"
          name="venueKind"
          label={text.venueKind}
          values={view.venueKind === null ? {} : { venueKind: view.venueKind }}
          options={venueKinds.map((kind) => [kind, messages.cases.venues[kind]] as const)}
        />
        <button type="submit" class="button">
          {text.setVenue}
        </button>
      </form>
    </section>
  );
}

/** One case: its state, what can be done next (as forms), what cannot and why, its timeline. */
export function CasePage(props: CasePageProps) {
  const { site, viewer, view, names, staff, refusal, notice } = props;
  const text = messages.cases.casePage;
  const ref = caseRef(view.caseId);
  const open = view.availability.filter((entry) => entry.allowed && !withoutForm.has(entry.kind));
  const blocked = view.availability.filter(
    (entry) => !entry.allowed && !withoutForm.has(entry.kind),
  );
  return (
    <ConsoleLayout site={site} title={text.title(ref)} viewer={viewer} current="queue">
      <h1>{text.title(ref)}</h1>
      {notice !== null && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {refusal !== null && !open.some((entry) => entry.kind === refusal.kind) && (
        <div class="form-error" role="alert">
          <p>
            <strong>
              {refusal.kind === 'handling'
                ? text.handlingHeading
                : messages.cases.actions[refusal.kind]}
              :
            </strong>{' '}
            {text.refused} {refusal.reason}
          </p>
        </div>
      )}
      <Alerts view={view} />
      <dl class="facts">
        <dt>{text.reference}</dt>
        <dd>
          <code>{view.caseId}</code>
        </dd>
        <dt>{text.received}</dt>
        <dd>{formatInstant(view.createdAt)}</dd>
        <dt>{text.currentStep}</dt>
        <dd>{messages.cases.steps[view.step]}</dd>
        {view.dueAt !== null && (
          <>
            <dt>{text.dueAt}</dt>
            <dd>{formatInstant(view.dueAt)}</dd>
          </>
        )}
      </dl>
      <p class="hint" id="case-access-hint">
        {messages.access.accessPage.fromCaseHint}
      </p>
      <p>
        <a href={`/console/cases/${view.caseId}/access`} aria-describedby="case-access-hint">
          {messages.access.accessPage.fromCase}
        </a>
      </p>

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{text.nextHeading}</h2>
        <p class="hint">{text.nextLead}</p>
        {open.length === 0 && <p>{text.nothingNext}</p>}
        {open.map((entry) => (
          <StepForm
            key={entry.kind}
            kind={entry.kind}
            caseId={view.caseId}
            csrfToken={viewer.csrfToken}
            staff={staff}
            values={refusal?.kind === entry.kind ? refusal.values : {}}
            refusal={refusal?.kind === entry.kind ? refusal : null}
          />
        ))}
      </section>

      <section aria-labelledby="blocked-heading">
        <h2 id="blocked-heading">{text.blockedHeading}</h2>
        <dl class="rules">
          {blocked.map((entry) =>
            entry.allowed ? null : (
              <div key={entry.kind} id={`rule-${entry.kind}`}>
                <dt>{messages.cases.actions[entry.kind]}</dt>
                <dd>{entry.rejection.reason}</dd>
              </div>
            ),
          )}
        </dl>
      </section>

      <Handling {...props} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{text.timelineHeading}</h2>
        <p class="hint">{text.timelineLead}</p>
        <CaseTimeline events={view.timeline} names={names} />
      </section>
    </ConsoleLayout>
  );
}

/** The case page as a complete HTML document. */
export function renderCasePage(props: CasePageProps): string {
  return renderPage(<CasePage {...props} />);
}
