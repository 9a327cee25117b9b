/**
 * The staff web app, built by Vite into dist/web/admin, served at `/`. Any other GET that is not an API call
 * gets index.html (client-side routes such as /issues/42); API paths keep their JSON 404.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendRouteNotFound } from './errors.ts';

/** Where the built staff app lives. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web/admin');

/** Serve the web app (when built) and answer unknown routes. */
export async function registerWeb(app: FastifyInstance, dir = WEB_DIST): Promise<void> {
  const built = existsSync(path.join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (reply, file) => {
        // Hashed assets never change; index.html must always be fetched fresh to pick up a new build.
        reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api') && !path.extname(req.url.split('?')[0] ?? '');
    if (built && isPage) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendRouteNotFound(req, reply);
  });
}
