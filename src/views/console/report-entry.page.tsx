import { staffIntakeMedia } from '../../domain/case-events.js';
import { conductItems, reporterRelations, venueKinds } from '../../domain/report-form.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';
import {
  Checkbox,
  Checkboxes,
  Radios,
  Select,
  TextArea,
  TextField,
  type FormValues,
} from './form-fields.js';

export interface ReportEntryPageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  /** A fresh submission id: a form sent twice makes one report. */
  readonly submissionId: string;
  readonly values: FormValues;
  readonly error: string | null;
  /** Once stored: the receipt code to pass on, shown this once. */
  readonly stored: { readonly caseId: string; readonly receiptCode: string } | null;
}

/** The form in which staff enter a report they took by phone, e-mail or in person. */
export function ReportEntryPage({
  site,
  viewer,
  submissionId,
  values,
  error,
  stored,
}: ReportEntryPageProps) {
  const text = messages.cases.reportForm;
  const id = 'report';
  if (stored !== null) {
    return (
      <ConsoleLayout site={site} title={text.storedHeading} viewer={viewer} current="queue">
        <h1>{text.storedHeading}</h1>
        <p>{text.storedText}</p>
        <p>
          <code class="secret receipt">{stored.receiptCode}</code>
        </p>
        <p>
          <a href={`/console/cases/${stored.caseId}`}>{text.openCase}</a>
        </p>
      </ConsoleLayout>
    );
  }
  return (
    <ConsoleLayout site={site} title={text.title} viewer={viewer} current="queue">
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      {error !== null && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action="/console/reports/new" class="stack-form">
        <CsrfField token={viewer.csrfToken} />
        <input type="hidden" name="submissionId" value={submissionId} />
        <Radios
          id={`${id}-medium`}
          name="medium"
          label={text.medium}
          values={values}
          options={staffIntakeMedia.map((m) => [m, text.media[m]] as const)}
          required
        />
        <Radios
          id={`${id}-relation`}
          name="relation"
          label={text.relation}
          values={values}
          options={reporterRelations.map((r) => [r, text.relations[r]] as const)}
          required
        />
        <TextField
          id={`${id}-accused-name`}
          name="accusedName"
          label={text.accusedName}
          values={values}
        />
        <TextField
          id={`${id}-accused-email`}
          name="accusedEmail"
          label={text.accusedIdentifier}
          values={values}
        />
        <TextArea
          id={`${id}-behaviour`}
          name="behaviour"
          label={text.behaviour}
          values={values}
          required
        />
        <TextField
          id={`${id}-time`}
          name="approximateTime"
          label={text.approximateTime}
          values={values}
        />
        <TextArea
          id={`${id}-circumstances`}
          name="circumstances"
          label={text.circumstances}
          values={values}
        />
        <Select
          id={`${id}-venue-kind`}
          name="venueKind"
          label={messages.cases.fields.venueKind}
          values={values}
          options={venueKinds.map((kind) => [kind, messages.cases.venues[kind]] as const)}
        />
        <TextField
          id={`${id}-venue-detail`}
          name="venueDetail"
          label={text.venueDetail}
          values={values}
        />
        <Checkboxes
          id={`${id}-items`}
          name="conductItems"
          label={messages.cases.fields.conductItems}
          values={values}
          options={conductItems.map((item) => [item, messages.cases.conductItems[item]] as const)}
        />
        <TextArea
          id={`${id}-others`}
          name="othersInvolved"
          label={text.othersInvolved}
          values={values}
        />
        <Checkbox id={`${id}-anonymous`} name="anonymous" label={text.anonymous} values={values} />
        <TextArea id={`${id}-contact`} name="contact" label={text.contact} values={values} />
        <Checkbox
          id={`${id}-danger`}
          name="immediateDanger"
          label={text.immediateDanger}
          values={values}
        />
        <button type="submit" class="button button-primary">
          {text.submit}
        </button>
      </form>
    </ConsoleLayout>
  );
}

/** The report entry page as a complete HTML document. */
export function renderReportEntryPage(props: ReportEntryPageProps): string {
  return renderPage(<ReportEntryPage {...props} />);
}
