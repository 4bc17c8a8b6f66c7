import { createHmac, randomBytes } from 'node:crypto';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Rate limits of the public side, held in this process's memory only (@fastify/rate-limit's local
 * store): nothing about a client is written to the database, the log or a file. Even in memory the
 * store never holds an address: its key is an HMAC of the address (IPv6: its /64) under a random
 * key made at start-up and never kept, so a memory dump links no entry to a network.
 *
 * Each limit counts per client and for everyone together: the per-client count slows one
 * flooder, the total caps a flood spread over many addresses. With several app servers each one
 * allows that many.
 */

export interface Allowance {
  readonly max: number;
  readonly windowMs: number;
}

export interface LimitPair {
  readonly perClient: Allowance;
  readonly total: Allowance;
}

/** The outcome of one counted attempt. */
export type LimitAnswer =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts one attempt against both limits; the answer says whether it may go ahead. */
export type Limiter = (request: FastifyRequest) => Promise<LimitAnswer>;

const fifteenMinutes = 15 * 60 * 1000;
const oneHour = 60 * 60 * 1000;

/** Receipt-code attempts on /follow-up: 10 a quarter-hour per client, 1,000 for everyone. */
export const followUpAttemptLimits: LimitPair = {
  perClient: { max: 10, windowMs: fifteenMinutes },
  total: { max: 1000, windowMs: fifteenMinutes },
};

/** Reports sent through /report: `perHour` per client (default 20) and 50 times that in all. */
export function reportLimits(perHour = 20): LimitPair {
  return {
    perClient: { max: perHour, windowMs: oneHour },
    total: { max: perHour * 50, windowMs: oneHour },
  };
}

/** Registers the plugin once, with no limit on any route unless a route asks for one. */
async function ensurePlugin(app: FastifyInstance): Promise<void> {
  if (app.hasDecorator('createRateLimit')) return;
  await app.register(fastifyRateLimit, { global: false });
}

/**
 * A limiter over one pair of limits, counted separately from every other limiter. `name` keeps
 * the counts of different forms apart in the shared store.
 */
export async function createLimiter(
  app: FastifyInstance,
  name: string,
  limits: LimitPair,
): Promise<Limiter> {
  await ensurePlugin(app);
  const secret = randomBytes(32);
  const clientKey = (request: FastifyRequest) =>
    `${name}:${createHmac('sha256', secret).update(normalizeIP(request.ip, 64)).digest('base64url')}`;
  const perClient = app.createRateLimit({
    max: limits.perClient.max,
    timeWindow: limits.perClient.windowMs,
    keyGenerator: clientKey,
  });
  const total = app.createRateLimit({
    max: limits.total.max,
    timeWindow: limits.total.windowMs,
    keyGenerator: () => `${name}:everyone`,
  });
  return async (request) => {
    for (const limit of [perClient, total]) {
      const answer = await limit(request);
      if (!answer.isAllowed && answer.isExceeded) {
        return { allowed: false, retryAfterSeconds: Math.max(1, answer.ttlInSeconds) };
      }
    }
    return { allowed: true };
  };
}
