import { ListSection } from './list-section.js';
import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';

/** The public home page: how to report, what happens next, and what to do in danger. */
export function HomePage({ site }: { readonly site: Site }) {
  const text = messages.home;
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.intro(site)}</p>

      <section class="danger" aria-labelledby="danger-heading">
        <h2 id="danger-heading">{text.dangerHeading}</h2>
        <p>{text.dangerText}</p>
        {site.emergencyContact !== null && (
          <p>
            {text.dangerContactLead(site)} <strong class="contact">{site.emergencyContact}</strong>
          </p>
        )}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{text.actionsHeading}</h2>
        <ul class="actions">
          <li>
            <a class="button button-primary" href="/report">
              {text.reportLink}
            </a>
            <p class="hint">{text.reportHint}</p>
          </li>
          <li>
            <a class="button" href="/follow-up">
              {text.followUpLink}
            </a>
            <p class="hint">{text.followUpHint}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{text.whoHeading}</h2>
        <p>{text.whoText}</p>
        <p>{text.anonymousText}</p>
        <p>
          <a href="/guidelines">{messages.reporting.guidelines.title}</a>
        </p>
      </section>

      <ListSection
        id="include"
        heading={text.includeHeading}
        lead={text.includeLead}
        items={text.includeItems}
      />

      <ListSection
        id="next"
        heading={text.nextHeading}
        lead={text.nextLead(site)}
        items={text.nextSteps}
        ordered
      />

      <ListSection id="practices" heading={text.practicesHeading} items={text.practices} />
    </Layout>
  );
}

/** The home page as a complete HTML document. */
export function renderHomePage(site: Site): string {
  return renderPage(<HomePage site={site} />);
}
