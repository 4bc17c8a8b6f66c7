import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteServices } from '../../../test/helpers/services.js';
import type { ServiceDeps } from '../../services/deps.js';
import { startIntakeWriter } from '../../services/intake-writer.js';
import { tinyPng } from '../../services/reporting.fixtures.js';
import { buildTestServer, type TestServer } from '../server.fixtures.js';
import { hiddenValue, openForm, postMultipart, type Fields } from './reporting-http.fixtures.js';

let server: TestServer | undefined;
let services: ServiceDeps | undefined;
let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.app.close();
  await dispose?.();
  server = undefined;
  dispose = undefined;
});

async function start(overrides: Parameters<typeof buildTestServer>[0] = {}) {
  const storage = await createSqliteServices();
  services = storage.services;
  dispose = storage.dispose;
  server = await buildTestServer({ ...overrides, services });
  return server.app;
}

/** How many rows a table holds. */
async function count(table: 'reports' | 'attachments'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
    services!.database.db,
  );
  return Number(rows[0]?.n);
}

/** Every field of the form filled in, as a reporter would. */
function fullReport(csrf: string, submissionId: string): Fields {
  return [
    ['_csrf', csrf],
    ['submissionId', submissionId],
    ['immediateDanger', 'no'],
    ['behaviour', 'He called me names in the channel <b>twice</b> & laughed.'],
    ['approximateTime', 'Tuesday 21:00 UTC'],
    ['circumstances', 'During the weekly meeting'],
    ['venue', 'irc'],
    ['venueDetail', '#openstack-dev'],
    ['accused-1-name', 'Sam Example'],
    ['accused-1-email', 'sam@example.org'],
    ['accused-1-irc-nick', 'sammy'],
    ['accused-1-irc-network', 'OFTC'],
    ['accused-1-forge-user', 'sam-e'],
    ['accused-1-forge-service', 'GitHub'],
    ['accused-1-other-label', 'Matrix'],
    ['accused-1-other-value', '@sam:example.org'],
    ['accused-2-name', 'Alex Other'],
    ['relation', 'witness'],
    ['conductItems', 'personal_insults'],
    ['conductItems', 'repeated_harassment'],
    ['othersInvolved', 'Two others saw it'],
    ['anonymous', 'no'],
    ['contact', 'me@example.net, evenings'],
  ];
}

describe('GET /report', () => {
  it('shows the form with a CSRF token, a fresh submission id, and no script', async () => {
    const app = await start();
    const first = await openForm(app, '/report');
    const second = await openForm(app, '/report');
    expect(first.response.statusCode).toBe(200);
    expect(first.response.headers['cache-control']).toBe('no-store');
    expect(first.csrf).not.toBe('');
    expect(first.submissionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.submissionId).not.toBe(first.submissionId);
    expect(first.html).toContain('enctype="multipart/form-data"');
    expect(first.html).toContain(
      '<legend>Is anyone in immediate or physical danger right now?</legend>',
    );
    expect(first.html).toContain('+1 555 0100 (event safety desk)');
    expect(first.html).toContain('name="accused-3-irc-network"');
    expect(first.html).toContain('class="quick-exit" href="https://www.wikipedia.org/"');
    expect(first.html).not.toMatch(/<script|\son[a-z]+=|style=/i);
  });
});

