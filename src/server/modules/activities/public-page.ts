/**
 * What the public pages of activities share (a lecture's feedback form `/f/…`, a questionnaire `/q/…`): plain HTML
 * that works at 360 px and without JavaScript, one style, message pages for an unknown or closed link, and the guards
 * every public form has — per-address rate limits (a flood is answered 429, never stored), a capped body of URL-encoded
 * text parsed here only, and errors that are a Chinese page, never a stack trace.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import rateLimit from '@fastify/rate-limit';

/** HTML-escape text. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
.choice{display:block;clear:both;padding:10px 12px;margin:6px 0;border:1px solid #c9d3e0;border-radius:8px;background:#fafcff}
.choice input{margin-right:8px;transform:scale(1.3)}input[type=number]{width:100%;font:inherit;padding:10px;border:1px solid #c9d3e0;border-radius:8px;clear:both;display:block}
.req{color:#c62828}.intro{background:#fff;border-radius:12px;padding:12px 14px;margin:12px 0 0;white-space:pre-wrap}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f1f1f;background:#f5f7fa}
main{max-width:560px;margin:0 auto;padding:16px}header{background:#1f5fbf;color:#fff;padding:16px;border-radius:0 0 12px 12px}
header h1{font-size:20px;margin:0 0 4px}header p{margin:0;opacity:.9;font-size:14px}
fieldset{border:0;background:#fff;border-radius:12px;margin:12px 0;padding:12px 14px}legend{font-weight:600;padding:0;float:left;width:100%;margin-bottom:8px}
.scale{display:flex;gap:6px;clear:both}.scale label{flex:1}.scale input{position:absolute;opacity:0}
.scale span{display:block;text-align:center;padding:10px 0;border:1px solid #c9d3e0;border-radius:8px;font-size:18px;background:#fafcff}
.scale input:checked+span{background:#1f5fbf;color:#fff;border-color:#1f5fbf}.scale input:focus-visible+span{outline:3px solid #99b9ec}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#666;margin-top:4px;clear:both}
textarea,input[type=tel]{width:100%;font:inherit;padding:10px;border:1px solid #c9d3e0;border-radius:8px;clear:both;display:block}
textarea{min-height:96px}.hint{font-size:13px;color:#666;margin:6px 0 0}.err{color:#c62828;font-size:14px;margin:6px 0 0;clear:both}
fieldset.bad{outline:2px solid #e57373}button{width:100%;font:inherit;font-size:18px;padding:12px;border:0;border-radius:10px;background:#1f5fbf;color:#fff;margin:8px 0 24px}
.box{background:#fff;border-radius:12px;padding:20px;margin-top:16px;text-align:center}.box h2{margin:0 0 8px;font-size:20px}
.summary{background:#fdecea;color:#8a1c1c;border-radius:8px;padding:10px 12px;margin-top:12px}`;

/** A whole page. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** A page that only says something (an unknown, closed or expired link; thanks). */
export function messagePage(reply: FastifyReply, status: number, heading: string, text: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
    .send(page(heading, `<main><div class="box"><h2>${esc(heading)}</h2><p>${esc(text)}</p></div></main>`));
}

/** A form's fields: one value as a string, a field given several times (check boxes) as the list of its values. */
export type FormFields = Record<string, string | string[]>;

/** Register the guards of a public form page on its (encapsulated) plugin. */
export async function publicFormGuards(app: FastifyInstance, what: string, bodyLimit = 8 * 1024): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: Math.ceil(ctx.ttl / 1000) }),
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const fields: FormFields = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const had = fields[k];
      fields[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    done(null, fields);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; retryAfter?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 429) {
      if (err.retryAfter) void reply.header('retry-after', String(err.retryAfter));
      return messagePage(reply, 429, '提交过于频繁', '这个网络提交得太快了。请返回上一页（填写的内容还在），过一分钟再提交。');
    }
    if (status === 413) return messagePage(reply, 413, '内容太长', '提交的内容太长了。请返回上一页（填写的内容还在），缩短后再提交。');
    if (status < 500) return messagePage(reply, status, '无法处理', '页面内容有误，请返回重新填写。');
    req.log.error({ err }, `${what} page failed`);
    return messagePage(reply, 500, '暂时无法提交', '系统出了点问题，请稍后再试。');
  });
}
