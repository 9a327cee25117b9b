/**
 * The public feedback page of a lecture (`/f/{token}`, issue 16): no login, Chinese, a plain HTML form that works at
 * 360 px and without JavaScript. A listener rates 愿意听 / 听得懂 / 有收获 from 1 to 5 and may ask a question and leave
 * a phone number. Answers that break a rule come back on the same page with the rule named and the other answers
 * kept; an unknown, cancelled or expired link gets a page that says so. Per address, GETs and POSTs are rate-limited
 * (a flood is answered 429, never stored) and the body is capped.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { ACTIVITY_LIMITS, type FeedbackInput } from '../../../shared/api/activities.ts';
import { FEEDBACK_SCALES, FEEDBACK_SCALE_NAMES, type FeedbackScale } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { fmtShanghai } from './activity-time.ts';
import { feedbackState, submitFeedback } from './commands/feedback.ts';
import * as repo from './activities.repo.ts';
import { esc, messagePage, page, publicFormGuards } from './public-page.ts';

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
  await publicFormGuards(app, 'feedback');

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
