import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { OmbudsError, type ErrorCode } from '../domain/errors.js';
import { renderErrorPage } from '../views/error.page.js';
import { messages, type Site } from '../views/messages.js';
import { logRequestCompleted } from './logging.js';
import { prefersJson } from './negotiate.js';

/**
 * The one error handler and the one not-found handler. A person sees an OmbudsError's public
 * message, or a generic one with an error id for anything else; the log gets the real message
 * under the same id. No stack, path, SQL or exception text ever reaches a body.
 */

/** The HTTP status of each error code; a new code without a status fails to compile. */
export const statusByCode = {
  invalid_input: 400,
  unauthenticated: 401,
  csrf_rejected: 403,
  not_found: 404,
  rule_violation: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  integrity: 500,
  configuration: 500,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** Seconds a client is asked to wait after a 503. */
export const retryAfterSeconds = 5;

/** The body of every JSON error answer. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly errorId: string;
    /** Present on a 409: the procedure rule that forbids the step. */
    readonly rule?: string;
  };
}

interface Described {
  readonly status: number;
  readonly code: ErrorCode;
  readonly publicMessage: string;
  readonly rule?: string;
}

/** A short random id that a person can quote and staff can find in the log. */
export function newErrorId(): string {
  return randomBytes(6).toString('hex');
}

/** Maps any thrown value to a status, a code and a message safe to show to anyone. */
export function describeError(error: unknown): Described {
  const text = messages.errors;
  if (error instanceof OmbudsError) {
    return {
      status: statusByCode[error.code],
      code: error.code,
      publicMessage: error.publicMessage,
      ...(error.rule === undefined ? {} : { rule: error.rule }),
    };
  }
  // Fastify's own refusals (bad JSON, body too large, wrong media type, failed validation) and
  // plugins' http errors carry a 4xx statusCode; their messages may quote input, so none is kept.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) {
    return { status: 500, code: 'internal', publicMessage: text.internal };
  }
  switch (status) {
    case 403:
      // The only 403 a plugin raises here is @fastify/csrf-protection's.
      return { status, code: 'csrf_rejected', publicMessage: text.csrfRejected };
    case 404:
      return { status, code: 'not_found', publicMessage: text.notFound };
    case 413:
      return { status, code: 'too_large', publicMessage: text.tooLarge };
    case 415:
      return { status, code: 'invalid_input', publicMessage: text.unsupportedMediaType };
    case 429:
      return { status, code: 'rate_limited', publicMessage: text.rateLimited };
    default:
      return { status, code: 'invalid_input', publicMessage: text.invalidInput };
  }
}

function logError(request: FastifyRequest, error: unknown, described: Described, errorId: string) {
  const fields = { errorId, code: described.code, statusCode: described.status };
  if (described.status >= 500) {
    // The real message and stack go to the log only, under the id the person was shown.
    request.log.error({ ...fields, err: error }, 'request failed');
  } else if (error instanceof OmbudsError) {
    // An OmbudsError's log message is written by us for the log.
    request.log.info({ ...fields, reason: error.message }, 'request refused');
  } else {
    const fastifyCode = (error as { code?: unknown } | null)?.code;
    request.log.info(
      { ...fields, ...(typeof fastifyCode === 'string' ? { fastifyCode } : {}) },
      'request refused',
    );
  }
}

function sendError(
  site: Site,
  request: FastifyRequest,
  reply: FastifyReply,
  described: Described,
  errorId: string,
): void {
  reply.code(described.status);
  if (described.status === 503 && !reply.hasHeader('retry-after')) {
    reply.header('retry-after', String(retryAfterSeconds));
  }
  if (prefersJson(request.headers.accept, request.url.split('?')[0] ?? '')) {
    const body: ErrorBody = {
      error: {
        code: described.code,
        message: described.publicMessage,
        errorId,
        ...(described.rule === undefined ? {} : { rule: described.rule }),
      },
    };
    // Sent as a string: answers outside a route have no serializer of their own.
    reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  const page = renderErrorPage({
    site,
    status: described.status,
    message: described.publicMessage,
    errorId: described.status === 404 ? null : errorId,
  });
  reply.type('text/html; charset=utf-8').send(page);
}

/** Answers any error; never throws, since Fastify's fallback would echo the error's message. */
function handleError(site: Site, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const errorId = newErrorId();
  try {
    const described = describeError(error);
    logError(request, error, described, errorId);
    sendError(site, request, reply, described, errorId);
  } catch (failure) {
    request.log.error({ errorId, err: failure }, 'the error handler failed');
    reply
      .code(500)
      .type('text/plain; charset=utf-8')
      .send(`${messages.errors.internal} (${errorId})`);
  }
}

/** Installs the error handler and the not-found handler on the root instance. */
export function registerErrorHandlers(app: FastifyInstance, site: Site): void {
  app.setErrorHandler((error, request, reply) => {
    handleError(site, error, request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    handleError(site, new OmbudsError('not_found', messages.errors.notFound), request, reply);
  });
}

/**
 * Fastify's `frameworkErrors` option: a malformed URL is refused before routing, so no hook has
 * run; the security headers come from the snapshot and the request line is logged here.
 */
export function frameworkErrorHandler(
  site: Site,
  securityHeaders: Readonly<Record<string, string>>,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    reply.headers(securityHeaders);
    handleError(site, error, request, reply);
    logRequestCompleted(request, reply);
  };
}

/**
 * Fastify's `clientErrorHandler` option: a request Node could not even parse. The answer is
 * written on the socket by hand, with the same security headers and error shape as the others.
 */
export function clientErrorHandler(
  securityHeaders: Readonly<Record<string, string>>,
): (this: FastifyInstance, error: ConnectionError, socket: Socket) => void {
  return function answerMalformedRequest(this: FastifyInstance, error, socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : 400;
    const errorId = newErrorId();
    // Only the parser's code: the error also carries the raw bytes the client sent.
    this.log.info({ errorId, errorCode: error.code, statusCode: status }, 'malformed request');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body: ErrorBody = {
      error: { code: 'invalid_input', message: messages.errors.invalidInput, errorId },
    };
    const payload = JSON.stringify(body);
    const headers = {
      ...securityHeaders,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${status} ${statusText(status)}\r\n${head.join('')}\r\n${payload}`, () =>
      socket.destroy(),
    );
  };
}

function statusText(status: number): string {
  return status === 408
    ? 'Request Timeout'
    : status === 431
      ? 'Request Header Fields Too Large'
      : 'Bad Request';
}
