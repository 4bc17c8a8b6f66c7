import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';

export interface StaffIdentifiersPageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly person: StaffUser;
  /** How many identifiers of each kind are on record (the values cannot be shown). */
  readonly counts: Readonly<Record<string, number>>;
  readonly notice: string | null;
  readonly error: string | null;
}

/** Administrators set the identifiers by which reports could name a staff member. */
export function StaffIdentifiersPage(props: StaffIdentifiersPageProps) {
  const { site, viewer, person, counts, notice, error } = props;
  const text = messages.access.staffIdentifiers;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const area = (id: string, label: string) => (
    <>
      <label for={id}>{label}</label>
      <textarea id={id} name={id} rows={3} maxLength={10_000} autocomplete="off" />
    </>
  );
  return (
    <ConsoleLayout
      site={site}
      title={text.title(person.displayName)}
      viewer={viewer}
      current="users"
    >
      <h1>{text.title(person.displayName)}</h1>
      <p>{text.lead}</p>
      {notice !== null && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error !== null && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <p>{text.onRecord(total)}</p>
      <form method="post" action={`/console/users/${person.id}/identifiers`} class="stack-form">
        <CsrfField token={viewer.csrfToken} />
        {area('emails', text.emails)}
        {area('ircNicks', text.ircNicks)}
        {area('forgeNames', text.forgeNames)}
        <label for="name">{text.name}</label>
        <input id="name" name="name" type="text" maxLength={200} autocomplete="off" />
        <button type="submit" class="button">
          {text.save}
        </button>
      </form>
      <p>
        <a href="/console/users">{text.back}</a>
      </p>
    </ConsoleLayout>
  );
}

/** The page as a complete HTML document. */
export function renderStaffIdentifiersPage(props: StaffIdentifiersPageProps): string {
  return renderPage(<StaffIdentifiersPage {...props} />);
}
