import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAudience } from '../src/http/audience.js';
import { declaredRoutes } from '../src/http/audience.js';
import { sessionCookie } from '../src/http/console/session.js';
import { csrfCookie } from '../src/http/forms.js';
import { followUpCookie } from '../src/http/public/follow-up.route.js';
import { accusedCookie } from '../src/http/public/respond.route.js';
import { buildTestServer } from '../src/http/server.fixtures.js';
import { exchangeAccusedLink, issueAccusedLink } from '../src/services/accused-link.js';
import { setCounselGrant } from '../src/services/counsel-grants.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { openFollowUp } from '../src/services/follow-up.js';
import { recordCaseStep } from '../src/services/record-case-step.js';
import { buildReport } from '../src/services/reporting.fixtures.js';
import { startStaffSession } from '../src/services/staff-sessions.js';
import { submitReport } from '../src/services/submit-report.js';
import { inTransaction } from '../src/store/audit-log.js';
import { carryToAccusedNotified } from './helpers/case-steps.js';
import { createSqliteServices } from './helpers/services.js';
import { createStaffUser, type TestStaffUser } from './helpers/staff-session.js';

/*
 * The access matrix (SECURITY.md R5): every route the fully built server registers × every kind
 * of visitor, generated from the route table (src/http/audience.ts records each route with its
 * declared audience), checked against one expectation per audience. A route whose audience has
 * no expectation here fails; routes others add are picked up as they are registered.
 */

type Principal =
  | 'anonymous'
  | 'reporter'
  | 'accused'
  | 'conduct_staff'
  | 'executive_director'
  | 'board_liaison'
  | 'administrator'
  | 'counsel_granted'
  | 'counsel_without_grant'
  | 'recused_staff';

const principals: readonly Principal[] = [
  'anonymous',
  'reporter',
  'accused',
  'conduct_staff',
  'executive_director',
  'board_liaison',
  'administrator',
  'counsel_granted',
  'counsel_without_grant',
  'recused_staff',
];

const nonStaff: ReadonlySet<Principal> = new Set(['anonymous', 'reporter', 'accused']);
/** Staff who may not open the case the matrix uses: they must get what a missing case gets. */
const keptOut: ReadonlySet<Principal> = new Set([
  'administrator',
  'counsel_without_grant',
  'recused_staff',
]);

/** How an answer reads: sent to sign in, "not found", refused by CSRF, or served. */
type Outcome = 'sign_in' | 'hidden' | 'csrf' | 'served';

interface Answer {
  readonly status: number;
  readonly outcome: Outcome;
  readonly body: string;
}

interface RouteUnderTest {
  readonly method: string;
  readonly url: string;
  readonly audience: RouteAudience;
  /** True for a route about one case (its `:id` is the case). */
  readonly perCase: boolean;
}

/** What each principal must get from a route of each audience; null means "any answer". */
type Expectation = (principal: Principal, route: RouteUnderTest) => Outcome | 'not_200' | null;

const expectations: Partial<Record<RouteAudience, Expectation>> = {
  // Anyone may use them (bogus tokens 404 and wrong passwords 401 for everyone alike).
  public: () => null,
  // Only the holder of a receipt-code session reads their case.
  reporter: (principal) => (principal === 'reporter' ? null : 'not_200'),
  // Only the holder of an accused session reads the notice.
  accused: (principal) => (principal === 'accused' ? null : 'not_200'),
  staff: (principal, route) => {
    if (nonStaff.has(principal)) return 'sign_in';
    if (route.perCase && keptOut.has(principal)) return 'hidden';
    return 'served';
  },
  administrator: (principal) => {
    if (nonStaff.has(principal)) return 'sign_in';
    return principal === 'administrator' ? 'served' : 'hidden';
  },
};

function outcomeOf(status: number, location: unknown): Outcome {
  const target = typeof location === 'string' ? location : '';
  if (status === 401) return 'sign_in';
  if (
    status === 303 &&
    (target === '/console/sign-in' || target.startsWith('/console/sign-in?next='))
  ) {
    return 'sign_in';
  }
  if (status === 404) return 'hidden';
  if (status === 403) return 'csrf';
  return 'served';
}

