/**
 * The public feedback page of a lecture (`/f/{token}`, issue 16): no login, Chinese, a plain HTML form that works at
 * 360 px and without JavaScript. A listener rates 愿意听 / 听得懂 / 有收获 from 1 to 5 and may ask a question and leave
 * a phone number. Answers that break a rule come back on the same page with the rule named and the other answers
 * kept; an unknown, cancelled or expired link gets a page that says so. Per address, GETs and POSTs are rate-limited
 * (a flood is answered 429, never stored) and the body is capped.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { ACTIVITY_LIMITS, type FeedbackInput } from '../../../shared/api/activities.ts';
import { FEEDBACK_SCALES, FEEDBACK_SCALE_NAMES, type FeedbackScale } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { fmtShanghai } from './activity-time.ts';
import { feedbackState, submitFeedback } from './commands/feedback.ts';
import * as repo from './activities.repo.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
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

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function messagePage(reply: FastifyReply, status: number, heading: string, text: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
    .send(page(heading, `<main><div class="box"><h2>${esc(heading)}</h2><p>${esc(text)}</p></div></main>`));
}

type Answers = Partial<Record<FeedbackScale | 'question' | 'phone', string>>;
type Problems = Partial<Record<FeedbackScale | 'question' | 'phone', string>>;

function formPage(row: repo.ActivityRow, token: string, answers: Answers, problems: Problems): string {
  const scale = (s: FeedbackScale) => {
    const name = FEEDBACK_SCALE_NAMES[s].zh;
    const options = [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="${s}" value="${n}"${answers[s] === String(n) ? ' checked' : ''} required><span>${n}</span></label>`).join('');
    return `<fieldset${problems[s] ? ' class="bad"' : ''}><legend>${name}<span style="color:#c62828"> *</span></legend><div class="scale" role="radiogroup" aria-label="${name}">${options}</div>`
      + `<div class="ends"><span>1 分 很不${s === 'willing' ? '愿意' : s === 'understood' ? '懂' : '满意'}</span><span>5 分 非常${s === 'willing' ? '愿意' : s === 'understood' ? '清楚' : '有收获'}</span></div>`
      + (problems[s] ? `<p class="err">${esc(problems[s]!)}</p>` : '') + '</fieldset>';
  };
  const count = Object.keys(problems).length;
  const when = `${fmtShanghai(row.startsAt)}　${esc(row.placeText ?? row.orgUnitName)}`;
  return page(`评价：${row.title}`, `<header><h1>${esc(row.title)}</h1><p>${when}</p></header><main>`
    + (count ? `<div class="summary" role="alert">有 ${count} 处需要修改，请看标红的题目。</div>` : '')
    + `<p class="hint">请为这次宣讲打分（1–5 分），您的意见会转给宣讲人和有关部门。</p>`
    + `<form method="post" action="/f/${esc(token)}" accept-charset="utf-8">`
    + FEEDBACK_SCALES.map(scale).join('')
    + `<fieldset${problems.question ? ' class="bad"' : ''}><legend><label for="q">有什么问题或建议？（选填）</label></legend>`
    + `<textarea id="q" name="question" maxlength="${ACTIVITY_LIMITS.questionMax}" placeholder="例如：村里路灯坏了很久，希望有人来修">${esc(answers.question ?? '')}</textarea>`
    + `<p class="hint">最多 ${ACTIVITY_LIMITS.questionMax} 字。提的问题会登记办理。</p>${problems.question ? `<p class="err">${esc(problems.question)}</p>` : ''}</fieldset>`
    + `<fieldset${problems.phone ? ' class="bad"' : ''}><legend><label for="p">联系电话（选填）</label></legend>`
    + `<input id="p" type="tel" name="phone" inputmode="tel" maxlength="${LIMITS.phoneMax}" value="${esc(answers.phone ?? '')}" autocomplete="tel">`
    + `<p class="hint">留下电话，办理结果可以告诉您；只有工作人员能看到。</p>${problems.phone ? `<p class="err">${esc(problems.phone)}</p>` : ''}</fieldset>`
    + `<button type="submit">提交评价</button></form></main>`);
}

/** The answers checked against the page's rules: the feedback, or each broken rule by its question. */
export function checkAnswers(a: Answers): { ok: true; value: FeedbackInput } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const scores: Partial<Record<FeedbackScale, number>> = {};
  for (const s of FEEDBACK_SCALES) {
    const n = Number(a[s]);
    if (!a[s]) problems[s] = `请为「${FEEDBACK_SCALE_NAMES[s].zh}」选一个分数（1–5 分）`;
    else if (!Number.isInteger(n) || n < 1 || n > 5) problems[s] = `「${FEEDBACK_SCALE_NAMES[s].zh}」的分数只能是 1 到 5`;
    else scores[s] = n;
  }
  const question = (a.question ?? '').trim();
  if ([...question].length > ACTIVITY_LIMITS.questionMax) problems.question = `问题或建议最多 ${ACTIVITY_LIMITS.questionMax} 字，现在是 ${[...question].length} 字`;
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(question)) problems.question = '问题或建议里有无法识别的字符';
  const phone = (a.phone ?? '').trim();
  if (phone && !/^[0-9+\- ()]{5,30}$/.test(phone)) problems.phone = '电话号码只能包含数字、空格和 + - ( )，例如 13812345678';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { willing: scores.willing!, understood: scores.understood!, benefited: scores.benefited!, ...(question ? { question } : {}), ...(phone ? { phone } : {}) } };
}

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
const Html = { 200: Type.String({ description: 'text/html' }), 422: Type.String({ description: 'text/html: the form again, each broken rule by its question' }) };

