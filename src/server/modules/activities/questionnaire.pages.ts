/**
 * A questionnaire's public page (`/q/{token}`, issue 16): the questions still asked, in order, as a plain HTML form
 * (radio buttons, check boxes, 1–5 scales, text and number boxes) with the same conventions as a lecture's feedback
 * page. Answers are checked by the one rule set (`shared/questionnaire.ts`); those that break a rule come back on the
 * page with each question named and every other answer kept. A draft, closed or unknown link answers with a page
 * that says so.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { QUESTIONNAIRE_LIMITS, checkAnswers, ruleOf, type Question } from '../../../shared/questionnaire.ts';
import { submitPublicResponse } from './commands/questionnaires.ts';
import * as qrepo from './questionnaires.repo.ts';
import { esc, messagePage, page, publicFormGuards, type FormFields } from './public-page.ts';

type Raw = Record<string, string | string[]>;

function field(q: Question, i: number, raw: Raw, problem: string | undefined): string {
  const name = `a${q.id}`;
  const v = raw[String(q.id)];
  const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
  const rule = ruleOf(q);
  const head = `<fieldset${problem ? ' class="bad"' : ''} data-question="${q.id}"><legend>${i + 1}. ${esc(q.title)}${q.required ? '<span class="req"> *</span>' : ''}</legend>`
    + (q.help ? `<p class="hint" style="clear:both;margin:0 0 6px">${esc(q.help)}</p>` : '');
  let body = '';
  if (q.type === 'single' || q.type === 'multiple') {
    const type = q.type === 'single' ? 'radio' : 'checkbox';
    body = q.options.map((o) => `<label class="choice"><input type="${type}" name="${name}" value="${o.id}"${values.includes(String(o.id)) ? ' checked' : ''}>${esc(o.text)}</label>`).join('');
  } else if (q.type === 'scale') {
    body = `<div class="scale" role="radiogroup" aria-label="${esc(q.title)}">`
      + [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="${name}" value="${n}"${values[0] === String(n) ? ' checked' : ''}><span>${n}</span></label>`).join('')
      + '</div><div class="ends"><span>1 分 最低</span><span>5 分 最高</span></div>';
  } else if (q.type === 'number') {
    body = `<input type="number" step="any" inputmode="decimal" name="${name}" value="${esc(values[0] ?? '')}" aria-label="${esc(q.title)}">`;
  } else {
    const max = Math.min(q.maxLength ?? QUESTIONNAIRE_LIMITS.textAnswerMax, QUESTIONNAIRE_LIMITS.textAnswerMax);
    body = `<textarea name="${name}" maxlength="${max}" aria-label="${esc(q.title)}">${esc(values[0] ?? '')}</textarea>`;
  }
  return head + body + (rule && !problem ? `<p class="hint">${esc(rule.zh)}</p>` : '') + (problem ? `<p class="err">${esc(problem)}</p>` : '') + '</fieldset>';
}

function formPage(qn: qrepo.QuestionnaireRow, token: string, questions: readonly Question[], raw: Raw, problems: Record<number, { zh: string }>, notice?: string): string {
  const asked = questions.filter((q) => !q.closed);
  const count = Object.keys(problems).length;
  return page(qn.title, `<header><h1>${esc(qn.title)}</h1><p>共 ${asked.length} 题，带 * 的必答</p></header><main>`
    + (count ? `<div class="summary" role="alert">有 ${count} 题需要修改，请看标红的题目；其他回答已保留。</div>` : '')
    + (notice ? `<div class="summary" role="alert">${esc(notice)}</div>` : '')
    + (qn.intro ? `<p class="intro">${esc(qn.intro)}</p>` : '')
    + `<form method="post" action="/q/${esc(token)}" accept-charset="utf-8">`
    + asked.map((q, i) => field(q, i, raw, problems[q.id]?.zh)).join('')
    + '<p class="hint">问卷不记录您的姓名和电话。</p><button type="submit">提交问卷</button></form></main>');
}

const Params = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
/**
 * The body a questionnaire's form may send: its longest text answers URL-encoded (a Chinese character is 9 bytes there),
 * with room for the choices — 48 KB holds a 2,000-character answer and the rest.
 */
const BODY_LIMIT = 48 * 1024;
const Html = {
  200: Type.String({ description: 'text/html' }), 409: Type.String({ description: 'text/html: the form as it is now (edited meanwhile), the answers kept' }),
  422: Type.String({ description: 'text/html: the form again, each broken rule by its question' }),
};

export const questionnairePages: FastifyPluginAsync<{ config: Config }> = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  await publicFormGuards(app, 'questionnaire', BODY_LIMIT);

  /** The questionnaire if its link takes answers; otherwise the page that says why. */
  const open = async (token: string, reply: FastifyReply) => {
    const qn = await qrepo.findQuestionnaireByToken(app.db, token);
    if (!qn) return { sent: messagePage(reply, 404, '链接无效', '没有找到这份问卷，请核对二维码或链接。') };
    if (qn.status === 'draft') return { sent: messagePage(reply, 404, '问卷尚未开放', '这份问卷还没有开始收集，请稍后再来。') };
    if (qn.status === 'closed' || (await qrepo.tripStatus(app.db, qn.activityId)) === 'cancelled') {
      return { sent: messagePage(reply, 410, '问卷已经结束', '这份问卷已经结束收集，谢谢您的关心。有问题可以拨打 12345 或到村（社区）反映。') };
    }
    return { qn };
  };
  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  app.get('/q/:token', {
    schema: { hide: true, params: Params, response: Html },
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const r = await open(req.params.token, reply);
    if (!r.qn) return r.sent;
    return html(reply, 200, formPage(r.qn, req.params.token, await qrepo.questionsOf(app.db, r.qn.id), {}, {}));
  });

  app.post('/q/:token', {
    schema: { hide: true, params: Params, response: Html },
    bodyLimit: BODY_LIMIT,
    config: { rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const r = await open(req.params.token, reply);
    if (!r.qn) return r.sent;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as FormFields;
    const questions = await qrepo.questionsOf(app.db, r.qn.id);
    const raw: Raw = {};
    for (const q of questions) {
      // Only what a form sends: text, or a list of texts (another content type may bring numbers or objects).
      const v: unknown = body[`a${q.id}`];
      if (typeof v === 'string') raw[String(q.id)] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) raw[String(q.id)] = v as string[];
    }
    const checked = checkAnswers(questions, raw);
    if (!checked.ok) return html(reply, 422, formPage(r.qn, req.params.token, questions, raw, checked.problems));
    const qn = r.qn;
    const stored = await app.tx((trx) => submitPublicResponse(trx, qn, questions, checked.answers, new Date().toISOString()));
    if (stored === 'changed') {
      // Edited or closed while this person was answering: show it as it is now, with their answers kept.
      const now = await qrepo.findQuestionnaireByToken(app.db, req.params.token);
      if (!now || now.status !== 'open') return messagePage(reply, 410, '问卷已经结束', '这份问卷刚刚结束收集，您的回答没有保存。谢谢您的关心。');
      return html(reply, 409, formPage(now, req.params.token, await qrepo.questionsOf(app.db, now.id), raw, {}, '问卷刚刚有调整，请再看一遍后提交（您的回答已保留）。'));
    }
    return messagePage(reply, 200, '谢谢您填写问卷！', '您的回答已经收到，会用于改进我们的工作。');
  });
};