describe('the access matrix', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let caseId: string;
  let receiptCode: string;
  let spareUserId: string;
  let csrf: { cookie: string; token: string };
  const people = new Map<Principal, TestStaffUser>();
  let routes: RouteUnderTest[] = [];
  const answers = new Map<string, Answer>();
  const missingCaseId = randomUUID();

  /** A fresh session for each request, since some routes (sign-out, leave) end the one they get. */
  async function cookieFor(principal: Principal): Promise<string> {
    const base = `${csrfCookie}=${csrf.cookie}`;
    if (principal === 'anonymous') return base;
    if (principal === 'reporter') {
      const opened = await openFollowUp(services, receiptCode);
      return `${base}; ${followUpCookie}=${opened?.sessionId ?? ''}`;
    }
    if (principal === 'accused') {
      const staff = people.get('conduct_staff')!;
      const link = await issueAccusedLink(services, caseId, staff.actor);
      return `${base}; ${accusedCookie}=${(await exchangeAccusedLink(services, link.token)) ?? ''}`;
    }
    const user = people.get(principal)!;
    const token = await inTransaction(services.database.db, (trx) =>
      startStaffSession(services, trx, user.id),
    );
    return `${base}; ${sessionCookie}=${token}`;
  }

  /**
   * Form fields that get a request past input checks to the access check: an empty form may be
   * refused as invalid before the case is even looked up, which tests nothing about access.
   * Each is chosen to change nothing that other requests depend on.
   */
  function fieldsFor(route: RouteUnderTest): Record<string, string> {
    const suffix = route.url.replace(/^\/console\/cases\/:id/, '');
    switch (suffix) {
      case '/merge':
        return { absorbedCaseId: caseId };
      case '/venue':
        return { venueKind: 'irc' };
      case '/labels':
      case '/labels/remove':
        return { label: 'matrix' };
      case '/handlers':
      case '/handlers/remove':
      case '/counsel':
      case '/counsel/remove':
        // A conduct staff account: never a counsel, so no grant changes hands.
        return { staffId: spareUserId, counselId: spareUserId };
      default:
        return {};
    }
  }

  function pathOf(route: RouteUnderTest, targetCase: string): string {
    return route.url
      .replace(/\/cases\/:id/, `/cases/${targetCase}`)
      .replace(/\/users\/:id/, `/users/${spareUserId}`)
      .replace(':token', randomBytes(32).toString('base64url'))
      .replace(':kind', 'close_case')
      .replace(/:[A-Za-z]+/g, 'x')
      .replace('*', 'x');
  }

  async function ask(
    route: RouteUnderTest,
    principal: Principal,
    targetCase: string,
  ): Promise<Answer> {
    const cookie = await cookieFor(principal);
    const reply = await app.inject({
      method: route.method as 'GET' | 'POST',
      url: pathOf(route, targetCase),
      headers: {
        cookie,
        ...(route.method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(route.method === 'GET'
        ? {}
        : {
            payload: new URLSearchParams({ _csrf: csrf.token, ...fieldsFor(route) }).toString(),
          }),
    });
    return {
      status: reply.statusCode,
      outcome: outcomeOf(reply.statusCode, reply.headers.location),
      body: reply.body,
    };
  }

  beforeAll(async () => {
    const storage = await createSqliteServices();
    services = storage.services;
    dispose = storage.dispose;
    app = (await buildTestServer({ services })).app;
    await app.ready();
    routes = declaredRoutes(app)
      .filter((route) => route.method !== 'HEAD')
      .map((route) => ({ ...route, perCase: route.url.includes('/cases/:id') }));

    const make = async (
      principal: Principal,
      roles: Parameters<typeof createStaffUser>[1]['roles'],
    ) => people.set(principal, await createStaffUser(services, { roles }));
    await make('conduct_staff', ['conduct_staff']);
    await make('executive_director', ['executive_director']);
    await make('board_liaison', ['board_liaison']);
    await make('administrator', ['administrator']);
    await make('counsel_granted', ['legal_counsel']);
    await make('counsel_without_grant', ['legal_counsel']);
    await make('recused_staff', ['conduct_staff']);
    spareUserId = (await createStaffUser(services, { roles: ['conduct_staff'] })).id;

    const report = await submitReport(services, buildReport(), []);
    caseId = report.caseId;
    receiptCode = report.receiptCode;
    const staff = people.get('conduct_staff')!;
    const director = people.get('executive_director')!;
    await carryToAccusedNotified(services, caseId, {
      staff: staff.actor,
      director: director.actor,
    });
    await recordCaseStep(
      services,
      caseId,
      { kind: 'declare_conflict', note: '' },
      people.get('recused_staff')!.actor,
    );
    await setCounselGrant(
      services,
      caseId,
      people.get('counsel_granted')!.id,
      true,
      director.actor,
    );

    const page = await app.inject({ method: 'GET', url: '/console/sign-in' });
    csrf = {
      cookie: page.cookies.find((c) => c.name === csrfCookie)?.value ?? '',
      token: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
    };

    // Routes that end sessions last, so that nothing they do changes what the others see.
    const ordered = [...routes].sort(
      (a, b) => Number(a.method === 'POST') - Number(b.method === 'POST'),
    );
    for (const route of ordered) {
      for (const principal of principals) {
        answers.set(
          `${route.method} ${route.url} ${principal}`,
          await ask(route, principal, caseId),
        );
      }
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('is generated from a route table that holds the console, the public side and the accused side', () => {
    const urls = routes.map((route) => `${route.method} ${route.url}`);
    expect(urls).toContain('GET /console/cases/:id');
    expect(urls).toContain('GET /respond');
    expect(urls).toContain('GET /');
    expect(routes.length).toBeGreaterThan(20);
  });

  it('has an expectation for the audience of every route', () => {
    const unlisted = routes.filter((route) => expectations[route.audience] === undefined);
    expect(unlisted.map((route) => `${route.method} ${route.url} (${route.audience})`)).toEqual([]);
  });

  it('answers every route × role as its audience demands', () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const expect_ = expectations[route.audience];
      if (expect_ === undefined) continue;
      for (const principal of principals) {
        const answer = answers.get(`${route.method} ${route.url} ${principal}`)!;
        const wanted = expect_(principal, route);
        const ok =
          wanted === null
            ? answer.outcome !== 'csrf'
            : wanted === 'not_200'
              ? answer.status !== 200
              : answer.outcome === wanted;
        if (!ok) {
          mismatches.push(
            `${route.method} ${route.url} as ${principal}: ${answer.status} (${answer.outcome}), wanted ${wanted ?? 'any'}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lets the holders of the reporter and accused sessions read their pages', () => {
    expect(answers.get('GET /respond accused')?.status).toBe(200);
    expect(answers.get('GET /follow-up/case reporter')?.status).toBe(200);
    expect(answers.get('GET /console/cases/:id counsel_granted')?.status).toBe(200);
    expect(answers.get('GET /console/cases/:id board_liaison')?.status).toBe(200);
  });

  it('answers staff kept out of a case exactly as for a case that does not exist', async () => {
    const differences: string[] = [];
    for (const route of routes.filter((candidate) => candidate.perCase)) {
      for (const principal of keptOut) {
        const real = answers.get(`${route.method} ${route.url} ${principal}`)!;
        const missing = await ask(route, principal, missingCaseId);
        if (real.status !== missing.status || real.body !== missing.body) {
          differences.push(`${route.method} ${route.url} as ${principal}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('records no opening of the case by anyone kept out of it', async () => {
    const ids = [...keptOut].map((principal) => people.get(principal)!.id);
    const entries = await services.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('case_id', '=', caseId)
      .where('actor', 'in', ids)
      .execute();
    // The recused member's own declaration of the conflict is the only entry of theirs.
    expect(entries).toEqual([
      { actor: people.get('recused_staff')!.id, action: 'case.conflict_declared' },
    ]);
    const viewedByGranted = await services.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('case_id', '=', caseId)
      .where('actor', '=', people.get('counsel_granted')!.id)
      .where('action', '=', 'case.viewed')
      .execute();
    expect(viewedByGranted.length).toBeGreaterThan(0);
  });
});
