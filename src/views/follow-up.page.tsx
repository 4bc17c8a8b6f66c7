import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';
import { fieldId } from './report-fields.js';

/** Why the page is shown again: a code that opened nothing, too many tries, or none (first visit). */
export type FollowUpProblem = 'not_found' | 'rate_limited' | null;
/** A calm word after a session ended by itself or by the reporter leaving. */
export type FollowUpNotice = 'ended' | 'left' | null;

export interface FollowUpPageProps {
  readonly site: Site;
  readonly csrfToken: string;
  readonly problem: FollowUpProblem;
  readonly notice: FollowUpNotice;
}

/**
 * Where a reporter types their receipt code. A refused code is never echoed back, so the page
 * reads the same for every wrong code, whether or not some report has a code like it.
 */
export function FollowUpPage({ site, csrfToken, problem, notice }: FollowUpPageProps) {
  const text = messages.reporting.followUp;
  const error =
    problem === 'not_found'
      ? text.notFound
      : problem === 'rate_limited'
        ? messages.errors.rateLimited
        : null;
  const codeId = fieldId('code');
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      {notice !== null && (
        <p class="notice" role="status">
          {notice === 'ended' ? text.ended : text.left}
        </p>
      )}
      <p class="lead">{text.lead}</p>
      <form method="post" action="/follow-up" class="stack-form">
        {error !== null && (
          <div class="error-summary" role="alert">
            <p>
              <a href={`#${codeId}`}>{error}</a>
            </p>
          </div>
        )}
        <input type="hidden" name="_csrf" value={csrfToken} />
        <label for={codeId}>{text.code}</label>
        <p class="hint" id={`${codeId}-hint`}>
          {text.codeHint}
        </p>
        <input
          type="text"
          id={codeId}
          name="code"
          class="code-input"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={60}
          required
          aria-invalid={error === null ? undefined : 'true'}
          aria-describedby={`${codeId}-hint`}
        />
        <button type="submit" class="button button-primary">
          {text.submit}
        </button>
      </form>
      <p class="hint">{text.noCode}</p>
    </Layout>
  );
}

/** The receipt-code page as a complete HTML document. */
export function renderFollowUpPage(props: FollowUpPageProps): string {
  return renderPage(<FollowUpPage {...props} />);
}
