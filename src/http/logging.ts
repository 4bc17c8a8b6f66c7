import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from '../config.js';

/**
 * What the server logs about a request: method, route and path without the query string, status,
 * time and request id. Never the client's address or port, user agent, other headers, bodies or
 * query strings: an anonymous reporter must not be identifiable from the logs. Lines stay JSON
 * (pino), which escapes newlines and control characters a stranger may put in a path.
 */

const maxLoggedPathLength = 200;

// A path segment shaped like a secret token (256 random bits in base64url: one-time enrolment
// and accused links) is replaced, so a log line never carries a working link.
const tokenSegment = /\/[A-Za-z0-9_-]{43}(?=\/|$)/g;

/** The request path with any query string and secret-token segment removed, length capped. */
export function loggablePath(url: string): string {
  const end = url.search(/[?#]/);
  const path = (end === -1 ? url : url.slice(0, end)).replace(tokenSegment, '/:token');
  return path.length > maxLoggedPathLength ? `${path.slice(0, maxLoggedPathLength)}…` : path;
}

/** Fastify's logger options: level, destination, and serializers that drop address and headers. */
export function loggerOptions(
  level: Config['logLevel'],
  stream?: NodeJS.WritableStream,
): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      // Fastify's defaults add remoteAddress, remotePort and host; these keep only what is safe.
      req: (request) => ({ method: request.method, path: loggablePath(request.url) }),
      res: (reply) => ({ statusCode: reply.statusCode }),
    },
  };
}

/** Writes the one log line of a finished request. */
export function logRequestCompleted(
  request: FastifyRequest,
  reply: FastifyReply,
  error?: Error | null,
): void {
  const fields = {
    method: request.method,
    // The route pattern (`/cases/:id`) when one matched; absent for unknown paths.
    route: request.routeOptions.url,
    path: loggablePath(request.url),
    statusCode: reply.statusCode,
    // Milliseconds; absent for answers Fastify starts outside its router (no start time).
    responseTime: Number.isFinite(reply.elapsedTime)
      ? Math.round(reply.elapsedTime * 10) / 10
      : undefined,
  };
  if (error) {
    // Only the code: a socket error's message can quote what the client sent.
    reply.log.warn({ ...fields, errorCode: errorCodeOf(error) }, 'request ended with an error');
  } else {
    reply.log.info(fields, 'request completed');
  }
}

function errorCodeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}

/**
 * Replaces Fastify's per-request log lines (an "incoming" line carrying the client address, a
 * "completed" line, a "not found" line quoting the full URL) with one line per request.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    logRequestCompleted(request, reply, error);
  }

  override routeNotFound(): void {}
}
