import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { DocumentView } from '../../../shared/api/documents.ts';
import { PLACEHOLDERS } from '../../../shared/documents.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type IssueJson = { id: number; version: number; trackingCode: string };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const HOUSING = '示例县住房和城乡建设局';

async function issue(c: Client, extra: Record<string, unknown> = {}): Promise<IssueJson> {
  const r = await c.post('/api/v1/issues', intake(t.unit('解放路社区'), extra));
  expect(r.statusCode, r.body).toBe(201);
  return json(r);
}
async function step(c: Client, i: IssueJson, body: Record<string, unknown>): Promise<IssueJson> {
  const r = await c.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return { ...i, ...json<IssueJson>(r) };
}

describe('documents: who may call it', () => {
  it('requires a login, and hides another scope’s issue and its documents', async () => {
    for (const [method, url] of [['GET', '/api/v1/issues/1/documents'], ['POST', '/api/v1/issues/1/documents'], ['POST', '/api/v1/issues/1/documents/preview'],
      ['GET', '/api/v1/documents/1'], ['GET', '/api/v1/document-templates'], ['PUT', '/api/v1/document-templates'], ['DELETE', '/api/v1/document-templates/1']] as const) {
      const r = await t.anonymous.raw({ method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
    const clerk = await t.as('clerk');
    const i = await step(clerk, await issue(clerk), { action: 'accept' });
    const doc = json<DocumentView>(await clerk.post(`/api/v1/issues/${i.id}/documents`, { kind: 'accept_notice' }));
    // A handler of another unit: neither the issue nor its document; a cadre cannot issue one.
    const handler = await t.as('handler-jyj');
    expect((await handler.get(`/api/v1/issues/${i.id}/documents`)).statusCode).toBe(404);
    expect((await handler.get(`/api/v1/documents/${doc.id}`)).statusCode).toBe(404);
    const cadre = await t.as('cadre');
    expect((await cadre.post(`/api/v1/issues/${i.id}/documents`, { kind: 'accept_notice' })).statusCode).toBe(403);
    expect(json<{ available: unknown[] }>(await cadre.get(`/api/v1/issues/${i.id}/documents`)).available).toEqual([]);
    // Only administrators edit templates.
    expect((await clerk.put('/api/v1/document-templates', { kind: 'accept_notice', categoryId: 0, title: 'x', body: 'y' })).statusCode).toBe(403);
  });
});

describe('documents from templates (《信访工作条例》第23、32、35条)', () => {
  it('第23条: the acceptance notice names the petitioner, the dates and the 60-day limit, once, numbered, on the timeline', async () => {
    const clerk = await t.as('clerk');
    const fresh = await issue(clerk, { title: '解放路路灯不亮' });
    // Nothing to notify before the decision.
    const early = await clerk.post(`/api/v1/issues/${fresh.id}/documents/preview`, { kind: 'accept_notice' });
    expect(early.statusCode).toBe(422);
    expect(json<ErrorJson>(early).error.message).toBe('该问题还没有可出具受理告知书的办理环节（须先受理）');
    const i = await step(clerk, fresh, { action: 'accept' });
    expect(json<{ available: Array<{ kind: string }> }>(await clerk.get(`/api/v1/issues/${i.id}/documents`)).available.map((a) => a.kind)).toEqual(['accept_notice']);
    const preview = json<{ title: string; body: string; empty: string[] }>(await clerk.post(`/api/v1/issues/${i.id}/documents/preview`, { kind: 'accept_notice' }));
    expect(preview.empty).toEqual([]);
    expect(preview.title).toBe('信访事项受理告知书');
    expect(preview.body.startsWith('王建国：')).toBe(true);
    expect(preview.body).toContain(`“解放路路灯不亮”（查询编号 ${i.trackingCode}）`);
    expect(preview.body).toContain('60 日内办结');
    expect(preview.body).not.toContain('{{');
    const r = await clerk.post(`/api/v1/issues/${i.id}/documents`, { kind: 'accept_notice' });
    expect(r.statusCode, r.body).toBe(201);
    const doc = json<DocumentView>(r);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(doc).toMatchObject({ kind: 'accept_notice', title: '信访事项受理告知书', body: preview.body, issuedBy: { name: '信访局 周敏' } });
    expect(doc.number).toMatch(new RegExp(`^示信受〔${year}〕\\d+号$`));
    // Once per step; issued is issued.
    const again = await clerk.post(`/api/v1/issues/${i.id}/documents`, { kind: 'accept_notice' });
    expect(again.statusCode).toBe(409);
    expect(json<ErrorJson>(again).error.message).toContain(doc.number);
    const tl = json<{ items: Array<{ type: string; data: Record<string, unknown> }> }>(await clerk.get(`/api/v1/issues/${i.id}/timeline`)).items;
    expect(tl.find((e) => e.type === 'document')?.data).toMatchObject({ documentId: doc.id, documentKind: 'accept_notice', number: doc.number });
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'document.issue').where('entityId', '=', String(i.id)).execute()).toHaveLength(1);
    // The next one of the kind takes the next number.
    const other = await step(clerk, await issue(clerk), { action: 'accept' });
    const second = json<DocumentView>(await clerk.post(`/api/v1/issues/${other.id}/documents`, { kind: 'accept_notice' }));
    expect(Number(/〕(\d+)号/.exec(second.number)![1])).toBe(Number(/〕(\d+)号/.exec(doc.number)![1]) + 1);
  });

  it('第23条: the decline notice gives the reason and the proper channel; an anonymous petitioner is not named', async () => {
    const clerk = await t.as('clerk');
    const i = await step(clerk, await issue(clerk, { anonymous: true, petitioner: null }), { action: 'decline', reason: '属于劳动争议，应当通过劳动仲裁解决', properChannel: '向县劳动人事争议仲裁委员会申请仲裁' });
    const doc = json<DocumentView>(await clerk.post(`/api/v1/issues/${i.id}/documents`, { kind: 'decline_notice' }));
    expect(doc.body.startsWith('匿名信访人：')).toBe(true);
    expect(doc.body).toContain('理由是：属于劳动争议，应当通过劳动仲裁解决。');
    expect(doc.body).toContain('你可以向县劳动人事争议仲裁委员会申请仲裁。');
    expect(doc.number).toContain('示信不受〔');
  });

  it('第32、35条: the handling opinion states the outcome and its basis and where to ask for 复查 within 30 days; an empty basis must be supplied', async () => {
    const clerk = await t.as('clerk');
    const handler = await t.as('handler');
    let i = await step(clerk, await issue(clerk), { action: 'accept' });
    i = await step(clerk, i, { action: 'assign', unitId: t.unit(HOUSING) });
    i = await step(handler, i, { action: 'start', note: '已联系' });
    i = await step(handler, i, { action: 'reply', outcome: 'support', text: '已更换三盏路灯。' });
    // The assignment's notice names the unit and its limit.
    const assign = json<DocumentView>(await clerk.post(`/api/v1/issues/${i.id}/documents`, { kind: 'assign_notice' }));
    expect(assign.body).toContain(`已转交${HOUSING}办理，办理期限至`);
    // The reply had no basis: the opinion cannot go out without one, the issuer supplies it.
    const p = json<{ empty: string[] }>(await handler.post(`/api/v1/issues/${i.id}/documents/preview`, { kind: 'opinion' }));
    expect(p.empty).toEqual(['依据']);
    const refused = await handler.post(`/api/v1/issues/${i.id}/documents`, { kind: 'opinion' });
    expect(refused.statusCode).toBe(422);
    expect(json<ErrorJson>(refused).error.message).toBe('文书中的「依据」没有内容，请补充后再出具');
    // What the record says cannot be overwritten; what it lacks can be filled.
    const r = await handler.post(`/api/v1/issues/${i.id}/documents`, { kind: 'opinion', values: { 依据: '《城市道路照明设施管理规定》第十条', 处理结果: '不予支持' } });
    expect(r.statusCode, r.body).toBe(201);
    const doc = json<DocumentView>(r);
    expect(doc.body).toContain('处理意见如下：已更换三盏路灯。');
    expect(doc.body).toContain('处理结果：支持。');
    expect(doc.body).toContain('依据：《城市道路照明设施管理规定》第十条');
    // The unit one level up from the housing bureau: the county's government.
    expect(doc.body).toMatch(/可以自收到本意见书之日起 30 日内（\d{4}年\d{1,2}月\d{1,2}日前）请求示例县人民政府复查/);
    expect(json<DocumentView>(await clerk.get(`/api/v1/documents/${doc.id}`)).body).toBe(doc.body);
    // An unknown placeholder is refused, named.
    const bad = await handler.post(`/api/v1/issues/${i.id}/documents/preview`, { kind: 'opinion', values: { 心情: '好' } });
    expect(json<ErrorJson>(bad).error.code).toBe('template_unknown_placeholder');
  });
});

describe('document templates', () => {
  it('are edited by an administrator per kind and category, refusing an unknown placeholder by name', async () => {
    const admin = await t.as('admin');
    const list = json<{ items: Array<{ kind: string; builtIn: boolean; body: string }>; placeholders: Record<string, string> }>(await admin.get('/api/v1/document-templates'));
    expect(list.items.filter((x) => x.builtIn)).toHaveLength(6);
    expect(Object.keys(list.placeholders)).toEqual(Object.keys(PLACEHOLDERS));
    let r = await admin.put('/api/v1/document-templates', { kind: 'accept_notice', categoryId: 0, title: '受理告知书', body: '{{信访人}}：你的事项已受理，承办人{{经办人}}，电话{{电话}}。' });
    expect(r.statusCode).toBe(400);
    expect(json<ErrorJson>(r).error.message).toMatch(/^模板中的占位符「\{\{经办人\}\}」「\{\{电话\}\}」不存在；可用的占位符有：信访人、/);
    r = await admin.put('/api/v1/document-templates', { kind: 'accept_notice', categoryId: 0, title: '受理告知书', body: '{{#信访人}}未闭合' });
    expect(json<ErrorJson>(r).error.code).toBe('template_syntax');
    // A category's own text is used for its issues; the kind's default for the rest.
    const cat = t.category('城市建设和市政管理');
    r = await admin.put('/api/v1/document-templates', { kind: 'accept_notice', categoryId: cat, title: '市政事项受理告知书', body: '{{信访人}}：你反映的“{{信访事项}}”已于{{受理日期}}受理，由{{出具单位}}跟踪办理。' });
    expect(r.statusCode, r.body).toBe(200);
    const saved = json<{ id: number; categoryName: string }>(r);
    expect(saved.categoryName).toBe('城市建设和市政管理');
    const clerk = await t.as('clerk');
    const mine = await step(clerk, await issue(clerk, { categoryId: cat }), { action: 'accept' });
    const p = json<{ title: string; body: string }>(await clerk.post(`/api/v1/issues/${mine.id}/documents/preview`, { kind: 'accept_notice' }));
    expect(p.title).toBe('市政事项受理告知书');
    expect(p.body).toContain('由示例县信访局跟踪办理');
    // Removing it brings the default back.
    expect((await admin.raw({ method: 'DELETE', url: `/api/v1/document-templates/${saved.id}` })).statusCode).toBe(204);
    expect(json<{ title: string }>(await clerk.post(`/api/v1/issues/${mine.id}/documents/preview`, { kind: 'accept_notice' })).title).toBe('信访事项受理告知书');
    expect((await t.db.selectFrom('auditLog').select('action').where('action', 'in', ['template.update', 'template.delete']).execute()).length).toBe(2);
  });
});
