import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { ServiceDeps } from '../services/deps.js';
import type { Site } from '../views/messages.js';
import { requireRouteAudience } from './audience.js';
import { registerForms } from './forms.js';
import { registerAccessRoutes } from './console/access.route.js';
import { registerConsoleAuthRoutes } from './console/auth.route.js';
import { registerCaseHandlingRoutes } from './console/case-handling.route.js';
import { registerCaseRoutes } from './console/case.route.js';
import { registerQueueRoutes } from './console/queue.route.js';
import { registerReportEntryRoutes } from './console/report-entry.route.js';
import { registerStaffSessions } from './console/session.js';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandlers } from './errors.js';
import { RequestLogController, loggerOptions } from './logging.js';
import { registerAssetRoutes } from './public/assets.route.js';
import { registerFollowUpRoutes } from './public/follow-up.route.js';
import { registerGuidelinesRoutes } from './public/guidelines.route.js';
import { registerReportRoutes } from './public/report.route.js';
import { registerHomeRoutes } from './public/home.route.js';
import { registerRespondRoutes } from './public/respond.route.js';
import { registerSecurityHeaders, securityHeaderSnapshot } from './security-headers.js';

/** The quick exit's destination when the configuration names none (as config.ts defaults). */
const defaultQuickExitUrl = 'https://www.wikipedia.org/';

/** Text forms are small; files go through multipart with their own limits. */
const formBodyLimitBytes = 256 * 1024;

/** Everything the web server needs from the composition root. */
export interface ServerDeps {
  readonly config: Pick<Config, 'publicUrl' | 'foundationName' | 'emergencyContact' | 'logLevel'> &
    Partial<Pick<Config, 'conductStaff' | 'quickExitUrl' | 'reportsPerHour'>>;
  /** Resolves when the database answers; throws when it does not (health check → 503). */
  readonly checkDatabase: () => Promise<void>;
  /** Database, keys and clock for the services the routes call. */
  readonly services: ServiceDeps;
  /** Where log lines go; standard output when absent. Tests pass a stream to read them. */
  readonly logStream?: NodeJS.WritableStream;
}

/**
 * Builds the web server with its hooks, handlers and routes, without listening: tests call
 * `inject()`, `main.ts` calls `listen()`. Routes may still be added before `ready()`/`listen()`,
 * and every route added afterwards gets the same headers, logging and error handling.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const site: Site = {
    foundationName: config.foundationName,
    emergencyContact: config.emergencyContact,
    quickExitUrl: config.quickExitUrl ?? defaultQuickExitUrl,
    conductStaff: config.conductStaff ?? [],
  };
  const securityHeaders = await securityHeaderSnapshot(config.publicUrl);

  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    logController: new RequestLogController(),
    // Only a configured proxy may speak for the client's address; none is configured yet.
    trustProxy: false,
    // While closing, finish requests through the normal chain (headers, error shape) instead of
    // Fastify's bare 503 that skips every hook.
    return503OnClosing: false,
    // Fastify's default of 0 would let a slow client hold a connection open for ever.
    requestTimeout: 120_000,
    frameworkErrors: frameworkErrorHandler(site, securityHeaders),
    clientErrorHandler: clientErrorHandler(securityHeaders),
  });

  // Order matters: hooks apply to routes registered after them.
  requireRouteAudience(app);
  await registerSecurityHeaders(app, config.publicUrl);
  registerErrorHandlers(app, site);
  await registerForms(app, {
    secureCookies: config.publicUrl.startsWith('https:'),
    formBodyLimit: formBodyLimitBytes,
  });
  // After cookies, before every route: decorates request.actor and guards staff routes.
  registerStaffSessions(app, deps.services, {
    secureCookies: config.publicUrl.startsWith('https:'),
  });

  registerAssetRoutes(app);
  registerHomeRoutes(app, { site, checkDatabase: deps.checkDatabase });
  registerGuidelinesRoutes(app, { site });
  await registerReportRoutes(app, { ...deps, site, reportsPerHour: config.reportsPerHour });
  await registerFollowUpRoutes(app, { services: deps.services, site, publicUrl: config.publicUrl });
  registerConsoleAuthRoutes(app, { services: deps.services, site, publicUrl: config.publicUrl });
  registerQueueRoutes(app, { services: deps.services, site });
  registerCaseRoutes(app, { services: deps.services, site });
  registerCaseHandlingRoutes(app, { services: deps.services, site });
  registerReportEntryRoutes(app, { services: deps.services, site });
  registerAccessRoutes(app, { services: deps.services, site, publicUrl: config.publicUrl });
  registerRespondRoutes(app, { services: deps.services, site, publicUrl: config.publicUrl });
  return app;
}
