import { messages, type Site } from '../messages.js';
import { renderPage } from '../render.js';
import { ConsoleLayout, CsrfField } from './console-layout.js';

export type SignInNotice = 'signed-out' | 'signed-out-everywhere' | 'password-changed' | 'enrolled';

interface SignInPageProps {
  readonly site: Site;
  readonly csrfToken: string;
  /** The one message for any failure, or the throttle message; null on a fresh page. */
  readonly error: 'failed' | 'throttled' | null;
  readonly notice: SignInNotice | null;
  readonly username: string;
  /** Where to go after signing in (a checked /console path), kept through the form. */
  readonly next: string | null;
}

/** The staff sign-in form: user name, password, TOTP code. */
export function SignInPage({ site, csrfToken, error, notice, username, next }: SignInPageProps) {
  const text = messages.console.signIn;
  const noticeText =
    notice === 'signed-out'
      ? text.signedOut
      : notice === 'signed-out-everywhere'
        ? text.signedOutEverywhere
        : notice === 'password-changed'
          ? text.passwordChanged
          : notice === 'enrolled'
            ? messages.console.enrol.done
            : null;
  return (
    <ConsoleLayout site={site} title={text.title} viewer={null}>
      <h1>{text.title}</h1>
      {noticeText !== null && (
        <p class="notice" role="status">
          {noticeText}
        </p>
      )}
      {error !== null && (
        <p class="form-error" role="alert" id="sign-in-error">
          {error === 'throttled' ? text.throttled : text.failed}
        </p>
      )}
      <p>{text.lead}</p>
      <form method="post" action="/console/sign-in" class="stack-form">
        <CsrfField token={csrfToken} />
        {next !== null && <input type="hidden" name="next" value={next} />}
        <label for="username">{text.username}</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          maxLength={64}
          value={username}
        />
        <label for="password">{text.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxLength={1024}
        />
        <label for="code">{text.code}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          required
          maxLength={7}
          aria-describedby="code-hint"
        />
        <p class="hint" id="code-hint">
          {text.codeHint}
        </p>
        <button type="submit" class="button button-primary">
          {text.submit}
        </button>
      </form>
    </ConsoleLayout>
  );
}

/** The sign-in page as a complete HTML document. */
export function renderSignInPage(props: SignInPageProps): string {
  return renderPage(<SignInPage {...props} />);
}
