/**
 * What the screens say (issue 13), in real Chromium: units and places by name (the handler's workbench, the
 * timeline's 所在地), the workbench's labelled dates, the ledger's total, the intake title's cap with the help panels
 * still answering, and Beijing time in a browser set to New York. Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, newPage, pickInSelect } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const PHONE = { width: 390, height: 844 };
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

interface IssueJson { id: number; version: number; trackingCode: string; receivedAt: string; orgUnitName: string }

/** Call the API from the page, as the app does (same origin, the session cookie). */
async function api<T>(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const r = await page.evaluate(async ([m, u, b]) => {
    const res = await fetch(u as string, { method: m as string, headers: b === undefined ? {} : { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, text: await res.text() };
  }, [method, url, body] as const);
  expect(r.status, `${method} ${url}: ${r.text}`).toBeLessThan(300);
  return JSON.parse(r.text) as T;
}

/** The clerk's unit ids by name. */
async function unitIds(page: Page): Promise<Map<string, number>> {
  const units = await api<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/v1/org-units');
  return new Map(units.items.map((u) => [u.name, u.id]));
}

/** Beijing wall time of now, `YYYY-MM-DD HH:mm`. */
const beijingNow = (ms = Date.now()) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('what the screens say', () => {
  let assigned: IssueJson;

  it('the handler\'s workbench names the place and the unit, and labels the received and updated dates', async () => {
    // A letter received on 2026-05-01, registered and assigned to the housing bureau today.
    const clerk = await newPage(browser);
    await loginAs(clerk.page, base, 'clerk');
    const ids = await unitIds(clerk.page);
    let issue = await api<IssueJson>(clerk.page, 'POST', '/api/v1/issues', {
      title: '界面测试：解放路社区井盖松动', body: '解放路社区门口井盖松动，车辆经过声响很大，夜里影响休息。', channel: 'letter', kind: 'complaint',
      orgUnitId: ids.get('解放路社区'), receivedAt: '2026-05-01T10:00:00+08:00',
    });
    for (const body of [{ action: 'accept' }, { action: 'assign', unitId: ids.get('示例县住房和城乡建设局') }]) {
      issue = await api<IssueJson>(clerk.page, 'POST', `/api/v1/issues/${issue.id}/transitions`, { version: issue.version, ...body });
    }
    assigned = issue;
    await clerk.close();

    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'handler');
    await page.getByTestId('workbench').waitFor();
    const row = page.locator('.ant-list-item', { has: page.getByRole('link', { name: issue.trackingCode }) }).first();
    const meta = row.getByTestId('workbench-item-meta');
    await meta.waitFor();
    const text = (await meta.textContent())!;
    expect(text).toContain('来信 · 解放路社区 → 示例县住房和城乡建设局');
    expect(text).not.toMatch(/#\d/);
    expect(await row.getByTestId('workbench-item-received').textContent()).toBe('收到 2026-05-01');
    expect(await row.getByTestId('workbench-item-updated').textContent()).toMatch(new RegExp(`^更新 ${beijingNow().slice(0, 10)} \\d\\d:\\d\\d$`));
    // no unit anywhere on the workbench is shown by its id
    expect(await page.getByTestId('workbench').textContent()).not.toMatch(/#\d/);
    // The trend chart is a lazily loaded chunk: the screenshot waits for it.
    await page.locator('[data-testid="workbench-trend"] svg').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'workbench-dates.png') });
    await page.setViewportSize(PHONE);
    await meta.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'workbench-dates-phone.png') });
    expect(errors).toEqual([]);
    await close();
  });

  it('the timeline names the place for a handler, whose unit list does not hold it', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'handler');
    await page.goto(`${base}/issues/${assigned.id}`);
    const timeline = page.getByTestId('timeline');
    const place = timeline.locator('[data-event-type="create"] [data-field="orgUnitId"] dd');
    await place.waitFor();
    expect(await place.textContent()).toBe('解放路社区');
    expect(await timeline.locator('[data-event-type="assign"] [data-field="unitName"] dd').textContent()).toBe('示例县住房和城乡建设局');
    expect(await page.getByTestId('issue-detail').textContent()).not.toMatch(/#\d/);
    expect(errors).toEqual([]);
    await close();
  });

  it('the ledger says how many issues the filters give', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/issues`);
    const total = page.getByTestId('ledger-total');
    await total.waitFor();
    const all = await api<{ total: number; totalExact: boolean }>(page, 'GET', '/api/v1/issues?limit=1');
    expect(await total.getAttribute('data-total')).toBe(String(all.total));
    expect(await total.textContent()).toBe(all.totalExact
      ? `共 ${all.total.toLocaleString('zh-CN')} 条 · `
      : `超过 ${all.total.toLocaleString('zh-CN')} 条（只计数到 ${all.total.toLocaleString('zh-CN')} 条，未精确统计） · `);
    expect(await page.getByTestId('ledger-count').textContent()).toContain('已显示 50 条');
    // a search: the total follows the filter
    await page.getByTestId('ledger-filter-q').fill('井盖');
    await page.getByTestId('ledger-filter-q').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '井盖');
    const found = await api<{ total: number; totalExact: boolean }>(page, 'GET', `/api/v1/issues?q=${encodeURIComponent('井盖')}&sort=relevance&limit=1`);
    expect(found.totalExact).toBe(true);
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(all.total);
    await page.locator(`[data-testid="ledger-total"][data-total="${found.total}"]`).waitFor();
    expect(await total.textContent()).toBe(`共 ${found.total.toLocaleString('zh-CN')} 条 · `);
    await page.screenshot({ path: path.join(SHOTS, 'ledger-total.png') });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'ledger-total-phone.png') });
    expect(errors).toEqual([]);
    await close();
  });

  it('intake caps the title, says briefly when a title is too long, and the help panels still answer', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/intake`);
    const title = page.locator('#intake-title');
    await title.waitFor();
    await title.fill('路灯'.repeat(5_000)); // 10,000 characters pasted
    expect([...(await title.inputValue())]).toHaveLength(200);
    expect(await page.locator('.ant-input-affix-wrapper', { has: title }).locator('.ant-input-show-count-suffix').textContent()).toBe('200 / 200');
    await page.locator('#intake-body').fill('解放路社区门口三盏路灯坏了半个月，晚上老人出行摔倒，请尽快维修。');
    await page.locator('[data-testid="intake-suggestions"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="intake-similar"][data-state="ready"]').waitFor();
    expect(await page.getByText(/推荐暂不可用|查重暂不可用/).count()).toBe(0);

    // A draft from before the cap holds a longer title: the help still answers (only what the API takes is sent),
    // and registering it says which field, briefly.
    await page.evaluate(() => {
      const raw = sessionStorage.getItem('yx.intake.draft') ?? '{}';
      sessionStorage.setItem('yx.intake.draft', JSON.stringify({ ...JSON.parse(raw), title: '井盖'.repeat(5_000) }));
    });
    await page.reload();
    await title.waitFor();
    await page.waitForFunction(() => (document.querySelector('#intake-title') as HTMLInputElement | null)?.value.length === 10_000);
    await page.locator('[data-testid="intake-suggestions"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="intake-similar"][data-state="ready"]').waitFor();
    await page.getByTestId('intake-submit').click();
    const explain = page.locator('.ant-form-item', { has: title }).locator('.ant-form-item-explain-error');
    await explain.waitFor();
    expect(await explain.textContent()).toBe('标题不能超过 200 个字符');
    expect(await page.getByText(/推荐暂不可用|查重暂不可用/).count()).toBe(0);
    await page.evaluate(() => sessionStorage.removeItem('yx.intake.draft'));
    expect(errors).toEqual([]);
    await close();
  });

  it('a browser in New York registers in Beijing time, and the lists show the same wall time', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`page: ${String(e)}`));
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/intake`);
    const received = page.locator('#intake-received');
    await received.waitFor();
    // the picker starts at Beijing's now, not New York's (13 hours behind)
    const before = Date.now();
    const shown = await received.inputValue();
    expect([beijingNow(before - 60_000), beijingNow(before), beijingNow(Date.now())]).toContain(shown);
    await page.locator('#intake-title').fill('界面测试：纽约时区登记的来电');
    await page.locator('#intake-body').fill('东关村村口排水沟堵塞，下雨时积水漫到路面，请尽快疏通。');
    await pickInSelect(page, 'intake-place', '东关村');
    await received.click();
    await received.press('Control+a');
    await received.pressSequentially('2026-03-01 09:30');
    // the panel follows what was typed (Enter would also submit the form: the OK button confirms the time alone)
    const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await panel.locator('.ant-picker-cell-selected[title="2026-03-01"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'intake-timezone.png') });
    await panel.locator('.ant-picker-ok button').click();
    await panel.waitFor({ state: 'hidden' });
    expect(await received.inputValue()).toBe('2026-03-01 09:30');
    expect(await page.getByTestId('intake-created').count()).toBe(0);
    await page.getByTestId('intake-submit').click();
    const link = page.getByTestId('intake-created-link');
    await link.waitFor();
    const id = Number((await link.getAttribute('href'))!.split('/').pop());
    const issue = await api<IssueJson>(page, 'GET', `/api/v1/issues/${id}`);
    expect(issue.receivedAt).toBe('2026-03-01T01:30:00.000Z');
    // the detail and the ledger show the same Beijing wall time
    await page.goto(`${base}/issues/${id}`);
    await page.getByText(`收到时间 2026-03-01 09:30`).first().waitFor();
    await page.goto(`${base}/issues?q=${issue.trackingCode}`);
    await page.getByTestId('ledger-table').getByText(issue.trackingCode).waitFor();
    expect(await page.getByTestId('ledger-table').textContent()).toContain('2026-03-01 09:30');
    expect(errors).toEqual([]);
    await context.close();
  });
});
