import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';
import { Select } from './form-fields.js';
import { caseRef, formatInstant } from './format.js';

export interface CaseAccessSectionProps {
  readonly caseId: string;
  readonly csrfToken: string;
  /** Active legal counsel accounts that could be granted the case. */
  readonly counselAccounts: readonly StaffUser[];
  /** Who holds a grant for the case now, by staff id. */
  readonly grantedIds: readonly string[];
  readonly names: ReadonlyMap<string, string>;
}

/**
 * Legal counsel's grant and the accused's link, as a section the case page can include. The
 * forms post to routes that ask the domain whether the signed-in person may do it.
 */
export function CaseAccessSection(props: CaseAccessSectionProps) {
  const { caseId, csrfToken, counselAccounts, grantedIds, names } = props;
  const counsel = messages.access.counsel;
  const link = messages.access.accusedLink;
  const base = `/console/cases/${caseId}`;
  const grantable = counselAccounts.filter((user) => !grantedIds.includes(user.id));
  return (
    <section aria-labelledby="case-access-heading">
      <h2 id="case-access-heading">{counsel.heading}</h2>
      <p class="hint">{counsel.lead}</p>
      {grantedIds.length === 0 ? (
        <p>{counsel.none}</p>
      ) : (
        <ul class="plain-list">
          {grantedIds.map((id) => {
            const name = names.get(id) ?? id;
            return (
              <li key={id}>
                <form method="post" action={`${base}/counsel/remove`} class="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="counselId" value={id} />
                  {counsel.granted} {name}{' '}
                  <button type="submit" class="button-link">
                    {counsel.end(name)}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {grantable.length === 0 ? (
        <p>{counsel.noAccounts}</p>
      ) : (
        <form method="post" action={`${base}/counsel`} class="stack-form">
          <CsrfField token={csrfToken} />
          <Select
            id="counsel-id"
            name="counselId"
            label={counsel.grantLabel}
            values={{}}
            options={grantable.map((user) => [user.id, user.displayName] as const)}
          />
          <button type="submit" class="button">
            {counsel.grant}
          </button>
        </form>
      )}
      <h2 id="accused-link-heading">{link.heading}</h2>
      <p class="hint">{link.lead}</p>
      <form method="post" action={`${base}/accused-link`} class="stack-form">
        <CsrfField token={csrfToken} />
        <button type="submit" class="button">
          {link.make}
        </button>
      </form>
    </section>
  );
}

/** The access page of a case: the section above on a page of its own. */
export function renderCaseAccessPage(
  props: CaseAccessSectionProps & { readonly site: Site; readonly viewer: ConsoleViewer },
): string {
  const text = messages.access.accessPage;
  const ref = caseRef(props.caseId);
  return renderPage(
    <ConsoleLayout site={props.site} title={text.title(ref)} viewer={props.viewer} current="queue">
      <h1>{text.title(ref)}</h1>
      <p>
        <a href={`/console/cases/${props.caseId}`}>{text.backToCase}</a>
      </p>
      <CaseAccessSection {...props} />
    </ConsoleLayout>,
  );
}

/** The page that shows a new accused link, once. */
export function renderAccusedLinkPage(props: {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly caseId: string;
  readonly url: string;
  readonly expiresAt: string;
}): string {
  const text = messages.access.accusedLink;
  return renderPage(
    <ConsoleLayout site={props.site} title={text.title} viewer={props.viewer} current="queue">
      <h1>{text.title}</h1>
      <p>{text.shownOnce}</p>
      <p>
        <code class="accused-link">{props.url}</code>
      </p>
      <p>{text.expires(formatInstant(props.expiresAt))}</p>
      <p>
        <a href={`/console/cases/${props.caseId}`}>{text.back}</a>
      </p>
    </ConsoleLayout>,
  );
}
