import type { ComponentChildren } from 'preact';
import { hasRole } from '../../domain/roles.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import { assetPaths } from '../layout.js';
import { messages, type Site } from '../messages.js';

/** Who is looking at a console page, and the CSRF token their forms carry. */
export interface ConsoleViewer {
  readonly user: StaffUser;
  readonly csrfToken: string;
}

export type ConsoleSection = 'queue' | 'users' | 'account';

interface ConsoleLayoutProps {
  readonly site: Site;
  readonly title: string;
  /** Null on the pages before sign-in (sign-in, enrolment): no navigation then. */
  readonly viewer: ConsoleViewer | null;
  /** The navigation entry to mark as the current page. */
  readonly current?: ConsoleSection;
  readonly children: ComponentChildren;
}

/** The hidden field that carries the CSRF token in every console form. */
export function CsrfField({ token }: { readonly token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * The frame of every staff console page: header with the signed-in user's name and a sign-out
 * form (POST with CSRF token), navigation (Users only for administrators), no script at all.
 */
export function ConsoleLayout({ site, title, viewer, current, children }: ConsoleLayoutProps) {
  const text = messages.console.layout;
  const entries: { section: ConsoleSection; href: string; label: string; shown: boolean }[] = [
    { section: 'queue', href: '/console', label: text.queue, shown: true },
    {
      section: 'users',
      href: '/console/users',
      label: text.users,
      shown:
        viewer !== null &&
        hasRole({ id: viewer.user.id, roles: viewer.user.roles }, 'administrator'),
    },
    { section: 'account', href: '/console/account', label: text.account, shown: true },
  ];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{text.pageTitle(title)}</title>
        <link rel="stylesheet" href={assetPaths.stylesheet} />
        <link rel="icon" href={assetPaths.icon} type="image/svg+xml" />
      </head>
      <body class="console">
        <a class="skip-link" href="#main">
          {messages.layout.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap console-header">
            <a class="site-home" href="/console">
              <span class="site-foundation">{messages.layout.foundation(site)}</span>
              <span class="site-name">{text.siteName}</span>
            </a>
            {viewer !== null && (
              <form class="console-signout" method="post" action="/console/sign-out">
                <span class="console-user">{text.signedInAs(viewer.user.displayName)}</span>
                <CsrfField token={viewer.csrfToken} />
                <button type="submit" class="button-link">
                  {text.signOut}
                </button>
              </form>
            )}
          </div>
          {viewer !== null && (
            <nav class="wrap console-nav" aria-label={text.navLabel}>
              <ul>
                {entries
                  .filter((entry) => entry.shown)
                  .map((entry) => (
                    <li key={entry.section}>
                      <a
                        href={entry.href}
                        aria-current={entry.section === current ? 'page' : undefined}
                      >
                        {entry.label}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{text.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
