import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField, type ConsoleViewer } from './console-layout.js';

interface AccountPageProps {
  readonly site: Site;
  readonly viewer: ConsoleViewer;
  readonly error: string | null;
}

/** The signed-in user's account: who they are, change password, sign out everywhere. */
export function AccountPage({ site, viewer, error }: AccountPageProps) {
  const text = messages.console.account;
  const { user } = viewer;
  return (
    <ConsoleLayout site={site} title={text.title} viewer={viewer} current="account">
      <h1>{text.title}</h1>
      <dl class="facts">
        <dt>{text.displayName}</dt>
        <dd>{user.displayName}</dd>
        <dt>{text.userName}</dt>
        <dd>{user.username}</dd>
        <dt>{text.roles}</dt>
        <dd>{user.roles.map((role) => messages.console.roles[role]).join(', ')}</dd>
      </dl>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{text.passwordHeading}</h2>
        <p class="hint">{text.passwordHint}</p>
        {error !== null && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <form method="post" action="/console/account/password" class="stack-form">
          <CsrfField token={viewer.csrfToken} />
          <input
            type="text"
            name="username"
            value={user.username}
            autocomplete="username"
            hidden
            readOnly
          />
          <label for="currentPassword">{text.currentPassword}</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            required
            maxLength={1024}
          />
          <label for="newPassword">{text.newPassword}</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            maxLength={256}
          />
          <label for="newPasswordAgain">{text.newPasswordAgain}</label>
          <input
            id="newPasswordAgain"
            name="newPasswordAgain"
            type="password"
            autocomplete="new-password"
            required
            maxLength={256}
          />
          <button type="submit" class="button">
            {text.changePassword}
          </button>
        </form>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{text.sessionsHeading}</h2>
        <p>{text.sessionsText}</p>
        <form method="post" action="/console/sign-out-everywhere">
          <CsrfField token={viewer.csrfToken} />
          <button type="submit" class="button">
            {text.signOutEverywhere}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

/** The account page as a complete HTML document. */
export function renderAccountPage(props: AccountPageProps): string {
  return renderPage(<AccountPage {...props} />);
}
