import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The security headers of every answer. helmet sets them in an onRequest hook; the few answers
 * Fastify writes without running hooks (a malformed URL, a malformed HTTP request) get the same
 * headers from `securityHeaderSnapshot`, taken from helmet's own output so the two cannot drift.
 */

/** Powerful browser features this site never uses; all denied to every origin. */
const deniedFeatures = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

export const permissionsPolicy = deniedFeatures.map((feature) => `${feature}=()`).join(', ');

/** helmet's options: a CSP with no script source at all, and HSTS only behind https. */
export function helmetOptions(publicUrl: string): fastifyHelmet.FastifyHelmetOptions {
  const https = new URL(publicUrl).protocol === 'https:';
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        // No script-src: it falls back to 'none', as the pages carry no script of any kind.
        'default-src': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        // Upgrading on plain http (a local install) would break every stylesheet request.
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * Registers helmet, the Permissions-Policy header, and `Cache-Control: no-store` for every answer
 * that does not choose its own caching (pages and JSON may hold case content).
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  publicUrl: string,
): Promise<void> {
  await app.register(fastifyHelmet, helmetOptions(publicUrl));
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('permissions-policy', permissionsPolicy);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/** Headers that describe one answer's body or connection rather than the site's policy. */
const perAnswerHeaders = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
]);

/**
 * The exact security headers `registerSecurityHeaders` produces, as a plain record, for answers
 * written outside Fastify's hooks. Taken once at start-up from a throwaway instance.
 */
export async function securityHeaderSnapshot(
  publicUrl: string,
): Promise<Readonly<Record<string, string>>> {
  const probe = Fastify({ logger: false });
  try {
    await registerSecurityHeaders(probe, publicUrl);
    probe.get('/', (_request, reply) => reply.send(''));
    const answer = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (perAnswerHeaders.has(name) || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return Object.freeze(headers);
  } finally {
    await probe.close();
  }
}
