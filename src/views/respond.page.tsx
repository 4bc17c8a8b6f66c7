import type { AccusedPage } from '../domain/accused-link.js';
import { renderAccusedNotice } from './accused-notice.js';
import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';

export interface RespondPageProps {
  readonly site: Site;
  readonly csrfToken: string;
  readonly page: AccusedPage;
  /** Shown above the form: the response was just received, or why it was refused. */
  readonly notice: string | null;
  readonly error: string | null;
  readonly typed: string;
}

/**
 * The accused's page: the notice exactly as staff previewed it, the response form while they may
 * answer, and the action taken once staff record it. Built from `AccusedPage` only, which holds
 * nothing about the complainant or anyone else involved.
 */
export function RespondPage({ site, csrfToken, page, notice, error, typed }: RespondPageProps) {
  const text = messages.access.respond;
  return (
    <Layout site={site} title={text.title}>
      {notice !== null && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {renderAccusedNotice({ foundationName: site.foundationName, notice: page.notice })}
      {page.actionTaken !== null && (
        <section aria-labelledby="action-heading">
          <h2 id="action-heading">{text.actionTakenHeading}</h2>
          <p class="preserve-lines">{page.actionTaken}</p>
        </section>
      )}
      {page.mayRespond ? (
        <section aria-labelledby="respond-heading">
          <h2 id="respond-heading">{text.respondHeading}</h2>
          <p>{text.respondLead}</p>
          {error !== null && (
            <p class="form-error" role="alert" id="response-error">
              {error}
            </p>
          )}
          <form method="post" action="/respond" class="stack-form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <label for="response">{text.responseLabel}</label>
            <textarea
              id="response"
              name="response"
              rows={12}
              required
              maxLength={20_000}
              aria-describedby={error === null ? undefined : 'response-error'}
            >
              {typed}
            </textarea>
            <button type="submit" class="button button-primary">
              {text.send}
            </button>
          </form>
        </section>
      ) : (
        <p>{page.responded ? text.responded : text.windowClosed}</p>
      )}
      <form method="post" action="/respond/leave" class="stack-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <p class="hint">{text.leaveHint}</p>
        <button type="submit" class="button">
          {text.leave}
        </button>
      </form>
    </Layout>
  );
}

/** The accused's page as a complete HTML document. */
export function renderRespondPage(props: RespondPageProps): string {
  return renderPage(<RespondPage {...props} />);
}
