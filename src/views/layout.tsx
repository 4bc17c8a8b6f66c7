import type { ComponentChildren } from 'preact';
import { messages, type Site } from './messages.js';

/** Where the stylesheet and icon are served; the asset routes answer at these paths. */
export const assetPaths = {
  stylesheet: '/assets/site.css',
  icon: '/assets/icon.svg',
} as const;

interface LayoutProps {
  readonly site: Site;
  readonly title: string;
  readonly children: ComponentChildren;
}

/** The frame of every public page: landmarks, skip link, header and footer; no script at all. */
export function Layout({ site, title, children }: LayoutProps) {
  const text = messages.layout;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{text.pageTitle(title, site)}</title>
        <link rel="stylesheet" href={assetPaths.stylesheet} />
        <link rel="icon" href={assetPaths.icon} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {text.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap site-header-row">
            {/* A plain link, so it works without JavaScript; no-referrer keeps this site's address
                from the page it opens. */}
            <a class="quick-exit" href={site.quickExitUrl} rel="noreferrer noopener">
              {messages.reporting.quickExit.link}
            </a>
            <a class="site-home" href="/">
              <span class="site-foundation">{text.foundation(site)}</span>
              <span class="site-name">{text.siteName}</span>
            </a>
          </div>
        </header>
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{text.footer(site)}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
