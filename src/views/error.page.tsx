import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';

interface ErrorPageProps {
  readonly site: Site;
  readonly status: number;
  /** A public message only: never an exception's own text. */
  readonly message: string;
  readonly errorId: string | null;
}

/** A calm page for a failed request: what happened in plain words, and a reference to quote. */
export function ErrorPage({ site, status, message, errorId }: ErrorPageProps) {
  const text = messages.errors;
  const title =
    status === 404
      ? text.notFoundTitle
      : status >= 500
        ? text.serverErrorTitle
        : text.requestErrorTitle;
  return (
    <Layout site={site} title={title}>
      <h1>{title}</h1>
      <p class="lead">{status === 404 ? text.notFoundText : message}</p>
      {errorId !== null && (
        <div class="error-reference">
          <p>
            {text.errorIdLabel} <code>{errorId}</code>
          </p>
          <p class="hint">{text.errorIdHint}</p>
        </div>
      )}
      <p>
        <a href="/">{text.homeLink}</a>
      </p>
    </Layout>
  );
}

/** The error page as a complete HTML document. */
export function renderErrorPage(props: ErrorPageProps): string {
  return renderPage(<ErrorPage {...props} />);
}
