import type { StaffUser } from '../../domain/staff-accounts.js';
import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField } from './console-layout.js';

interface EnrolPageProps {
  readonly site: Site;
  readonly csrfToken: string;
  readonly token: string;
  readonly user: StaffUser;
  readonly secret: string;
  readonly otpauthUri: string;
  readonly error: string | null;
}

/** Spaces every four characters, as authenticator apps accept and people read more easily. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The enrolment page of an invited staff member: TOTP key as text, password, first code. */
export function EnrolPage({
  site,
  csrfToken,
  token,
  user,
  secret,
  otpauthUri,
  error,
}: EnrolPageProps) {
  const text = messages.console.enrol;
  return (
    <ConsoleLayout site={site} title={text.title} viewer={null}>
      <h1>{text.title}</h1>
      <p>{text.lead(user.displayName, user.username)}</p>
      {error !== null && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={`/console/enrol/${token}`} class="stack-form">
        <CsrfField token={csrfToken} />
        {/* For password managers: they file the new password under this user name. */}
        <input
          type="text"
          name="username"
          value={user.username}
          autocomplete="username"
          hidden
          readOnly
        />
        <h2>{text.appHeading}</h2>
        <p>{text.appText}</p>
        <dl class="facts">
          <dt>{text.secretLabel}</dt>
          <dd>
            <code class="secret">{grouped(secret)}</code>
          </dd>
          <dt>{text.uriLabel}</dt>
          <dd>
            <a href={otpauthUri} class="secret">
              {otpauthUri}
            </a>
          </dd>
        </dl>
        <h2>{text.passwordHeading}</h2>
        <p class="hint" id="password-hint">
          {text.passwordHint}
        </p>
        <label for="password">{text.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={12}
          maxLength={256}
          aria-describedby="password-hint"
        />
        <label for="passwordAgain">{text.passwordAgain}</label>
        <input
          id="passwordAgain"
          name="passwordAgain"
          type="password"
          autocomplete="new-password"
          required
          maxLength={256}
        />
        <h2>{text.codeHeading}</h2>
        <label for="code">{text.code}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autocomplete="one-time-code"
          required
          maxLength={7}
        />
        <button type="submit" class="button button-primary">
          {text.submit}
        </button>
      </form>
    </ConsoleLayout>
  );
}

/** The enrolment page as a complete HTML document. */
export function renderEnrolPage(props: EnrolPageProps): string {
  return renderPage(<EnrolPage {...props} />);
}
