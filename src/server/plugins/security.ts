/**
 * Web security every route inherits:
 * - **Cross-site requests are refused.** A state-changing request (POST, PUT, PATCH, DELETE) that a browser sends
 *   from another origin — its `Origin` is not the origin this server is reached at, or `Sec-Fetch-Site` says
 *   `cross-site`/`same-site` — is a 403 before any route runs, whatever its content type (JSON, multipart, a
 *   text/plain form post). SameSite=Lax cookies alone do not cover another port or a sibling subdomain. Clients
 *   that are not browsers send neither header and are not affected; a browser always sends `Origin` on a POST.
 * - **Security headers** (@fastify/helmet): a Content-Security-Policy without inline scripts, no framing, nosniff,
 *   a strict referrer policy, and HSTS when the service runs behind HTTPS (`SECURE_COOKIES=1`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import { AppError } from './errors.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Options of the security plugin. */
export interface SecurityOptions {
  /** Behind HTTPS: send HSTS. */
  secure: boolean;
  /** Further origins allowed to send state-changing requests (e.g. the public address behind a proxy that rewrites Host). */
  allowedOrigins: readonly string[];
}

/**
 * Whether `origin` (an Origin header) is the origin of a request whose Host header is `host`. Without a port in
 * Host, the origin must use its scheme's default port (a proxy in front may have ended TLS, so the scheme of the
 * request itself says nothing).
 */
export function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let o: URL;
  let h: URL;
  try {
    o = new URL(origin);
    h = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
  if (o.hostname !== h.hostname) return false;
  const originPort = o.port || DEFAULT_PORT[o.protocol]!;
  return h.port ? h.port === originPort : originPort === DEFAULT_PORT[o.protocol];
}

/** Why a request is refused as cross-site, or undefined when it may go on. */
export function crossSiteOrigin(req: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, allowed: ReadonlySet<string>): string | undefined {
  if (!UNSAFE_METHODS.has(req.method)) return undefined;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined) {
    if (allowed.has(origin)) return undefined;
    if (!sameOrigin(origin, req.host)) return origin;
  }
  if (site === 'cross-site' || site === 'same-site') return origin ?? site;
  return undefined;
}

async function securityPlugin(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  // As browsers send them: scheme and host in lower case, no default port, no path.
  const allowed = new Set(opts.allowedOrigins.map((o) => { try { return new URL(o).origin; } catch { return o; } }));
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // Ant Design writes its CSS-in-JS into <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The staff app opens no cross-origin windows or resources; these would only break downloads in some browsers.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  // API answers carry personal data (masked or not) and change with every write: no cache keeps them unless a route
  // says otherwise.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  // After helmet's own hook, so a refusal carries the headers too.
  app.addHook('onRequest', async (req) => {
    const refused = crossSiteOrigin(req, allowed);
    if (refused !== undefined) {
      req.log.warn({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'], url: req.url }, 'cross-site request refused');
      throw new AppError(403, 'cross_origin', { origin: refused.slice(0, 100) });
    }
  });
}

/** Cross-site request refusal and security headers. */
export default fp(securityPlugin, { name: 'security', dependencies: ['errors'] });
