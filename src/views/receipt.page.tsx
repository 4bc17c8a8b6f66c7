import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';
import { DangerAdvice } from './report.page.js';

export interface ReceiptPageProps {
  readonly site: Site;
  /** `XXXX-XXXX-XXXX-XXXX-XXXX`; the database keeps only a slow hash of it. */
  readonly receiptCode: string;
  readonly immediateDanger: boolean;
}

/**
 * The answer to a stored report, sent only after its transaction committed: the receipt code,
 * large and easy to select, and how to use it. Served with Cache-Control: no-store.
 */
export function ReceiptPage({ site, receiptCode, immediateDanger }: ReceiptPageProps) {
  const text = messages.reporting.receipt;
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>

      {immediateDanger && (
        <section class="danger" aria-labelledby="danger-heading">
          <h2 id="danger-heading">{text.dangerHeading}</h2>
          <DangerAdvice site={site} advice={text.dangerText} />
        </section>
      )}

      <section class="receipt" aria-labelledby="code-heading">
        <h2 id="code-heading">{text.codeHeading}</h2>
        <p class="receipt-code">
          <code id="receipt-code">{receiptCode}</code>
        </p>
        <p>
          <strong>{text.codeIntro}</strong>
        </p>
        <p>{text.codeUse}</p>
        <p class="hint">{text.codeSecret}</p>
      </section>

      <ul class="actions">
        <li>
          <a class="button" href="/follow-up">
            {text.followUpLink}
          </a>
        </li>
        <li>
          <a href="/">{text.homeLink}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** The receipt page as a complete HTML document. */
export function renderReceiptPage(props: ReceiptPageProps): string {
  return renderPage(<ReceiptPage {...props} />);
}
