/** Build the Fastify application: plugins in a fixed order, then the modules' routes. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { transactorOf } from './db/transaction.ts';
import errors from './plugins/errors.ts';
import auth from './plugins/auth.ts';
import body from './plugins/body.ts';
import security from './plugins/security.ts';
import { registerWeb } from './plugins/web.ts';
import { MODULES } from './modules/index.ts';
import type { TimelineSource } from './modules/types.ts';

/** Options for building the app (tests pass an open database and a quiet logger). */
export interface BuildOptions {
  config: Config;
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** The built web app (default dist/web/admin); tests point it elsewhere or nowhere. */
  webDir?: string;
  /** The clock of what depends on today's date (the calendar's coverage); tests pass a fixed one. */
  now?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Now, by the app's clock (`BuildOptions.now`). */
    now: () => Date;
    /** Every module's contributions to a subject's timeline (`ModuleManifest.timelineSources`). */
    timelineSources: readonly TimelineSource[];
  }
}

function makeAjv(coerce: boolean): Ajv {
  // Bodies are strict: no coercion and no silent removal, so a wrong type or an unknown field is an error.
  // Query strings and params arrive as text, so they are coerced.
  const ajv = new Ajv({
    allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

/** The application with every route registered, not yet listening. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    bodyLimit: 1024 * 1024,
    // Off by default: otherwise any client could choose its own address and dodge the per-address throttle.
    trustProxy: opts.config.trustProxy,
    requestTimeout: 60_000,
    connectionTimeout: 60_000,
    genReqId: (() => { let n = 0; return () => `r${Date.now().toString(36)}${(n++).toString(36)}`; })(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const bodyAjv = makeAjv(false);
  const queryAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema as object));

  app.decorate('db', opts.db);
  app.decorate('tx', transactorOf(opts.db));
  app.decorate('now', opts.now ?? (() => new Date()));
  app.decorate('timelineSources', MODULES.flatMap((m) => m.timelineSources ?? []));
  await app.register(errors);
  await app.register(body);
  await app.register(security, { secure: opts.config.secureCookies, allowedOrigins: opts.config.allowedOrigins });
  await app.register(auth, { secret: opts.config.sessionSecret, secure: opts.config.secureCookies });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Yixian 一线 API', version: '1', description: '四下基层问题台账 API。错误统一为 { error: { code, message, fields? } }。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yx_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', {
    schema: { hide: true, response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } } },
  }, async () => ({ status: 'ok' }));

  for (const mod of MODULES) {
    if (mod.routes) await app.register(mod.routes, { prefix: '/api/v1', config: opts.config });
    if (mod.pages) await app.register(mod.pages, { config: opts.config });
  }
  await registerWeb(app, opts.webDir);
  return app;
}