describe('POST /report', () => {
  it('answers a valid report with the receipt page, only after storing it', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const response = await postMultipart(
      app,
      '/report',
      form.cookie,
      fullReport(form.csrf, form.submissionId),
      [{ field: 'attachments', filename: 'shot.png', type: 'image/png', bytes: tinyPng }],
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const code = /<code id="receipt-code">([0-9A-Z-]+)<\/code>/.exec(response.body)?.[1];
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await count('reports')).toBe(1);
    expect(await count('attachments')).toBe(1);
  });

  it('accepts a report that gives nothing but what happened', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    expect(form.html).toMatch(/value="not_said"[^>]*checked|checked[^>]*value="not_said"/);
    const response = await postMultipart(app, '/report', form.cookie, [
      ['_csrf', form.csrf],
      ['submissionId', form.submissionId],
      ['behaviour', 'Someone kept sending me messages after I asked them to stop.'],
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="receipt-code"');
    expect(await count('reports')).toBe(1);
  });

  it('makes one report of a double submit and shows the same receipt code both times', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const fields = fullReport(form.csrf, form.submissionId);
    const [one, two] = await Promise.all([
      postMultipart(app, '/report', form.cookie, fields),
      postMultipart(app, '/report', form.cookie, fields),
    ]);
    const three = await postMultipart(app, '/report', form.cookie, fields);
    const codeOf = (html: string) => /<code id="receipt-code">([^<]+)</.exec(html)?.[1];
    expect([one.statusCode, two.statusCode, three.statusCode]).toEqual([200, 200, 200]);
    expect(codeOf(two.body)).toBe(codeOf(one.body));
    expect(codeOf(three.body)).toBe(codeOf(one.body));
    expect(await count('reports')).toBe(1);
  });

  it('brings a refused form back with every typed value and each error beside its field', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const fields = fullReport(form.csrf, form.submissionId).map(([name, value]) =>
      name === 'behaviour'
        ? ([name, '   '] as const)
        : name === 'accused-1-irc-nick'
          ? ([name, 'bad nick!'] as const)
          : ([name, value] as const),
    );
    const response = await postMultipart(app, '/report', form.cookie, fields);
    expect(response.statusCode).toBe(400);
    const html = response.body;
    // The error summary links to each field, and each field names its error.
    expect(html).toContain('<div class="error-summary" role="alert"');
    expect(html).toContain(
      '<a href="#field-behaviour">Describe what happened: this is the one field we need.</a>',
    );
    expect(html).toContain('<a href="#field-accused-1-irc-nick">');
    expect(html).toMatch(
      /<p class="field-error" id="field-behaviour-error">Describe what happened/,
    );
    expect(html).toMatch(
      /<textarea id="field-behaviour" name="behaviour"[^>]*aria-invalid="true" aria-describedby="field-behaviour-error field-behaviour-hint"/,
    );
    // Everything typed is still there, escaped, and the same submission id is kept.
    expect(hiddenValue(html, 'submissionId')).toBe(form.submissionId);
    for (const [name, value] of fields) {
      if (name === '_csrf' || name === 'submissionId' || name === 'behaviour') continue;
      const escaped = value
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('"', '&quot;');
      if (['venue', 'relation', 'conductItems', 'anonymous', 'immediateDanger'].includes(name)) {
        expect(html).toMatch(new RegExp(`name="${name}" value="${value}" checked`));
      } else if (['circumstances', 'othersInvolved', 'contact'].includes(name)) {
        expect(html).toContain(`>${escaped}</textarea>`);
      } else {
        expect(html).toContain(`name="${name}" value="${escaped}"`);
      }
    }
    // The second person's block is open because it holds text.
    expect(html).toMatch(/<details class="person" open/);
    expect(await count('reports')).toBe(0);
  });

  it('keeps the text when contact details come with a request for anonymity', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const fields = fullReport(form.csrf, form.submissionId).map(([name, value]) =>
      name === 'anonymous' ? ([name, 'yes'] as const) : ([name, value] as const),
    );
    const response = await postMultipart(app, '/report', form.cookie, fields);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-contact-error">You chose to stay anonymous');
    expect(response.body).toContain('>me@example.net, evenings</textarea>');
  });

  it('shows the form again with the text when the CSRF token is missing or wrong', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const fields = fullReport('forged-token', form.submissionId);
    const response = await postMultipart(app, '/report', form.cookie, fields);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('this form expired before it was sent');
    expect(response.body).toContain(
      'He called me names in the channel &lt;b>twice&lt;/b> &amp; laughed.</textarea>',
    );
    // A fresh token comes with it, and sending again with it works.
    const again = await postMultipart(
      app,
      '/report',
      form.cookie,
      fullReport(hiddenValue(response.body, '_csrf'), form.submissionId),
    );
    expect(again.statusCode).toBe(200);
    // Without the CSRF cookie at all, the text is kept too.
    const noCookie = await postMultipart(app, '/report', '', fields);
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.body).toContain('He called me names');
    expect(await count('reports')).toBe(1);
  });

  it('refuses a file of another type than its name says, keeping the text', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const response = await postMultipart(
      app,
      '/report',
      form.cookie,
      fullReport(form.csrf, form.submissionId),
      [
        {
          field: 'attachments',
          filename: 'page.png',
          type: 'image/png',
          bytes: Buffer.from('<html>not a png</html>'),
        },
      ],
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-attachments-error"');
    expect(response.body).toContain('choose them again');
    expect(response.body).toContain('He called me names');
  });

  it('refuses more than five files, keeping the text', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const files = Array.from({ length: 6 }, (_, index) => ({
      field: 'attachments',
      filename: `shot-${index}.png`,
      type: 'image/png',
      bytes: tinyPng,
    }));
    const response = await postMultipart(
      app,
      '/report',
      form.cookie,
      fullReport(form.csrf, form.submissionId),
      files,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      'id="field-attachments-error">Attach at most 5 files at a time.',
    );
    expect(response.body).toContain('He called me names');
  });

  it('refuses a body declared larger than the cap before reading it', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/report',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(80 * 1024 * 1024),
      },
      payload: '--x--',
    });
    expect(response.statusCode).toBe(413);
  });

  it('tells a reporter in danger, after sending, to contact the authorities now', async () => {
    const app = await start();
    const form = await openForm(app, '/report');
    const response = await postMultipart(app, '/report', form.cookie, [
      ['_csrf', form.csrf],
      ['submissionId', form.submissionId],
      ['immediateDanger', 'yes'],
      ['behaviour', 'He is following me around the venue.'],
      ['relation', 'target'],
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You said someone is in danger');
    expect(response.body).toContain('contact your local emergency services or the police now');
    expect(response.body).toContain('+1 555 0100 (event safety desk)');
  });

  it('slows a flood of reports from one client and keeps the text of the refused one', async () => {
    const app = await start({ config: { reportsPerHour: 2 } });
    const form = await openForm(app, '/report');
    for (let index = 0; index < 2; index += 1) {
      const fields = fullReport(form.csrf, `${form.submissionId.slice(0, 40)}AA${index}`);
      expect((await postMultipart(app, '/report', form.cookie, fields)).statusCode).toBe(200);
    }
    const refused = await postMultipart(
      app,
      '/report',
      form.cookie,
      fullReport(form.csrf, form.submissionId),
    );
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('He called me names');
  });

  it('keeps the typed form when the intake writer could not store it in time; sent again, one report', async () => {
    const storage = await createSqliteServices();
    dispose = storage.dispose;
    services = storage.services;
    const writer = await startIntakeWriter({
      file: storage.file,
      keys: services.keys,
      answerWithinMs: 100,
    });
    try {
      server = await buildTestServer({ services: { ...services, intakeWriter: writer } });
      const { app } = server;
      const form = await openForm(app, '/report');
      const fields = fullReport(form.csrf, form.submissionId);
      // The server's own connection holds the write lock, so the writer cannot store in time.
      await sql`begin immediate`.execute(services.database.db);
      const refused = await postMultipart(app, '/report', form.cookie, fields);
      await sql`commit`.execute(services.database.db);
      expect(refused.statusCode).toBe(503);
      expect(refused.body).toContain('The report could not be stored. Please send it again.');
      expect(refused.body).toContain('He called me names');
      expect(hiddenValue(refused.body, 'submissionId')).toBe(form.submissionId);
      // The writer stores it once the lock is free (its answer came too late for this request).
      while ((await count('reports')) === 0)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const again = fields.map(([name, value]) =>
        name === '_csrf'
          ? ([name, hiddenValue(refused.body, '_csrf')] as const)
          : ([name, value] as const),
      );
      const stored = await postMultipart(app, '/report', form.cookie, again);
      expect(stored.statusCode).toBe(200);
      expect(stored.body).toContain('id="receipt-code"');
      expect(await count('reports')).toBe(1);
    } finally {
      await server?.app.close();
      server = undefined;
      await writer.close();
    }
  });
});
