import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConductStaff } from '../../config.js';
import { buildTestServer } from '../server.fixtures.js';

describe('GET /guidelines', () => {
  it('names the configured conduct staff with their contacts, and the steps after a report', async () => {
    const { app } = await buildTestServer({
      config: {
        conductStaff: [
          { name: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000' },
          { name: 'Grace <Hopper>', email: null, phone: '+1 555 0199' },
        ],
      },
    });
    const response = await app.inject({ url: '/guidelines' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<strong>Ada Lovelace</strong>');
    expect(html).toContain('<a href="mailto:ada@example.org">ada@example.org</a>');
    expect(html).toContain('<a href="tel:+442079460000">+44 20 7946 0000</a>');
    expect(html).toContain('<strong>Grace &lt;Hopper></strong>');
    expect(html.match(/<ol class="steps">(.*?)<\/ol>/s)?.[1]?.match(/<li>/g)).toHaveLength(12);
    expect(html).toContain('contact the local authorities before anything else');
    expect(html).toContain('href="/report"');
    await app.close();
  });

  it('says reports go to the conduct staff through this site when no one is configured', async () => {
    const { app } = await buildTestServer({ config: { foundationName: 'the Example Foundation' } });
    const html = (await app.inject({ url: '/guidelines' })).body;
    expect(html).toContain(
      "Reports go to the Example Foundation's conduct staff through this site.",
    );
    expect(html).not.toContain('mailto:');
    await app.close();
  });

  it('is linked from the home page, and every public page has the quick exit', async () => {
    const { app } = await buildTestServer({ config: { quickExitUrl: 'https://weather.example/' } });
    const home = (await app.inject({ url: '/' })).body;
    expect(home).toContain('<a href="/guidelines">Reporting guidelines</a>');
    for (const url of ['/', '/report', '/follow-up', '/guidelines', '/no/such/page']) {
      const html = (await app.inject({ url })).body;
      expect(html, url).toContain(
        '<a class="quick-exit" href="https://weather.example/" rel="noreferrer noopener">Leave this site quickly</a>',
      );
    }
    await app.close();
  });
});

describe('OMBUDS_CONDUCT_STAFF', () => {
  it('reads names with an e-mail address, a phone number or both', () => {
    const problems: string[] = [];
    expect(
      parseConductStaff(
        'Ada Lovelace <ada@example.org> +44 20 7946 0000; Grace Hopper <grace@example.org>;Alan Turing +1 (555) 0199',
        problems,
      ),
    ).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000' },
      { name: 'Grace Hopper', email: 'grace@example.org', phone: null },
      { name: 'Alan Turing', email: null, phone: '+1 (555) 0199' },
    ]);
    expect(problems).toEqual([]);
  });

  it('stops start-up with one clear line for an entry without a way to reach the person', () => {
    expect(() =>
      loadConfig({ OMBUDS_CONDUCT_STAFF: 'Ada <ada@example.org>; Just A Name' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ OMBUDS_CONDUCT_STAFF: 'Ada <ada@example.org>; Just A Name' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'OMBUDS_CONDUCT_STAFF: expected entries "Name <e-mail> phone" separated by ";", each with an e-mail address or a phone number (entry 2 is "Just A Name")',
      ]);
    }
  });

  it('defaults to no staff, the Wikipedia quick exit and 20 reports an hour', () => {
    const config = loadConfig({});
    expect(config.conductStaff).toEqual([]);
    expect(config.quickExitUrl).toBe('https://www.wikipedia.org/');
    expect(config.reportsPerHour).toBe(20);
    expect(() => loadConfig({ OMBUDS_QUICK_EXIT_URL: 'javascript:alert(1)' })).toThrow(
      /OMBUDS_QUICK_EXIT_URL: expected an http/,
    );
  });
});
