import {
  conductItems,
  reportLimits,
  reporterRelations,
  venueKinds,
} from '../domain/report-form.js';
import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';
import { AccusedPeople } from './report-accused.js';
import {
  ChoiceGroup,
  ErrorSummary,
  FileInput,
  TextArea,
  TextInput,
  type FieldErrors,
  type TypedValues,
} from './report-fields.js';
import { reportFieldOrder, reportFields as f } from './report-form-names.js';

export interface ReportPageProps {
  readonly site: Site;
  readonly csrfToken: string;
  /** The idempotency token: the same one comes back with a refused form, so a retry is one report. */
  readonly submissionId: string;
  readonly values: TypedValues;
  readonly errors: FieldErrors;
  /** Problems not tied to one field (an expired form, a failed store). */
  readonly general: readonly string[];
  readonly limits: { readonly maxFiles: number; readonly maxFileMegabytes: number };
}

/** Immediate-danger advice: static text, so it is there before sending, with or without script. */
export function DangerAdvice({ site, advice }: { readonly site: Site; readonly advice: string }) {
  const text = messages.reporting.form;
  return (
    <div class="danger danger-inline">
      <p>{advice}</p>
      {site.emergencyContact !== null && (
        <p>
          {text.dangerContactLead(site)} <strong class="contact">{site.emergencyContact}</strong>
        </p>
      )}
    </div>
  );
}

/** The public report form. Only the description is required; it works without JavaScript. */
export function ReportPage(props: ReportPageProps) {
  const { site, values, errors } = props;
  const text = messages.reporting.form;
  const field = { values, errors };
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      <p class="hint">{text.privacy}</p>
      <form method="post" action="/report" enctype="multipart/form-data" class="report-form">
        <ErrorSummary
          heading={text.errorSummaryHeading}
          errors={errors}
          general={props.general}
          order={reportFieldOrder}
        />
        <input type="hidden" name={f.csrf} value={props.csrfToken} />
        <input type="hidden" name={f.submissionId} value={props.submissionId} />

        <ChoiceGroup
          name={f.immediateDanger}
          label={text.dangerLegend}
          options={[
            ['no', text.dangerNo],
            ['yes', text.dangerYes],
          ]}
          defaultValue="no"
          {...field}
        >
          <DangerAdvice site={site} advice={text.dangerAdvice} />
        </ChoiceGroup>

        <fieldset class="section">
          <legend>{text.behaviourLegend}</legend>
          <TextArea
            name={f.behaviour}
            label={text.behaviour}
            hint={text.behaviourHint}
            rows={8}
            maxLength={reportLimits.behaviour}
            required
            {...field}
          />
          <TextInput
            name={f.approximateTime}
            label={text.approximateTime}
            hint={text.approximateTimeHint}
            maxLength={reportLimits.approximateTime}
            {...field}
          />
          <TextArea
            name={f.circumstances}
            label={text.circumstances}
            hint={text.circumstancesHint}
            maxLength={reportLimits.circumstances}
            {...field}
          />
        </fieldset>

        <ChoiceGroup
          name={f.venueKind}
          label={text.venueLegend}
          hint={text.venueHint}
          options={venueKinds.map((kind) => [kind, text.venues[kind]] as const)}
          defaultValue="not_sure"
          {...field}
        />
        <TextInput
          name={f.venueDetail}
          label={text.venueDetail}
          hint={text.venueDetailHint}
          maxLength={reportLimits.venueDetail}
          {...field}
        />

        <AccusedPeople values={values} errors={errors} />

        <ChoiceGroup
          name={f.relation}
          label={text.relationLegend}
          options={reporterRelations.map(
            (relation) => [relation, text.relations[relation]] as const,
          )}
          defaultValue="not_said"
          {...field}
        />
        <ChoiceGroup
          name={f.conductItems}
          label={text.conductLegend}
          hint={text.conductHint}
          options={conductItems.map((item) => [item, text.conductItems[item]] as const)}
          multiple
          {...field}
        />
        <TextArea
          name={f.othersInvolved}
          label={text.othersInvolved}
          hint={text.othersInvolvedHint}
          maxLength={reportLimits.othersInvolved}
          {...field}
        />

        <fieldset class="section">
          <legend>{text.youLegend}</legend>
          <ChoiceGroup
            name={f.anonymous}
            label={text.anonymousLegend}
            options={[
              ['yes', text.anonymousYes],
              ['no', text.anonymousNo],
            ]}
            defaultValue="yes"
            {...field}
          />
          <TextArea
            name={f.contact}
            label={text.contact}
            hint={text.contactHint}
            rows={2}
            maxLength={reportLimits.contact}
            {...field}
          />
        </fieldset>

        {/* Last, so that a multipart body carries every text field before any file: a file that
            breaks a limit never costs the text typed above it. */}
        <fieldset class="section">
          <legend>{text.filesLegend}</legend>
          <FileInput
            name={f.attachments}
            label={text.files}
            hint={text.filesHint(props.limits.maxFiles, props.limits.maxFileMegabytes)}
            errors={errors}
          />
        </fieldset>

        <p class="hint">{text.afterSubmit}</p>
        <button type="submit" class="button button-primary">
          {text.submit}
        </button>
      </form>
    </Layout>
  );
}

/** The report form as a complete HTML document. */
export function renderReportPage(props: ReportPageProps): string {
  return renderPage(<ReportPage {...props} />);
}
