import type { AccusedNoticeFields } from '../../domain/accused-notice.js';
import { renderAccusedNotice } from '../accused-notice.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';
import { caseRef } from './format.js';

export interface AccusedPreviewPageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly caseId: string;
  readonly notice: AccusedNoticeFields;
}

/**
 * The notice to the accused exactly as they will receive it (the same view function renders
 * their page), with the form that sends it: the fields travel as hidden inputs, unchanged.
 */
export function AccusedPreviewPage({ site, viewer, caseId, notice }: AccusedPreviewPageProps) {
  const text = messages.cases.preview;
  return (
    <ConsoleLayout site={site} title={text.title} viewer={viewer} current="queue">
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      <div class="notice-preview">
        {renderAccusedNotice({ foundationName: site.foundationName, notice })}
      </div>
      <form
        method="post"
        action={`/console/cases/${caseId}/steps/notify_accused`}
        class="stack-form"
      >
        <CsrfField token={viewer.csrfToken} />
        <input type="hidden" name="responseDeadline" value={notice.responseDeadline} />
        <input type="hidden" name="message" value={notice.message} />
        <button type="submit" class="button button-primary">
          {text.send}
        </button>
      </form>
      <p>
        <a href={`/console/cases/${caseId}`}>
          {text.back} {caseRef(caseId)}
        </a>
      </p>
    </ConsoleLayout>
  );
}

/** The preview page as a complete HTML document. */
export function renderAccusedPreviewPage(props: AccusedPreviewPageProps): string {
  return renderPage(<AccusedPreviewPage {...props} />);
}
