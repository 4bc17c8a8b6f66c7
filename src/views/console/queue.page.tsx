import { caseSteps } from '../../domain/case-state.js';
import { venueKinds } from '../../domain/report-form.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import type { QueueRequest, QueueResult } from '../../services/case-queue.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import type { StaffNames } from './case-timeline.js';
import { ConsoleLayout, type ConsoleViewer } from './console-layout.js';
import { caseRef, formatInstant } from './format.js';

export interface QueuePageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly request: QueueRequest;
  readonly result: QueueResult;
  readonly names: StaffNames;
  /** Staff who may be chosen in the handler filter. */
  readonly staff: readonly StaffUser[];
}

function FilterSelect({
  id,
  label,
  chosen,
  options,
}: {
  readonly id: string;
  readonly label: string;
  readonly chosen: string | undefined;
  readonly options: readonly (readonly [string, string])[];
}) {
  return (
    <div class="filter">
      <label for={`filter-${id}`}>{label}</label>
      <select id={`filter-${id}`} name={id}>
        {options.map(([value, text]) => (
          <option key={value} value={value} selected={(chosen ?? '') === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The address of a page of the queue with the same filters. */
function pageHref(request: QueueRequest, page: number): string {
  const params = new URLSearchParams();
  for (const name of ['step', 'venue', 'label', 'assignee'] as const) {
    const value = request[name];
    if (value) params.set(name, value);
  }
  params.set('page', String(page));
  return `/console?${params.toString()}`;
}

/** The queue: filters as a GET form, the cases that need action first, and pages. */
export function QueuePage({ site, viewer, request, result, names, staff }: QueuePageProps) {
  const text = messages.cases.queue;
  const stepOptions = [
    ['', text.openCases] as const,
    ...caseSteps
      .filter((step) => step !== 'not_received')
      .map((step) => [step, messages.cases.steps[step]] as const),
  ];
  return (
    <ConsoleLayout site={site} title={text.title} viewer={viewer} current="queue">
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      <p>
        <a href="/console/reports/new">{text.newReport}</a>
      </p>
      <form method="get" action="/console" class="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{text.filtersHeading}</h2>
        <div class="filter-row">
          <FilterSelect id="step" label={text.step} chosen={request.step} options={stepOptions} />
          <FilterSelect
            id="venue"
            label={text.venue}
            chosen={request.venue}
            options={[
              ['', text.any],
              ...venueKinds.map((kind) => [kind, messages.cases.venues[kind]] as const),
            ]}
          />
          <FilterSelect
            id="label"
            label={text.label}
            chosen={request.label}
            options={[
              ['', text.any],
              ...result.labelsInUse.map((label) => [label, label] as const),
            ]}
          />
          <FilterSelect
            id="assignee"
            label={text.assignee}
            chosen={request.assignee}
            options={[
              ['', text.any],
              [viewer.user.id, text.me],
              ['none', text.nobody],
              ...staff
                .filter((user) => user.id !== viewer.user.id)
                .map((user) => [user.id, user.displayName] as const),
            ]}
          />
        </div>
        <div class="filter-actions">
          <button type="submit" class="button button-primary">
            {text.apply}
          </button>
          <a href="/console">{text.reset}</a>
        </div>
      </form>

      <h2 id="cases-heading">{text.count(result.total)}</h2>
      {result.entries.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" aria-labelledby="cases-heading">
            <thead>
              <tr>
                <th scope="col">{text.caseColumn}</th>
                <th scope="col">{text.stepColumn}</th>
                <th scope="col">{text.flagsColumn}</th>
                <th scope="col">{text.venueColumn}</th>
                <th scope="col">{text.labelsColumn}</th>
                <th scope="col">{text.handlersColumn}</th>
                <th scope="col">{text.receivedColumn}</th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">
                    <a href={`/console/cases/${entry.id}`}>{caseRef(entry.id)}</a>
                  </th>
                  <td>
                    {(messages.cases.steps as Readonly<Record<string, string>>)[entry.step] ??
                      entry.step}
                  </td>
                  <td>
                    {entry.attention === 0 && <strong class="flag">{text.danger}</strong>}
                    {entry.dueAt !== null && (
                      <span class={entry.overdue ? 'flag' : undefined}>
                        {' '}
                        {(entry.overdue ? text.overdue : text.due)(formatInstant(entry.dueAt))}
                      </span>
                    )}
                  </td>
                  <td>
                    {entry.venueKind === null
                      ? ''
                      : ((messages.cases.venues as Readonly<Record<string, string>>)[
                          entry.venueKind
                        ] ?? entry.venueKind)}
                  </td>
                  <td>{entry.labels.join(', ')}</td>
                  <td>
                    {entry.assigneeIds
                      .map((id) => names.get(id) ?? messages.cases.casePage.unknownPerson)
                      .join(', ')}
                  </td>
                  <td>{formatInstant(entry.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 && (
        <nav aria-label={text.pagerLabel} class="pager">
          {result.page > 1 && <a href={pageHref(request, result.page - 1)}>{text.previous}</a>}
          <span>{text.pageOf(result.page, result.pageCount)}</span>
          {result.page < result.pageCount && (
            <a href={pageHref(request, result.page + 1)}>{text.next}</a>
          )}
        </nav>
      )}
    </ConsoleLayout>
  );
}

/** The queue page as a complete HTML document. */
export function renderQueuePage(props: QueuePageProps): string {
  return renderPage(<QueuePage {...props} />);
}
