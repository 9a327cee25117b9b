import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity, Visit } from '../../../shared/api/activities.ts';
import type { QuestionnaireView, Results } from '../../../shared/api/questionnaires.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function trip(c: Client, place = '东关村', kind = 'research'): Promise<Activity> {
  const start = Date.now() - 5 * H;
  const r = await c.post('/api/v1/activities', { kind, title: `${place}人居环境调研`, orgUnitId: t.unit(place), startsAt: iso(start), endsAt: iso(start + 4 * H), cadreIds: [] });
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}

/** One question of each type, with limits. */
const QUESTIONS = [
  { type: 'single', title: '您家的垃圾多久清运一次？', required: true, options: [{ text: '每天' }, { text: '两三天' }, { text: '一周以上' }] },
  { type: 'multiple', title: '您最希望改善哪些方面？', help: '最多选两项', required: true, options: [{ text: '道路' }, { text: '路灯' }, { text: '厕所' }, { text: '绿化' }], minChoices: 1, maxChoices: 2 },
  { type: 'text', title: '还有什么建议？', required: false, maxLength: 20 },
  { type: 'scale', title: '对村容村貌的满意度', required: true },
  { type: 'number', title: '家里常住几口人？', required: false, min: 1, max: 20 },
];

async function build(c: Client, activityId: number): Promise<QuestionnaireView> {
  const r = await c.post(`/api/v1/activities/${activityId}/questionnaires`, { title: '人居环境满意度问卷', intro: '请如实填写', questions: QUESTIONS });
  expect(r.statusCode, r.body).toBe(201);
  return json<QuestionnaireView>(r);
}

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const postForm = (path: string, fields: Array<[string, string]>, ip = '10.1.0.1') => t.app.inject({
  method: 'POST', url: path, payload: form(fields), remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('questionnaires: who may call them', () => {
  it('requires a login for every staff route', async () => {
    for (const [method, url] of [['GET', '/api/v1/activities/1/questionnaires'], ['POST', '/api/v1/activities/1/questionnaires'], ['GET', '/api/v1/questionnaires/1'],
      ['PUT', '/api/v1/questionnaires/1'], ['POST', '/api/v1/questionnaires/1/status'], ['POST', '/api/v1/questionnaires/1/responses'],
      ['GET', '/api/v1/questionnaires/1/results'], ['GET', '/api/v1/questionnaires/1/export'], ['GET', '/api/v1/questionnaires/1/qr.svg']] as const) {
      const r = await t.anonymous.raw({ method, url, ...(method === 'GET' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('keeps another township’s questionnaire out of reach, and a handler from building or answering', async () => {
    const leader = await t.as('leader');
    const far = await trip(leader, '东湖村');
    const q = await build(leader, far.id);
    const cadre = await t.as('cadre');
    for (const url of [`/api/v1/questionnaires/${q.id}`, `/api/v1/questionnaires/${q.id}/results`, `/api/v1/questionnaires/${q.id}/export`, `/api/v1/activities/${far.id}/questionnaires`]) {
      expect((await cadre.get(url)).statusCode, url).toBe(404);
    }
    expect((await cadre.post(`/api/v1/activities/${far.id}/questionnaires`, { title: 'x', questions: QUESTIONS })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: {} })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' })).statusCode).toBe(404);
    const near = await trip(cadre);
    const handler = await t.as('handler');
    const seen = await handler.get(`/api/v1/activities/${near.id}/questionnaires`);
    if (seen.statusCode === 200) {
      expect((await handler.post(`/api/v1/activities/${near.id}/questionnaires`, { title: 'x', questions: QUESTIONS })).statusCode).toBe(403);
    } else expect(seen.statusCode).toBe(404);
    // Questionnaires belong to research trips.
    const lecture = await trip(cadre, '东关村', 'outreach');
    expect(json<ErrorJson>(await cadre.post(`/api/v1/activities/${lecture.id}/questionnaires`, { title: 'x', questions: QUESTIONS })).error.code).toBe('activity_not_research');
  });
});

describe('building a questionnaire', () => {
  it('names each question whose own rules do not hold', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const bad = await cadre.post(`/api/v1/activities/${a.id}/questionnaires`, {
      title: '有错的问卷', questions: [
        { type: 'single', title: '只有一个选项', required: true, options: [{ text: '是' }] },
        { type: 'multiple', title: '最多选太多', required: false, options: [{ text: 'A' }, { text: 'B' }], maxChoices: 3 },
        { type: 'multiple', title: '至少比最多多', required: false, options: [{ text: 'A' }, { text: 'B' }, { text: 'C' }], minChoices: 3, maxChoices: 2 },
        { type: 'single', title: '重复选项', required: false, options: [{ text: '是' }, { text: '是' }] },
        { type: 'number', title: '范围反了', required: false, min: 10, max: 1 },
        { type: 'text', title: '好的一题', required: false },
      ],
    });
    expect(bad.statusCode).toBe(422);
    const e = json<ErrorJson>(bad).error;
    expect(e.code).toBe('questionnaire_invalid');
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['questions.0', 'questions.1', 'questions.2', 'questions.3', 'questions.4']);
    expect(e.fields!['questions.0']).toContain('第 1 题「只有一个选项」');
    expect(e.fields!['questions.1']).toContain('最多选 3 项，但只有 2 个选项');
    expect(e.fields!['questions.3']).toContain('选项「是」重复了');
    expect(e.fields!['questions.4']).toContain('最小值 10 大于最大值 1');
    // Schema limits: an unknown type or a too-long title is a 400 naming the field.
    expect((await cadre.post(`/api/v1/activities/${a.id}/questionnaires`, { title: 'x', questions: [{ type: 'essay', title: 'x', required: true }] })).statusCode).toBe(400);
    expect((await cadre.post(`/api/v1/activities/${a.id}/questionnaires`, { title: 'x', questions: [] })).statusCode).toBe(400);
    expect(await t.db.selectFrom('questionnaires').select('id').where('activityId', '=', a.id).execute()).toHaveLength(0);
  });

  it('is built as a draft, opened, closed and opened again, each step audited', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const q = await build(cadre, a.id);
    expect(q).toMatchObject({ status: 'draft', responseCount: 0, canEdit: true, activity: { id: a.id } });
    expect(q.questions.map((x) => x.type)).toEqual(['single', 'multiple', 'text', 'scale', 'number']);
    expect(q.questions[0]!.options.map((o) => o.text)).toEqual(['每天', '两三天', '一周以上']);
    // A draft link says it is not open yet; answers are refused.
    const draft = await t.app.inject({ method: 'GET', url: q.publicPath });
    expect(draft.statusCode).toBe(404);
    expect(draft.body).toContain('问卷尚未开放');
    expect(json<ErrorJson>(await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: {} })).error.code).toBe('questionnaire_not_open');
    expect(json<QuestionnaireView>(await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' })).status).toBe('open');
    expect((await t.app.inject({ method: 'GET', url: q.publicPath })).statusCode).toBe(200);
    expect(json<QuestionnaireView>(await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'closed' })).status).toBe('closed');
    const closed = await t.app.inject({ method: 'GET', url: q.publicPath });
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('问卷已经结束');
    expect(json<QuestionnaireView>(await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' })).status).toBe('open');
    const actions = (await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'questionnaire').where('entityId', '=', String(q.id)).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['questionnaire.create', 'questionnaire.open', 'questionnaire.close', 'questionnaire.open']);
    const unknown = await t.app.inject({ method: 'GET', url: '/q/no-such-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('链接无效');
  });
});

describe('answering', () => {
  it('checks every question type’s limits, names the question, and stores nothing when one breaks', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const q = await build(cadre, a.id);
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    const [single, multiple, text, scale, num] = q.questions.map((x) => x.id) as [number, number, number, number, number];
    const ok = { [single]: q.questions[0]!.options[0]!.id, [multiple]: [q.questions[1]!.options[0]!.id], [scale]: 4 };
    const refuse = async (answers: Record<number, unknown>, field: number, words: string) => {
      const r = await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: { ...ok, ...answers } });
      expect(r.statusCode, JSON.stringify(answers)).toBe(422);
      const e = json<ErrorJson>(r).error;
      expect(e.code).toBe('questionnaire_answers_invalid');
      expect(Object.keys(e.fields ?? {})).toEqual([`answers.${field}`]);
      expect(e.fields![`answers.${field}`]).toContain(words);
    };
    await refuse({ [single]: null }, single, '「您家的垃圾多久清运一次？」是必答题');
    await refuse({ [single]: 999 }, single, '请从给出的选项中选一项');
    await refuse({ [multiple]: [] }, multiple, '是必答题');
    const opts = q.questions[1]!.options.map((o) => o.id);
    await refuse({ [multiple]: opts.slice(0, 3) }, multiple, '最多选 2 项，现在选了 3 项');
    await refuse({ [multiple]: [opts[0]!, 4242] }, multiple, '只能选给出的选项');
    await refuse({ [text]: '字'.repeat(21) }, text, '最多 20 字，现在是 21 字');
    await refuse({ [scale]: 6 }, scale, '分数只能是 1 到 5');
    await refuse({ [scale]: 2.5 }, scale, '分数只能是 1 到 5');
    await refuse({ [num]: 0 }, num, '不能小于 1');
    await refuse({ [num]: 21 }, num, '不能大于 20');
    await refuse({ [num]: 'abc' }, num, '请填写一个数字');
    // Two broken at once: both named.
    const two = await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: { [scale]: 9, [num]: 99 } });
    expect(Object.keys(json<ErrorJson>(two).error.fields ?? {}).sort()).toEqual([`answers.${single}`, `answers.${multiple}`, `answers.${num}`, `answers.${scale}`].sort());
    expect(await t.db.selectFrom('questionnaireResponses').select('id').where('questionnaireId', '=', q.id).execute()).toHaveLength(0);
    // Within the limits: stored, with the visit it was recorded on.
    const visit = json<Visit>(await cadre.post(`/api/v1/activities/${a.id}/visits`, { kind: 'household', placeText: '东关村三组' }));
    const r = await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { visitId: visit.id, answers: { ...ok, [text]: '  多装路灯  ', [num]: 4 } });
    expect(r.statusCode, r.body).toBe(201);
    expect(json(r)).toMatchObject({ responseCount: 1 });
    const stored = await t.db.selectFrom('questionnaireAnswers').select(['questionId', 'text', 'num', 'choices']).where('questionnaireId', '=', q.id).orderBy('questionId').execute();
    expect(stored.find((s) => s.questionId === text)?.text).toBe('多装路灯');
    expect(stored.find((s) => s.questionId === num)?.num).toBe(4);
    expect((await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { visitId: 999_999, answers: ok })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: { ...ok, abc: 1 } })).statusCode).toBe(400);
  });

  it('takes answers through the public page, keeps the others when one breaks a rule, and slows a flood', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const q = await build(cadre, a.id);
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    const [single, multiple, text, scale] = q.questions;
    const page = await t.app.inject({ method: 'GET', url: q.publicPath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1. 您家的垃圾多久清运一次？');
    expect(page.body).toContain('选 1–2 项');
    const o = (i: number, k: number) => String(q.questions[i]!.options[k]!.id);
    // Three ticked where two are allowed: the page comes back naming it, the other answers still filled in.
    const bad = await postForm(q.publicPath, [[`a${single!.id}`, o(0, 1)], [`a${multiple!.id}`, o(1, 0)], [`a${multiple!.id}`, o(1, 1)], [`a${multiple!.id}`, o(1, 2)], [`a${text!.id}`, '修路'], [`a${scale!.id}`, '5']]);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('有 1 题需要修改');
    expect(bad.body).toContain('「您最希望改善哪些方面？」最多选 2 项，现在选了 3 项');
    expect(bad.body).toContain(`value="${o(0, 1)}" checked`);
    expect(bad.body).toContain('>修路</textarea>');
    expect(bad.body).toMatch(new RegExp(`name="a${scale!.id}" value="5" checked`));
    const good = await postForm(q.publicPath, [[`a${single!.id}`, o(0, 1)], [`a${multiple!.id}`, o(1, 0)], [`a${multiple!.id}`, o(1, 1)], [`a${text!.id}`, '修路'], [`a${scale!.id}`, '5']]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.body).toContain('谢谢您填写问卷');
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await postForm(q.publicPath, [[`a${scale!.id}`, '3']], '10.1.9.9')).statusCode);
    expect(codes.filter((c) => c === 429)).toHaveLength(1);
    const huge = await postForm(q.publicPath, [[`a${text!.id}`, '长'.repeat(6000)]], '10.1.9.10');
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('内容太长');
    expect(json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${q.id}`)).responseCount).toBe(1);
  });
});

describe('results, editing and export', () => {
  it('adds up a known fixture exactly, searches the text answers, and exports one row per response', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const q = await build(cadre, a.id);
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    const [single, multiple, text, scale, num] = q.questions as [QuestionnaireView['questions'][number], QuestionnaireView['questions'][number], QuestionnaireView['questions'][number], QuestionnaireView['questions'][number], QuestionnaireView['questions'][number]];
    const so = single.options.map((o) => o.id);
    const mo = multiple.options.map((o) => o.id);
    const fixture = [
      { [single.id]: so[0], [multiple.id]: [mo[0], mo[1]], [scale.id]: 5, [num.id]: 3, [text.id]: '希望多装几盏路灯' },
      { [single.id]: so[0], [multiple.id]: [mo[1]], [scale.id]: 4, [num.id]: 5 },
      { [single.id]: so[1], [multiple.id]: [mo[1], mo[2]], [scale.id]: 2, [text.id]: '垃圾桶不够' },
      { [single.id]: so[2], [multiple.id]: [mo[3]], [scale.id]: 4, [num.id]: 4, [text.id]: '路灯晚上不亮' },
    ];
    for (const answers of fixture) expect((await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers })).statusCode).toBe(201);
    await postForm(q.publicPath, [[`a${single.id}`, String(so[0])], [`a${multiple.id}`, String(mo[1])], [`a${scale.id}`, '1']], '10.2.0.1');
    const r = json<Results>(await cadre.get(`/api/v1/questionnaires/${q.id}/results`));
    expect(r.responseCount).toBe(5);
    expect(r.byVia).toEqual({ public: 1, cadre: 4 });
    const [rs, rm, rt, rsc, rn] = r.questions;
    expect(rs!.options.map((o) => [o.text, o.count, o.share])).toEqual([['每天', 3, 0.6], ['两三天', 1, 0.2], ['一周以上', 1, 0.2]]);
    expect(rm!.options.map((o) => o.count)).toEqual([1, 4, 1, 1]);
    expect(rm!.answered).toBe(5);
    expect(rsc).toMatchObject({ answered: 5, mean: 3.2, median: 4, minValue: 1, maxValue: 5 });
    expect(rsc!.distribution.map((d) => d.count)).toEqual([1, 1, 0, 2, 1]);
    expect(rn).toMatchObject({ answered: 3, mean: 4, median: 4, minValue: 3, maxValue: 5 });
    expect(rt!.textTotal).toBe(3);
    const found = json<Results>(await cadre.get(`/api/v1/questionnaires/${q.id}/results?q=${encodeURIComponent('路灯')}`));
    expect(found.questions[2]!.texts.map((x) => x.text).sort()).toEqual(['希望多装几盏路灯', '路灯晚上不亮']);
    expect(json<Results>(await cadre.get(`/api/v1/questionnaires/${q.id}/results?q=${encodeURIComponent('垃圾')}`)).questions[2]!.texts.map((x) => x.text)).toEqual(['垃圾桶不够']);

    const x = await cadre.get(`/api/v1/questionnaires/${q.id}/export`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('答卷')!;
    expect(ws.rowCount).toBe(6);
    expect(ws.getRow(1).getCell(6).value).toBe('1. 您家的垃圾多久清运一次？');
    expect(ws.getRow(2).getCell(7).value).toBe('道路；路灯');
    expect(ws.getRow(6).getCell(3).value).toBe('群众扫码填写');
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'questionnaire.export').where('entityId', '=', String(q.id)).execute()).toHaveLength(1);
  });

  it('refuses an edit that would break answers, and allows closing, moving, new options and new questions', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const q = await build(cadre, a.id);
    // Before any answer, anything may change — even deleting a question.
    const asInput = (v: QuestionnaireView) => v.questions.map(({ answered: _a, ...rest }) => ({
      id: rest.id, type: rest.type, title: rest.title, help: rest.help, required: rest.required, closed: rest.closed,
      ...(rest.options.length ? { options: rest.options.map((o) => ({ ...o })) } : {}), minChoices: rest.minChoices, maxChoices: rest.maxChoices, maxLength: rest.maxLength, min: rest.min, max: rest.max,
    }));
    const put = (v: QuestionnaireView, questions: ReturnType<typeof asInput>) => cadre.put(`/api/v1/questionnaires/${q.id}`, { title: v.title, intro: v.intro, version: v.version, questions });
    const fewer = await put(q, asInput(q).slice(0, 4));
    expect(fewer.statusCode, fewer.body).toBe(200);
    let v = json<QuestionnaireView>(fewer);
    expect(v.questions).toHaveLength(4);
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    v = json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${q.id}`));
    const [single, multiple] = v.questions;
    await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: { [single!.id]: single!.options[0]!.id, [multiple!.id]: [multiple!.options[0]!.id], [v.questions[3]!.id]: 3 } });
    v = json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${q.id}`));
    expect(v.questions.map((x) => x.answered)).toEqual([1, 1, 0, 1]);
    const refused = async (change: (qs: ReturnType<typeof asInput>) => void, words: string) => {
      const qs = asInput(v);
      change(qs);
      const r = await put(v, qs);
      expect(r.statusCode, words).toBe(422);
      expect(JSON.stringify(json<ErrorJson>(r).error), words).toContain(words);
    };
    await refused((qs) => { qs[0]!.options![0] = { ...qs[0]!.options![0]!, text: '天天' }; }, '已有 1 份回答，不能把选项「每天」改成「天天」');
    await refused((qs) => { qs[0]!.options!.splice(2, 1); }, '不能删除选项「一周以上」');
    await refused((qs) => { qs[0]!.type = 'multiple'; }, '不能把单选题改成多选题');
    await refused((qs) => { qs[0]!.title = '垃圾清运频次'; }, '不能修改题目文字');
    await refused((qs) => { qs[1]!.maxChoices = 3; }, '不能修改作答限制');
    await refused((qs) => { qs.splice(0, 1); }, '已有 1 份回答，不能删除；可以停用这题');
    // An option given twice under one id would make its answers count for both texts.
    await refused((qs) => { qs[0]!.options = [...qs[0]!.options!, { id: qs[0]!.options![1]!.id, text: '也许' }]; }, '同一个选项出现了两次');
    // What keeps the answers' meaning is allowed: close a question, move it, a new option, new help, a new question, and delete an unanswered one.
    const qs = asInput(v);
    qs[0]!.closed = true;
    qs[1]!.options = [...qs[1]!.options!, { text: '停车' } as { id: number; text: string }];
    qs[1]!.help = '可选两项';
    const moved = [qs[1]!, qs[0]!, qs[3]!, { type: 'text', title: '新加的一题', required: false } as unknown as (typeof qs)[number]];
    const ok = await put(v, moved);
    expect(ok.statusCode, ok.body).toBe(200);
    const after = json<QuestionnaireView>(ok);
    expect(after.questions.map((x) => [x.title, x.closed])).toEqual([['您最希望改善哪些方面？', false], ['您家的垃圾多久清运一次？', true], ['对村容村貌的满意度', false], ['新加的一题', false]]);
    expect(after.questions[0]!.options.map((o) => o.text)).toEqual(['道路', '路灯', '厕所', '绿化', '停车']);
    // A closed question is no longer asked, and its answers still count.
    const pub = await t.app.inject({ method: 'GET', url: after.publicPath });
    expect(pub.body).not.toContain('您家的垃圾多久清运一次？');
    const res = json<Results>(await cadre.get(`/api/v1/questionnaires/${q.id}/results`));
    expect(res.questions.find((x) => x.title === '您家的垃圾多久清运一次？')).toMatchObject({ closed: true, answered: 1 });
    // A stale version is a conflict.
    expect((await put(v, asInput(v))).statusCode).toBe(409);
  });

  it('stops taking answers when its trip is cancelled (and can still be closed), takes long answers, and never fails on a JSON post', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const r = await cadre.post(`/api/v1/activities/${a.id}/questionnaires`, { title: '长回答', questions: [{ type: 'text', title: '请详细说说', required: true, maxLength: 2000 }] });
    const q = json<QuestionnaireView>(r);
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    const long = '村里的水渠'.repeat(300);
    const ok = await postForm(q.publicPath, [[`a${q.questions[0]!.id}`, long]], '10.3.0.1');
    expect(ok.statusCode, ok.body.slice(0, 200)).toBe(200);
    expect((await t.db.selectFrom('questionnaireAnswers').select('text').where('questionnaireId', '=', q.id).executeTakeFirstOrThrow()).text).toBe(long);
    // Not a form: numbers and objects are not answers; the page asks again, never a 500.
    const asJson = await t.app.inject({ method: 'POST', url: q.publicPath, payload: { [`a${q.questions[0]!.id}`]: 5 }, remoteAddress: '10.3.0.2' });
    expect(asJson.statusCode).toBe(422);
    expect(asJson.body).toContain('是必答题');
    await cadre.patch(`/api/v1/activities/${a.id}`, { version: a.version, status: 'cancelled' });
    const gone = await postForm(q.publicPath, [[`a${q.questions[0]!.id}`, '还能交吗']], '10.3.0.3');
    expect(gone.statusCode).toBe(410);
    expect(json<ErrorJson>(await cadre.post(`/api/v1/questionnaires/${q.id}/responses`, { answers: { [q.questions[0]!.id]: '干部录入' } })).error.code).toBe('activity_cancelled');
    expect(json<QuestionnaireView>(await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'closed' })).status).toBe('closed');
    expect(json<ErrorJson>(await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' })).error.code).toBe('activity_cancelled');
    expect(json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${q.id}`)).responseCount).toBe(1);
  });
});
