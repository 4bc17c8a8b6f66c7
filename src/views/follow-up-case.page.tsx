import type { ReporterCaseView } from '../services/follow-up.js';
import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';
import {
  ErrorSummary,
  FileInput,
  TextArea,
  type FieldErrors,
  type TypedValues,
} from './report-fields.js';

export interface FollowUpCasePageProps {
  readonly site: Site;
  readonly csrfToken: string;
  readonly view: ReporterCaseView;
  /** Set after an addition was stored (the page is shown again by a redirect). */
  readonly added: boolean;
  /** What the reporter typed, when an addition was refused; empty otherwise. */
  readonly values: TypedValues;
  readonly errors: FieldErrors;
  readonly general: readonly string[];
  readonly limits: { readonly maxFiles: number; readonly maxFileMegabytes: number };
}

/** The names of the add-information form's fields. */
export const additionFields = { text: 'text', files: 'attachments' } as const;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * The reporter's case: the status in plain words, the conversation with staff (never naming
 * them), a form to add text and files, and a way to leave. Served with Cache-Control: no-store.
 */
export function FollowUpCasePage(props: FollowUpCasePageProps) {
  const { site, view, errors } = props;
  const text = messages.reporting.followUpCase;
  const formText = messages.reporting.form;
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      {props.added && (
        <p class="notice" role="status">
          {text.added}
        </p>
      )}
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{text.statusHeading}</h2>
        <p class="status">{text.statuses[view.status]}</p>
      </section>

      <section aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">{text.conversationHeading}</h2>
        <ol class="conversation">
          {view.messages.map((message, index) => (
            <li key={index} class={message.from === 'staff' ? 'from-staff' : 'from-you'}>
              <p class="message-meta">
                <strong>{message.from === 'staff' ? text.fromStaff : text.fromYou}</strong>{' '}
                <time dateTime={message.at}>{timeFormat.format(new Date(message.at))} UTC</time>
              </p>
              <p class="message-text">{message.text}</p>
              {message.attachmentNames !== undefined && (
                <p class="hint">
                  {text.files} {message.attachmentNames.join(', ')}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{text.addHeading}</h2>
        {view.mayAddInformation ? (
          <form method="post" action="/follow-up/case" enctype="multipart/form-data">
            <ErrorSummary
              heading={formText.errorSummaryHeading}
              errors={errors}
              general={props.general}
              order={[additionFields.text, additionFields.files]}
            />
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <TextArea
              name={additionFields.text}
              label={text.addText}
              hint={text.addTextHint}
              rows={6}
              maxLength={20_000}
              values={props.values}
              errors={errors}
            />
            <FileInput
              name={additionFields.files}
              label={text.addFiles}
              hint={formText.filesHint(props.limits.maxFiles, props.limits.maxFileMegabytes)}
              errors={errors}
            />
            <button type="submit" class="button button-primary">
              {text.addSubmit}
            </button>
          </form>
        ) : (
          <p>{text.closedText}</p>
        )}
      </section>

      <section aria-labelledby="leave-heading">
        <h2 id="leave-heading">{text.leaveHeading}</h2>
        <p>{text.leaveText}</p>
        <form method="post" action="/follow-up/leave">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="button">
            {text.leave}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The reporter's case page as a complete HTML document. */
export function renderFollowUpCasePage(props: FollowUpCasePageProps): string {
  return renderPage(<FollowUpCasePage {...props} />);
}
