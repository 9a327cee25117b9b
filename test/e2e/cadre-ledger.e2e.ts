/**
 * The 四下基层 ledger in real Chromium (issue 17): a leader opens it for the county over the demo's year, reads the
 * cadres' and the units' outcomes and the places not reached, narrows it to a township, and exports the sheet.
 * Reception days: the public schedule on a phone, and a held one with the petitions it received. Screenshots in
 * docs/screenshots: cadre-ledger.png, cadre-ledger-phone.png, reception-schedule-phone.png, reception-detail.png. 包案: a
 * clerk names the owning leader on an issue, who finds it on the workbench: issue-owner.png, workbench-owned.png.
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

const year = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

describe('the cadre ledger', () => {
  it('is read by a leader for the county and a township, and exported', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'leader');
    const from = year(Date.now() - 365 * 86_400_000);
    const to = year(Date.now());
    await page.getByTestId('menu-cadre-ledger').click();
    await page.waitForURL(/\/cadre-ledger/);
    await page.goto(`${base}/cadre-ledger?from=${from}&to=${to}`);
    const total = page.getByTestId('cadre-ledger-total');
    await expect.poll(() => total.innerText()).toContain('示例县');
    const api = await page.evaluate(async (q) => (await fetch(`/api/v1/cadre-ledger?${q}`)).json() as Promise<{ total: { issues: number; resolved: number; activityTotal: number }; cadres: unknown[]; unreached: unknown[] }>, `from=${from}&to=${to}`);
    expect(api.total.activityTotal).toBeGreaterThan(20);
    expect(api.total.resolved).toBeGreaterThan(0);
    expect(api.total.resolved).toBeLessThanOrEqual(api.total.issues);
    const text = await total.innerText();
    expect(text).toContain(`听到的问题 ${api.total.issues}`);
    expect(text).toContain(`已解决 ${api.total.resolved}`);
    await expect.poll(() => page.getByTestId('ledger-cadres').locator('tbody tr.ant-table-row').count()).toBe(api.cadres.length);
    await page.screenshot({ path: path.join(SHOTS, 'cadre-ledger.png'), fullPage: true });
    await page.getByRole('tab', { name: /未走到/ }).click();
    expect(await page.getByRole('tab', { name: /未走到/ }).innerText()).toContain(String(api.unreached.length));
    // The export is the same ledger as a workbook.
    const download = page.waitForEvent('download');
    await page.getByTestId('cadre-ledger-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^四下基层台账-示例县-.*\.xlsx$/);
    // One township: its own villages only.
    const town = await page.evaluate(async () => ((await (await fetch('/api/v1/org-units')).json()) as { items: Array<{ id: number; name: string }> }).items.find((u) => u.name === '城关镇')?.id);
    expect(town).toBeGreaterThan(0);
    {
      await page.goto(`${base}/cadre-ledger?from=${from}&to=${to}&unitId=${town}`);
      await expect.poll(() => total.innerText()).toContain('城关镇');
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'cadre-ledger-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('reception days', () => {
  it('are published for residents on a phone, and a held one lists the petitions received there', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const pub = await ctx.newPage();
    await pub.goto(`${base}/reception/demo`);
    const body = await pub.locator('body').innerText();
    expect(body).toContain('示例县领导接访安排');
    expect(body).toContain('县信访局接待大厅');
    expect(body).toContain('公开接访');
    expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await pub.screenshot({ path: path.join(SHOTS, 'reception-schedule-phone.png'), fullPage: true });
    await ctx.close();

    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'leader');
    const held = await page.evaluate(async () => {
      const r = await (await fetch('/api/v1/activities?kind=reception&status=done&limit=100')).json() as { items: Array<{ id: number; issueCount: number }> };
      return r.items.find((a) => a.issueCount > 0)!;
    });
    await page.goto(`${base}/activities/${held.id}`);
    await expect.poll(() => page.getByTestId('activity-detail').innerText()).toContain('预约接访');
    await expect.poll(() => page.getByTestId('activity-issues').locator('tbody tr.ant-table-row').count()).toBe(held.issueCount);
    await page.screenshot({ path: path.join(SHOTS, 'reception-detail.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('包案', () => {
  it('a clerk names the owning leader on an issue; the leader finds it on the workbench and in the filtered ledger', async () => {
    const clerkPage = await newPage(browser);
    const { page } = clerkPage;
    await loginAs(page, base, 'clerk');
    const target = await page.evaluate(async () => {
      const r = await (await fetch('/api/v1/issues?status=accepted,assigned,in_progress&limit=50')).json() as { items: Array<{ id: number; owner: unknown; trackingCode: string }> };
      return r.items.find((i) => !i.owner)!;
    });
    await page.goto(`${base}/issues/${target.id}`);
    await page.getByTestId('owner-edit').click();
    await page.getByTestId('owner-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '陈建国' }).first().click();
    await expect.poll(() => page.getByTestId('issue-owner').innerText()).toContain('陈建国');
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('指定包案领导');
    await page.screenshot({ path: path.join(SHOTS, 'issue-owner.png'), fullPage: true });
    expect(clerkPage.errors).toEqual([]);
    await clerkPage.close();

    const { page: lp, errors, close } = await newPage(browser);
    await loginAs(lp, base, 'leader');
    const card = lp.getByTestId('workbench-owned');
    await expect.poll(() => card.innerText()).toContain('我包案的问题');
    await card.getByRole('link', { name: /全部/ }).click();
    await lp.waitForURL(/\/issues\?ownerId=\d+/);
    await lp.getByTestId('ledger-filter-owner').waitFor();
    const codes = await lp.evaluate(async (q) => ((await (await fetch(`/api/v1/issues?${q}&limit=200`)).json()) as { items: Array<{ trackingCode: string }> }).items.map((i) => i.trackingCode), new URL(lp.url()).search.slice(1));
    expect(codes).toContain(target.trackingCode);
    await lp.goto(`${base}/`);
    await expect.poll(() => card.innerText()).toContain('我包案的问题');
    await lp.screenshot({ path: path.join(SHOTS, 'workbench-owned.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
