/**
 * The regulation's written documents in real Chromium (issue 18): a clerk declines a petition and prints the
 * 不予受理告知书; accepts another and issues the 受理告知书 from the page (previewed, numbered, on the
 * timeline); a handler replies without a basis and issues the 信访处理意见书 after filling it in. Screenshots:
 * document-preview.png, document-print.png, issue-documents.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, loginAs, newPage } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

async function loginCookie(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'yixian-demo' }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}
async function call<T>(cookie: string, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
}

describe('written documents', () => {
  it('a decline and an acceptance notice, and a handling opinion, issued from the issue page and printed', async () => {
    const clerk = await loginCookie('clerk');
    const handler = await loginCookie('handler');
    const units = await call<{ items: Array<{ id: number; name: string }> }>(clerk, 'GET', '/api/v1/org-units');
    const unit = (name: string) => units.items.find((u) => u.name === name)!.id;
    const tag = Date.now().toString(36).slice(-4);
    const make = (title: string) => call<{ id: number; version: number; trackingCode: string }>(clerk, 'POST', '/api/v1/issues', {
      title, body: `${title}，请有关部门处理。`, channel: 'visit', kind: 'complaint', orgUnitId: unit('解放路社区'), petitioner: { name: '刘桂兰', phone: '13912340000' },
    });
    const move = async (cookie: string, i: { id: number; version: number }, body: Record<string, unknown>) => call<{ id: number; version: number }>(cookie, 'POST', `/api/v1/issues/${i.id}/transitions`, { version: i.version, ...body });

    const declined = await make(`解放路${tag}商铺租赁合同纠纷`);
    await move(clerk, declined, { action: 'decline', reason: '属于民事合同纠纷，应当通过诉讼解决', properChannel: '向县人民法院提起诉讼' });
    let accepted: { id: number; version: number } = await make(`解放路${tag}小区路灯不亮`);
    accepted = await move(clerk, accepted, { action: 'accept' });

    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    // The decline notice, printed.
    await page.goto(`${base}/issues/${declined.id}`);
    await page.getByTestId('document-new-decline_notice').click();
    const preview = page.getByTestId('document-preview');
    await expect.poll(() => preview.innerText()).toContain('刘桂兰：');
    expect(await preview.innerText()).toContain('理由是：属于民事合同纠纷，应当通过诉讼解决。');
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'document-preview.png') });
    await page.getByTestId('document-issue').click();
    const list = page.getByTestId('issue-documents');
    await expect.poll(() => list.innerText()).toMatch(/示信不受〔\d{4}〕\d+号/);
    await list.getByRole('link', { name: '信访事项不予受理告知书' }).click();
    const sheet = page.getByTestId('document-sheet');
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('你可以向县人民法院提起诉讼。');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'document-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The acceptance notice: issued, then on the timeline with its number.
    await page.goto(`${base}/issues/${accepted.id}`);
    await page.getByTestId('document-new-accept_notice').click();
    await expect.poll(() => preview.innerText()).toContain('依法受理');
    await page.getByTestId('document-issue').click();
    await expect.poll(() => list.innerText()).toMatch(/示信受〔\d{4}〕\d+号/);
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('出具书面文书');
    expect(await page.getByTestId('document-new-accept_notice').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'issue-documents.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();

    // A reply without a basis: the handler supplies it in the opinion.
    accepted = await move(clerk, accepted, { action: 'assign', unitId: unit('示例县住房和城乡建设局') });
    accepted = await move(handler, accepted, { action: 'start', note: '已联系' });
    await move(handler, accepted, { action: 'reply', outcome: 'support', text: '已更换小区路灯五盏。' });
    const h = await newPage(browser);
    await loginAs(h.page, base, 'handler');
    await h.page.goto(`${base}/issues/${accepted.id}`);
    await h.page.getByTestId('document-new-opinion').click();
    const basis = h.page.getByTestId('document-value-依据');
    await basis.waitFor();
    await basis.fill('《城市道路照明设施管理规定》第十条');
    await basis.blur();
    await expect.poll(() => h.page.getByTestId('document-preview').innerText()).toContain('依据：《城市道路照明设施管理规定》第十条');
    expect(await h.page.getByTestId('document-preview').innerText()).toContain('请求示例县人民政府复查');
    await h.page.getByTestId('document-issue').click();
    await expect.poll(() => h.page.getByTestId('issue-documents').innerText()).toMatch(/示信意〔\d{4}〕\d+号/);
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('an administrator edits a template; an unknown placeholder is refused by name', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'admin');
    await page.goto(`${base}/admin/templates`);
    const card = page.getByTestId('template-accept_notice');
    await card.getByTestId('template-edit').first().click();
    const body = card.getByTestId('template-body');
    await body.fill(`${await body.inputValue()}\n经办人：{{经办人}}`);
    await card.getByTestId('template-save').click();
    await expect.poll(() => card.getByTestId('template-error').innerText()).toContain('模板中的占位符「{{经办人}}」不存在');
    await page.screenshot({ path: path.join(SHOTS, 'template-error.png'), fullPage: true });
    await body.fill((await body.inputValue()).replace('\n经办人：{{经办人}}', '\n出具单位：{{出具单位}}'));
    await card.getByTestId('template-save').click();
    await expect.poll(() => card.innerText()).toContain('恢复默认');
    const list = await page.evaluate(async () => ((await (await fetch('/api/v1/document-templates')).json()) as { items: Array<{ kind: string; categoryId: number; body: string; builtIn: boolean }> }).items);
    const mine = list.find((t) => t.kind === 'accept_notice' && t.categoryId === 0)!;
    expect(mine.builtIn).toBe(false);
    expect(mine.body).toContain('出具单位：{{出具单位}}');
    // The browser logs the refused save (400) it was meant to get; nothing else.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await close();
  });

  it('第20条: a group visit is registered with five representatives at most, shown masked on the issue', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/intake`);
    await page.locator('#intake-body').fill('北门社区三十户业主集体来访，反映小区电梯停运两周无人维修。');
    await page.locator('#intake-place').focus();
    await page.keyboard.type('北门社区');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.locator('#intake-name').fill('赵德明');
    await page.locator('#intake-joint').check();
    await page.locator('#intake-signer-count').fill('30');
    const names = ['赵德明', '钱秀兰', '孙建华', '李国强', '周玉梅'];
    for (const [i, name] of names.entries()) {
      if (i > 0) await page.getByTestId('intake-rep-add').click();
      await page.getByTestId('intake-rep-name').nth(i).fill(name);
      await page.getByTestId('intake-rep-phone').nth(i).fill(`1380000000${i}`);
    }
    // A sixth cannot be added.
    expect(await page.getByTestId('intake-rep-add').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'intake-joint.png'), fullPage: true });
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('intake-created-link').click();
    const joint = page.getByTestId('petitioner-joint');
    await expect.poll(() => joint.innerText()).toContain('联名 / 集体访：30 人');
    const text = await joint.innerText();
    expect(text).toContain('钱**');
    expect(text).toContain('138****0001');
    expect(text).not.toContain('钱秀兰');
    expect(errors).toEqual([]);
    await close();
  });
});
