import { describe, expect, it } from 'vitest';
import { buildTestServer } from '../server.fixtures.js';

describe('GET /', () => {
  it('explains reporting in plain words, with the foundation and emergency contact from config', async () => {
    const { app } = await buildTestServer({
      config: { foundationName: 'Example Open Foundation', emergencyContact: '+44 20 7946 0000' },
    });
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('Example Open Foundation');
    expect(html).toContain('+44 20 7946 0000');
    expect(html).toContain('contact your local emergency services first');
    expect(html).toContain('<a class="button button-primary" href="/report">Report a concern</a>');
    expect(html).toContain('href="/follow-up">Follow up on a report</a>');
    expect(html).toContain('You may stay anonymous');
    expect(html).toContain('Executive Director');
    expect(html).toContain('do not question other people');
    await app.close();
  });

  it('carries no script, inline style or external resource of any kind', async () => {
    const { app } = await buildTestServer();
    const html = (await app.inject({ url: '/' })).body;
    expect(html).not.toMatch(/<script|\son[a-z]+=|style=|javascript:/i);
    // The quick exit is the one link that leaves the site on purpose; it loads nothing here.
    const withoutQuickExit = html.replace(/<a class="quick-exit" href="https:\/\/[^"]+"/, '');
    expect(withoutQuickExit).not.toMatch(/(src|href)="(https?:)?\/\//);
    await app.close();
  });

  it('escapes configured text rather than trusting it as markup', async () => {
    const { app } = await buildTestServer({
      config: {
        foundationName: '<img src=x>Evil & Co',
        emergencyContact: '<script>alert(1)</script>',
      },
    });
    const html = (await app.inject({ url: '/' })).body;
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x>Evil &amp; Co');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    await app.close();
  });

  it('leaves out the emergency contact line when none is configured', async () => {
    const { app } = await buildTestServer({ config: { emergencyContact: null } });
    const html = (await app.inject({ url: '/' })).body;
    expect(html).toContain('contact your local emergency services first');
    expect(html).not.toContain('urgently');
    await app.close();
  });
});

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const { app } = await buildTestServer();
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('answers 503 with Retry-After and no detail when the database does not', async () => {
    const { app, logText } = await buildTestServer({
      checkDatabase: () =>
        Promise.reject(new Error('connect ECONNREFUSED 10.9.8.7:5432 db-canary')),
    });
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toBe('{"status":"unavailable"}');
    expect(logText()).toContain('db-canary');
    await app.close();
  });
});

describe('assets', () => {
  it('serves the stylesheet and lets a browser revalidate it with its ETag', async () => {
    const { app } = await buildTestServer();
    const first = await app.inject({ url: '/assets/site.css' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(first.body).toContain('.button');
    expect(first.body).not.toMatch(/@import|url\(|https?:/);
    const etag = String(first.headers.etag);
    const again = await app.inject({ url: '/assets/site.css', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await app.close();
  });

  it('serves the icon the pages link to', async () => {
    const { app } = await buildTestServer();
    const response = await app.inject({ url: '/assets/icon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    await app.close();
  });
});
