/**
 * An on-site office session (现场办公) in real Chromium (issue 17): the county's leader sets the departments at the
 * table, picks three issues of the township from the ledger, records one solved on the spot (the housing bureau's
 * handler signs on the workbench, the transport bureau's signature is recorded with the signer's name — then the issue
 * is replied), gives one to the education bureau with a deadline (on its workbench), leaves the third, and prints the
 * record. Screenshots in docs/screenshots: onsite-session.png, onsite-session-phone.png, onsite-minutes.png,
 * workbench-onsite.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
const option = (page: Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

describe('an on-site office session', () => {
  it('solves one item with two departments signing, follows one up, leaves one, and prints its record', async () => {
    const clerk = await loginCookie('clerk');
    const leaderCookie = await loginCookie('leader');
    const units = await call<{ items: Array<{ id: number; name: string }> }>(clerk, 'GET', '/api/v1/org-units');
    const unit = (name: string) => units.items.find((u) => u.name === name)!.id;
    const tag = Date.now().toString(36).slice(-4);
    const titles = [`解放路${tag}号楼化粪池外溢`, `解放路${tag}路口红绿灯故障`, `解放路${tag}菜市场占道经营`];
    const issues: Array<{ id: number; trackingCode: string }> = [];
    for (const title of titles) {
      issues.push(await call(clerk, 'POST', '/api/v1/issues', {
        title, body: `${title}，影响周边居民出行和生活，请有关部门尽快处理。`, channel: 'visit', kind: 'complaint', orgUnitId: unit('解放路社区'), petitioner: { name: '刘桂兰', phone: '13912340000' },
      }));
    }
    const start = Date.now() - 2 * 3600_000;
    const me = await call<{ id: number }>(leaderCookie, 'GET', '/api/v1/auth/me');
    const session = await call<{ id: number }>(leaderCookie, 'POST', '/api/v1/activities', {
      kind: 'onsite', title: `城关镇解放路现场办公会（${tag}）`, orgUnitId: unit('城关镇'), startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3600_000).toISOString(),
      placeText: '解放路社区党群服务中心', cadreIds: [me.id], status: 'done',
    });

    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'leader');
    await page.goto(`${base}/activities/${session.id}`);
    // The departments at the table.
    await page.getByTestId('onsite-units-edit').click();
    await page.getByTestId('onsite-units-select').click();
    for (const name of ['示例县住房和城乡建设局', '示例县交通运输局']) {
      await page.keyboard.type(name.slice(3, 7));
      await option(page, name).click();
    }
    await page.locator('.ant-modal:visible .ant-modal-title').click();
    await page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('onsite-units').innerText()).toContain('示例县交通运输局');
    // The agenda, from the ledger's open issues of the township, searched.
    await page.getByTestId('onsite-add').click();
    for (const title of titles) {
      await page.getByTestId('onsite-pick-search').locator('input').fill(title);
      await page.getByTestId('onsite-pick-search').locator('input').press('Enter');
      await expect.poll(() => page.getByTestId('onsite-pick-list').innerText()).toContain(title);
      await page.getByTestId('onsite-pick').first().click();
      await expect.poll(() => page.getByTestId('onsite-item').count()).toBe(titles.indexOf(title) + 1);
    }
    await page.keyboard.press('Escape');
    const item = (i: number) => page.getByTestId('onsite-item').nth(i);

    // 1: solved on the spot by both departments.
    await item(0).getByTestId('onsite-solve').click();
    await page.getByTestId('onsite-solve-units').click();
    await option(page, '示例县住房和城乡建设局').click();
    await option(page, '示例县交通运输局').click();
    await page.locator('.ant-modal:visible .ant-modal-title').click();
    await page.getByTestId('onsite-solution').fill('住建局当天组织清掏修复，交通局配合设置施工围挡。');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => item(0).innerText()).toContain('待签字');
    // 2: followed up by the education bureau, ten days.
    await item(1).getByTestId('onsite-followup-btn').click();
    await page.getByTestId('onsite-followup-unit').click();
    await page.keyboard.type('教育局');
    await option(page, '示例县教育局').click();
    await page.getByTestId('onsite-followup-due').click();
    const due = new Date(Date.now() + 10 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    // Typed, as a keyboard user would (antd puts the test id on the picker's input or its wrapper).
    const dueInput = page.locator('[data-testid="onsite-followup-due"]').locator('xpath=self::input | .//input').first();
    await dueInput.fill(due);
    await dueInput.press('Enter');
    await page.getByTestId('onsite-followup-task').fill('十日内与学校商定错峰放学和护学岗方案');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => item(1).innerText()).toContain('交办跟进');
    expect(await item(1).getByTestId('onsite-followup').innerText()).toContain('示例县教育局');
    expect(await item(2).getByTestId('onsite-outcome').innerText()).toBe('待议');

    // The housing bureau signs on its workbench.
    const h = await newPage(browser);
    await loginAs(h.page, base, 'handler');
    const card = h.page.getByTestId('workbench-onsite');
    await expect.poll(() => card.innerText()).toContain(titles[0]!);
    await h.page.screenshot({ path: path.join(SHOTS, 'workbench-onsite.png'), fullPage: true });
    await card.getByTestId('workbench-onsite-sign').filter({ hasText: titles[0]! }).getByRole('button', { name: '签字确认' }).click();
    await h.page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => card.isVisible().then((v) => (v ? card.innerText() : ''))).not.toContain(titles[0]!);
    expect(h.errors).toEqual([]);
    await h.close();

    // The recorder records the transport bureau's signature: the issue is replied through the lifecycle.
    await page.reload();
    await expect.poll(() => item(0).innerText()).toContain('住房和城乡建设局 承办人');
    await item(0).getByTestId('onsite-sign').click();
    await page.getByTestId('onsite-signer').fill('王志刚');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => item(0).innerText()).toContain('已答复');
    expect(await item(0).innerText()).toContain('王志刚（代记）');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'onsite-session.png'), fullPage: true });
    const timeline = await call<{ items: Array<{ type: string; data: { text?: string } }> }>(clerk, 'GET', `/api/v1/issues/${issues[0]!.id}/timeline`);
    expect(timeline.items.map((e) => e.type)).toEqual(expect.arrayContaining(['accept', 'assign', 'start', 'reply', 'onsite']));
    expect(timeline.items.find((e) => e.type === 'reply')!.data.text).toContain('现场解决');
    // The follow-up is the education bureau's, with the deadline on its clock.
    const edu = await call<{ followups: Array<{ issue: { id: number }; followup: { state: string } }> }>(await loginCookie('handler-jyj'), 'GET', '/api/v1/onsite-tasks');
    expect(edu.followups.find((f) => f.issue.id === issues[1]!.id)?.followup.state).toBe('running');

    // The printed record.
    await page.getByTestId('onsite-minutes').click();
    const minutes = page.getByTestId('minutes-sheet');
    await minutes.waitFor();
    const text = await minutes.innerText();
    expect(text).toContain('示例县住房和城乡建设局、示例县交通运输局');
    expect(text).toContain('副县长 陈建国');
    expect(text).toContain('3 项：现场解决 1，交办跟进 1，暂缓 0，未议 1');
    expect(text).toContain('示例县交通运输局（王志刚');
    expect(await page.getByTestId('minutes-followups').innerText()).toContain('示例县教育局');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'onsite-minutes.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // At phone size the session's page fits the screen.
    await page.goto(`${base}/activities/${session.id}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.getByTestId('onsite-item').count()).toBe(3);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'onsite-session-phone.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });
});
