import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { siteIcon, siteStylesheet } from '../../views/assets/site-stylesheet.js';
import { assetPaths } from '../../views/layout.js';

interface Asset {
  readonly body: string;
  readonly type: string;
  readonly etag: string;
}

function asset(body: string, type: string): Asset {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, type, etag: `"${digest}"` };
}

/**
 * The stylesheet and icon, served from memory at stable paths. `no-cache` with an ETag: browsers
 * keep a copy but ask each time, so an upgrade never leaves a stale stylesheet behind.
 */
export function registerAssetRoutes(app: FastifyInstance): void {
  const assets = [
    [assetPaths.stylesheet, asset(siteStylesheet, 'text/css; charset=utf-8')],
    [assetPaths.icon, asset(siteIcon, 'image/svg+xml')],
  ] as const;
  for (const [path, served] of assets) {
    app.get(path, { config: { audience: 'public' } }, (request, reply) =>
      serve(served, request, reply),
    );
  }
}

function serve(served: Asset, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('cache-control', 'no-cache').header('etag', served.etag);
  if (request.headers['if-none-match'] === served.etag) return reply.code(304).send();
  return reply.type(served.type).send(served.body);
}