export const feedbackPages: FastifyPluginAsync<{ config: Config }> = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: Math.ceil(ctx.ttl / 1000) }),
  });
  // A form's body: URL-encoded text, parsed here only (the API takes JSON).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((err: Error & { statusCode?: number; retryAfter?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 429) {
      if (err.retryAfter) void reply.header('retry-after', String(err.retryAfter));
      return messagePage(reply, 429, '提交过于频繁', '这个网络提交得太快了，请过一分钟再试。');
    }
    if (status === 413) return messagePage(reply, 413, '内容太长', '提交的内容太长了，请缩短后再试。');
    if (status < 500) return messagePage(reply, status, '无法处理', '页面内容有误，请返回重新填写。');
    req.log.error({ err }, 'feedback page failed');
    return messagePage(reply, 500, '暂时无法提交', '系统出了点问题，请稍后再试。');
  });

  const closedPage = (reply: FastifyReply, state: ReturnType<typeof feedbackState>) => state === 'cancelled'
    ? messagePage(reply, 410, '这次宣讲已取消', '这次宣讲已经取消，不再收集评价。有问题可以拨打 12345 或到村（社区）反映。')
    : messagePage(reply, 410, '评价已经结束', `宣讲结束 ${ACTIVITY_LIMITS.feedbackOpenDays} 天后不再收集评价。有问题可以拨打 12345 或到村（社区）反映。`);

  app.get('/f/:token', {
    schema: { hide: true, params: Params, response: Html },
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const row = await repo.findActivityByToken(app.db, req.params.token);
    if (!row) return messagePage(reply, 404, '链接无效', '没有找到这个评价页面，请核对二维码或链接。');
    const state = feedbackState(row, new Date().toISOString());
    if (state !== 'open') return closedPage(reply, state);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(formPage(row, req.params.token, {}, {}));
  });

  app.post('/f/:token', {
    schema: { hide: true, params: Params, response: Html },
    bodyLimit: 8 * 1024,
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const row = await repo.findActivityByToken(app.db, req.params.token);
    if (!row) return messagePage(reply, 404, '链接无效', '没有找到这个评价页面，请核对二维码或链接。');
    const now = new Date().toISOString();
    const state = feedbackState(row, now);
    if (state !== 'open') return closedPage(reply, state);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const answers: Answers = {};
    for (const k of [...FEEDBACK_SCALES, 'question', 'phone'] as const) if (typeof body[k] === 'string') answers[k] = body[k] as string;
    const checked = checkAnswers(answers);
    if (!checked.ok) return reply.status(422).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(formPage(row, req.params.token, answers, checked.problems));
    await app.tx((trx) => submitFeedback(trx, row, checked.value, now));
    return messagePage(reply, 200, '谢谢您的评价！', checked.value.question ? '您提的问题已经收到，工作人员会登记办理。' : '您的评分已经收到。');
  });
};
