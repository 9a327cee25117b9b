/**
 * Session authentication: the signed `yx_session` cookie holds a random token; the database holds its hash.
 * Routes declare `preHandler: app.authenticate`, then read `req.actor`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { Actor } from '../actor.ts';
import { resolveSession } from '../modules/auth/index.ts';
import { AppError } from './errors.ts';
import type { Database } from '../db/connect.ts';
import type { Transactor } from '../db/transaction.ts';
import { LIMITS } from '../../shared/limits.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'yx_session';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** Run a write in a transaction (grouped commits on SQLite); resolves after the commit. */
    tx: Transactor;
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    setSessionCookie: (reply: FastifyReply, token: string) => void;
  }
  interface FastifyRequest {
    /** Set by `authenticate`; routes behind it may read it without a check. */
    actor: Actor;
    sessionId: string | null;
    sessionToken: string | null;
  }
}

async function authPlugin(app: FastifyInstance, opts: { secret: string; secure: boolean }): Promise<void> {
  await app.register(cookie, { secret: opts.secret, hook: 'onRequest' });
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionToken', null);

  app.decorate('setSessionCookie', (reply: FastifyReply, token: string) => {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure, signed: true, maxAge: LIMITS.sessionHours * 3600,
    });
  });

  app.decorate('authenticate', async (req: FastifyRequest) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) throw new AppError(401, 'unauthenticated');
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) throw new AppError(401, 'unauthenticated');
    const actor = await resolveSession(app.db, unsigned.value, req.ip);
    if (!actor) throw new AppError(401, 'unauthenticated');
    req.actor = actor;
    req.sessionId = actor.sessionId;
    req.sessionToken = unsigned.value;
  });
}

/** Cookie parsing, the session cookie and the `authenticate` pre-handler. */
export default fp(authPlugin, { name: 'auth', dependencies: ['errors'] });
