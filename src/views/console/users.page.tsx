import { roles } from '../../domain/roles.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';

export interface UsersPageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly users: readonly StaffUser[];
  /** A new invitation, shown once. */
  readonly invited: {
    readonly name: string;
    readonly link: string;
    readonly expiresAt: string;
  } | null;
  readonly notice: string | null;
  readonly error: string | null;
}

function statusOf(user: StaffUser): string {
  const text = messages.console.users;
  if (user.disabledAt !== null) return text.disabled;
  return user.enrolledAt === null ? text.invited : text.active;
}

function RoleChoices({
  idPrefix,
  chosen,
}: {
  readonly idPrefix: string;
  readonly chosen: readonly string[];
}) {
  return (
    <>
      {roles.map((role) => (
        <span class="choice" key={role}>
          <input
            type="checkbox"
            id={`${idPrefix}-${role}`}
            name="roles"
            value={role}
            checked={chosen.includes(role)}
          />
          <label for={`${idPrefix}-${role}`}>{messages.console.roles[role]}</label>
        </span>
      ))}
    </>
  );
}

/** Administrators' page: every staff account, invitations, roles, disabling. */
export function UsersPage({ site, viewer, users, invited, notice, error }: UsersPageProps) {
  const text = messages.console.users;
  return (
    <ConsoleLayout site={site} title={text.title} viewer={viewer} current="users">
      <h1>{text.title}</h1>
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
      {invited !== null && (
        <section class="notice" aria-labelledby="invited-heading">
          <h2 id="invited-heading">{text.invitedHeading}</h2>
          <p>{text.invitedText(invited.name, invited.expiresAt.slice(0, 16).replace('T', ' '))}</p>
          <p>
            <code class="secret">{invited.link}</code>
          </p>
        </section>
      )}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{text.listHeading}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{text.displayName}</th>
              <th scope="col">{text.userName}</th>
              <th scope="col">{text.status}</th>
              <th scope="col">{text.roles}</th>
              <th scope="col">{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td>{user.username}</td>
                <td>{statusOf(user)}</td>
                <td>
                  <form
                    method="post"
                    action={`/console/users/${user.id}/roles`}
                    class="inline-form"
                  >
                    <CsrfField token={viewer.csrfToken} />
                    <fieldset>
                      <legend class="visually-hidden">{text.rolesLegend}</legend>
                      <RoleChoices idPrefix={`roles-${user.id}`} chosen={user.roles} />
                    </fieldset>
                    <button type="submit" class="button-link">
                      {text.saveRoles(user.displayName)}
                    </button>
                  </form>
                </td>
                <td>
                  <a href={`/console/users/${user.id}/identifiers`}>
                    {messages.access.staffIdentifiers.link(user.displayName)}
                  </a>
                  {user.disabledAt === null && user.id !== viewer.user.id && (
                    <form method="post" action={`/console/users/${user.id}/disable`}>
                      <CsrfField token={viewer.csrfToken} />
                      <button type="submit" class="button-link">
                        {text.disable(user.displayName)}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{text.inviteHeading}</h2>
        <p class="hint">{text.inviteHint}</p>
        <form method="post" action="/console/users" class="stack-form">
          <CsrfField token={viewer.csrfToken} />
          <label for="invite-username">{text.userName}</label>
          <input
            id="invite-username"
            name="username"
            type="text"
            required
            maxLength={64}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
          />
          <label for="invite-displayName">{text.displayName}</label>
          <input
            id="invite-displayName"
            name="displayName"
            type="text"
            required
            maxLength={200}
            autocomplete="off"
          />
          <fieldset>
            <legend>{text.rolesLegend}</legend>
            <RoleChoices idPrefix="invite" chosen={[]} />
          </fieldset>
          <button type="submit" class="button button-primary">
            {text.invite}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

/** The users page as a complete HTML document. */
export function renderUsersPage(props: UsersPageProps): string {
  return renderPage(<UsersPage {...props} />);
}
