/**
 * Request bodies the way the API reads them: JSON and plain text must be valid UTF-8 (invalid bytes are refused,
 * not stored as U+FFFD), and JSON may nest at most `JSON_MAX_DEPTH` levels — measured by one pass over the text
 * before it is parsed, so a body of 5,000 nested brackets is a clear 400 and never reaches a recursive walk.
 * JSON is then parsed by Fastify's own parser (which refuses `__proto__` keys).
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

/** Deepest nesting of objects and arrays a JSON body may have (the API's own bodies need four). */
export const JSON_MAX_DEPTH = 32;

/** Whether JSON text nests objects/arrays deeper than `max` (brackets inside strings do not count). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** The body as text, or a 400 when its bytes are not UTF-8. */
export function utf8Text(body: Buffer): string {
  if (!isUtf8(body)) throw new AppError(400, 'invalid_utf8');
  return body.toString('utf8');
}

async function bodyPlugin(app: FastifyInstance): Promise<void> {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req: FastifyRequest, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8Text(body);
      if (jsonDepthExceeds(text, JSON_MAX_DEPTH)) throw new AppError(400, 'json_too_deep', { max: JSON_MAX_DEPTH });
    } catch (err) {
      done(err as Error, undefined);
      return;
    }
    parseJson(req, text, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_req: FastifyRequest, body: Buffer, done) => {
    try {
      done(null, utf8Text(body));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

/** Strict UTF-8 and a nesting limit for request bodies. */
export default fp(bodyPlugin, { name: 'body', dependencies: ['errors'] });
