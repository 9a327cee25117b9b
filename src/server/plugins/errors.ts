/**
 * One error shape for the whole API: `{ error: { code, message, fields? } }`, in Chinese unless the client
 * asks for English. 5xx details never leave the server; the response carries a reference to the log line.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS, FIELD_LABELS, formatMessage, type ErrorCode } from '../../shared/messages.ts';
import { hasUnstorable } from '../../shared/format.ts';

/** The language of a response. */
export type Lang = 'zh' | 'en';

/** An error the API reports to the client as it is. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    /** Messages beside the fields: both languages, or Chinese only (English clients then get the main message). */
    readonly fields?: Record<string, string | { zh: string; en: string }>,
  ) {
    super(code);
  }
}

/** 404 in the words of the API: missing and out-of-scope look the same. */
export function notFound(what: { zh: string; en: string }): AppError {
  return new AppError(404, 'not_found', { what: what.zh, what_en: what.en });
}

/** Pick Chinese or English from Accept-Language (Chinese unless English is preferred). */
export function langOf(req: Pick<FastifyRequest, 'headers'>): Lang {
  const header = req.headers['accept-language'];
  if (!header) return 'zh';
  let best: { lang: Lang; q: number } = { lang: 'zh', q: -1 };
  for (const part of header.split(',')) {
    const [tag = '', ...rest] = part.trim().toLowerCase().split(';');
    const qPart = rest.find((r) => r.trim().startsWith('q='));
    const q = qPart ? Number(qPart.trim().slice(2)) : 1;
    const lang: Lang | null = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh' : null;
    if (lang && q > best.q) best = { lang, q };
  }
  return best.lang;
}

/** Render an error code in a language. */
export function messageFor(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const p = { ...params };
  if (lang === 'en') for (const k of Object.keys(p)) if (`${k}_en` in p) p[k] = p[`${k}_en`]!;
  return formatMessage(ERRORS[code][lang], p);
}

/** Label of a field path such as `petitioner.name`; an item of a list (`keywords.3`) is named by its list and place. */
export function fieldLabel(pathOrName: string, lang: Lang): string {
  const parts = pathOrName.split('.');
  const last = parts.pop() ?? pathOrName;
  if (/^\d+$/.test(last) && parts.length > 0) {
    const n = Number(last) + 1;
    const list = fieldLabel(parts.join('.'), lang);
    return lang === 'en' ? `${list} (item ${n})` : `${list}（第 ${n} 项）`;
  }
  return (Object.hasOwn(FIELD_LABELS, last) ? FIELD_LABELS[last]![lang] : undefined) ?? last;
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'a string' },
  integer: { zh: '整数', en: 'an integer' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: '是/否(true/false)', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
  null: { zh: '空值', en: 'null' },
};

/** Turn schema-validation errors into `{ field: message }` in the client's language. */
export function validationFields(errors: readonly AjvLikeError[], lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') field = [field, String(e.params.missingProperty)].filter(Boolean).join('.');
    if (e.keyword === 'additionalProperties') {
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join('.');
    }
    if (!field) field = '_';
    if (Object.hasOwn(fields, field)) continue;
    const label = fieldLabel(field, lang);
    const zh = lang === 'zh';
    const limit = e.params.limit as number | undefined;
    let msg: string;
    switch (e.keyword) {
      case 'required': msg = zh ? `缺少必填项「${label}」` : `"${label}" is required`; break;
      case 'additionalProperties': msg = zh ? `不允许的字段「${label}」` : `Unknown field "${label}"`; break;
      case 'type': {
        const t = String(e.params.type).split(',')[0] ?? 'string';
        const tn = TYPE_NAMES[t]?.[lang] ?? t;
        msg = zh ? `「${label}」类型错误，应为${tn}` : `"${label}" must be ${tn}`;
        break;
      }
      case 'minLength':
        msg = limit === 1
          ? (zh ? `「${label}」不能为空` : `"${label}" must not be empty`)
          : (zh ? `「${label}」不能少于 ${limit} 个字符` : `"${label}" needs at least ${limit} characters`);
        break;
      case 'maxLength': msg = zh ? `「${label}」不能超过 ${limit} 个字符` : `"${label}" may have at most ${limit} characters`; break;
      case 'minimum': msg = zh ? `「${label}」不能小于 ${limit}` : `"${label}" must be at least ${limit}`; break;
      case 'maximum': msg = zh ? `「${label}」不能大于 ${limit}` : `"${label}" must be at most ${limit}`; break;
      case 'minItems': msg = zh ? `「${label}」至少需要 ${limit} 项` : `"${label}" needs at least ${limit} items`; break;
      case 'maxItems': msg = zh ? `「${label}」最多 ${limit} 项` : `"${label}" may have at most ${limit} items`; break;
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[] | undefined)?.join(zh ? '、' : ', ') ?? '';
        msg = zh ? `「${label}」的取值无效，可选：${allowed}` : `"${label}" must be one of: ${allowed}`;
        break;
      }
      case 'format': {
        const f = String(e.params.format);
        const hint = f === 'date-time' ? (zh ? '，应为 ISO 8601 时间，如 2026-03-01T09:00:00+08:00' : ' (ISO 8601, e.g. 2026-03-01T09:00:00+08:00)')
          : f === 'date' ? (zh ? '，应为日期，如 2026-03-01' : ' (a date such as 2026-03-01)') : '';
        msg = zh ? `「${label}」格式不正确${hint}` : `"${label}" is not well formed${hint}`;
        break;
      }
      case 'pattern': msg = zh ? `「${label}」格式不正确` : `"${label}" is not well formed`; break;
      default: msg = zh ? `「${label}」的值无效` : `"${label}" is invalid`;
    }
    fields[field] = msg;
  }
  return fields;
}

