import { ListSection } from './list-section.js';
import { Layout } from './layout.js';
import { messages, type Site } from './messages.js';
import { renderPage } from './render.js';

/**
 * The reporting guidelines: who receives reports (the configured conduct staff, never names in
 * code), how to reach them, and the procedure after a report in plain words.
 */
export function GuidelinesPage({ site }: { readonly site: Site }) {
  const text = messages.reporting.guidelines;
  return (
    <Layout site={site} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead(site)}</p>

      <section class="danger" aria-labelledby="danger-heading">
        <h2 id="danger-heading">{text.dangerHeading}</h2>
        <p>{text.dangerText}</p>
        {site.emergencyContact !== null && (
          <p>
            {text.dangerContactLead(site)} <strong class="contact">{site.emergencyContact}</strong>
          </p>
        )}
      </section>

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{text.whoHeading}</h2>
        {site.conductStaff.length === 0 ? (
          <p>{text.whoUnconfigured(site)}</p>
        ) : (
          <>
            <p>{text.whoConfigured}</p>
            <ul class="staff-contacts">
              {site.conductStaff.map((member) => (
                <li key={member.name}>
                  <strong>{member.name}</strong>
                  {member.email !== null && (
                    <>
                      <br />
                      {text.email} <a href={`mailto:${member.email}`}>{member.email}</a>
                    </>
                  )}
                  {member.phone !== null && (
                    <>
                      <br />
                      {text.phone}{' '}
                      <a href={`tel:${member.phone.replace(/[^+0-9]/g, '')}`}>{member.phone}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading">{text.howHeading}</h2>
        <ul>
          {text.how.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <ul class="actions">
          <li>
            <a class="button button-primary" href="/report">
              {text.reportLink}
            </a>
          </li>
          <li>
            <a class="button" href="/follow-up">
              {text.followUpLink}
            </a>
          </li>
        </ul>
      </section>

      <ListSection id="include" heading={text.includeHeading} items={text.include} />

      <ListSection
        id="steps"
        heading={text.stepsHeading}
        lead={text.stepsLead}
        items={text.steps}
        ordered
      />

      <ListSection id="practices" heading={text.practicesHeading} items={text.practices} />
    </Layout>
  );
}

/** The guidelines page as a complete HTML document. */
export function renderGuidelinesPage(site: Site): string {
  return renderPage(<GuidelinesPage site={site} />);
}
