import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { ServiceDeps } from '../services/deps.js';
import type { Site } from '../views/messages.js';
import { requireRouteAudience } from './audience.js';
import { registerForms } from './forms.js';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandlers } from './errors.js';
import { RequestLogController, loggerOptions } from './logging.js';
import { registerAssetRoutes } from './public/assets.route.js';
import { registerHomeRoutes } from './public/home.route.js';
import { registerSecurityHeaders, securityHeaderSnapshot } from './security-headers.js';

/** Text forms are small; files go through multipart with their own limits. */
const formBodyLimitBytes = 256 * 1024;

/** Everything the web server needs from the composition root. */
export interface ServerDeps {
  readonly config: Pick<Config, 'publicUrl' | 'foundationName' | 'emergencyContact' | 'logLevel'>;
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

  registerAssetRoutes(app);
  registerHomeRoutes(app, { site, checkDatabase: deps.checkDatabase });
  return app;
}