/**
 * The path of the first string in a value that holds what cannot be stored (`hasUnstorable`), if any. Walks with
 * its own stack, not by recursion, so a deeply nested value cannot exhaust the call stack; each node keeps only its
 * parent's index and its key, and the path is spelled out only for the string found (a flat list of half a million
 * numbers is walked in a few milliseconds).
 */
export function unstorablePath(v: unknown): string | undefined {
  const values: unknown[] = [v];
  const parents: number[] = [-1];
  const keys: string[] = [''];
  const stack: number[] = [0];
  while (stack.length > 0) {
    const at = stack.pop()!;
    const x = values[at];
    if (typeof x === 'string') {
      if (!hasUnstorable(x)) continue;
      const parts: string[] = [];
      for (let n = at; n > 0; n = parents[n]!) parts.push(keys[n]!);
      return parts.reverse().join('.') || '_';
    }
    if (!x || typeof x !== 'object') continue;
    const push = (key: string, y: unknown) => {
      // Only strings and containers can hold text: numbers, booleans and nulls are not kept.
      if (typeof y !== 'string' && (!y || typeof y !== 'object')) return;
      values.push(y);
      parents.push(at);
      keys.push(key);
      stack.push(values.length - 1);
    };
    // Pushed in reverse so that the first field is looked at first.
    if (Array.isArray(x)) {
      for (let k = x.length - 1; k >= 0; k--) push(String(k), x[k]);
    } else {
      const ks = Object.keys(x);
      for (let k = ks.length - 1; k >= 0; k--) push(ks[k]!, (x as Record<string, unknown>)[ks[k]!]);
    }
  }
  return undefined;
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  // Text the databases cannot store (a NUL, half a surrogate pair) is refused at the door with the field's name, not
  // found later as a database error — or, in a JSON column, by every search that reads it (PostgreSQL).
  // After schema validation (which refuses unknown fields and oversized lists first), before the route's handlers.
  app.addHook('preHandler', async (req) => {
    const field = unstorablePath(req.body) ?? unstorablePath(req.query) ?? unstorablePath(req.params);
    if (!field) return;
    const zh = `「${fieldLabel(field, 'zh')}」含有无法保存的字符（空字符或残缺的 Unicode 字符）`;
    const en = `"${fieldLabel(field, 'en')}" holds characters that cannot be stored (a NUL or a broken Unicode character)`;
    throw new AppError(400, 'validation', { detail: zh, detail_en: en }, { [field]: { zh, en } });
  });
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = langOf(req);
    const send = (status: number, code: ErrorCode, params: Record<string, string | number> = {}, fields?: Record<string, string>) => {
      void reply.status(status).type('application/json; charset=utf-8').send({
        error: { code, message: messageFor(code, lang, params), ...(fields ? { fields } : {}) },
      });
    };
    if (err instanceof AppError) {
      const main = messageFor(err.code, lang, err.params);
      const fields = err.fields && Object.fromEntries(Object.entries(err.fields).map(([k, v]) =>
        [k, typeof v === 'string' ? (lang === 'zh' ? v : main) : v[lang]]));
      return send(err.statusCode, err.code, err.params, fields);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const fields = validationFields(fe.validation as AjvLikeError[], lang);
      return send(400, 'validation', { detail: Object.values(fields).join('；'), detail_en: Object.values(fields).join('; ') }, fields);
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'invalid_json');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return send(413, 'body_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? '') });
      default:
        break;
    }
    if (fe instanceof SyntaxError && fe.statusCode === 400) return send(400, 'invalid_json');
    if (fe.statusCode === 429) return send(429, 'rate_limited');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, 'validation', { detail: fe.message, detail_en: fe.message });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal', { ref: req.id });
  });
}

/** The JSON 404 for an unknown route. */
export function sendRouteNotFound(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({
    error: { code: 'route_not_found', message: messageFor('route_not_found', langOf(req), { method: req.method, url: req.url.split('?')[0] ?? '' }) },
  });
}

/** The error handler. */
export default fp(errorsPlugin, { name: 'errors' });
