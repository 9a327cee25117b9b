/**
 * The audit log in the browser: a leader reveals petitioners, an inspector finds those views in 审计日志 by the
 * action 查看当事人, downloads the Excel export, and reads the same entries as cards on a phone; roles without the
 * log do not see it in the menu. Screenshots: docs/screenshots/audit.png (desk), audit-phone.png (390×844).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, loginAs, newPage, pickInSelect } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;
/** The issues whose petitioner the leader revealed. */
const revealed: { id: number; trackingCode: string }[] = [];

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

async function loginCookie(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'yixian-demo' }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('the audit log', () => {
  it('records a leader revealing petitioners', async () => {
    const cookie = await loginCookie('leader');
    const list = await (await fetch(`${base}/api/v1/issues?limit=100`, { headers: { cookie } })).json() as {
      items: { id: number; trackingCode: string; kind: string; anonymous: boolean; petitioner: unknown }[];
    };
    const candidates = list.items.filter((i) => !i.anonymous && i.petitioner && i.kind !== 'accusation').slice(0, 2);
    expect(candidates).toHaveLength(2);
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'leader');
    for (const issue of candidates) {
      await page.goto(`${base}/issues/${issue.id}`);
      await page.getByTestId('reveal-petitioner').click();
      await page.getByTestId('reveal-petitioner').waitFor({ state: 'detached' });
      revealed.push({ id: issue.id, trackingCode: issue.trackingCode });
    }
    // The leader has no audit log.
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('lets an inspector find the reveals by 查看当事人 and download them as Excel', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'inspector');
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    await pickInSelect(page, 'audit-filter-action', '查看当事人');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.searchParams.get('action') === 'petitioner.reveal');
    const rows = page.getByTestId('audit-table').getByTestId('audit-row');
    // The rows of the unfiltered page stay until the filtered page has come.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: '查看当事人' }).count()).toBe(2);
    const first = rows.filter({ hasText: revealed[1]!.trackingCode });
    expect(await first.textContent()).toContain('副县长 陈建国');
    expect(await first.textContent()).toContain('查看当事人');
    // The time is Beijing time: the date of today in Shanghai.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await first.textContent()).toContain(today);
    await page.getByTestId('audit-count').click(); // leave the select, so the screenshot shows the page as it stays
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'audit.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yx-audit-e2e-'));
    try {
      const file = path.join(dir, 'audit.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheet: unknown[][] = [];
      wb.getWorksheet('审计日志')!.eachRow((r) => sheet.push((r.values as unknown[]).slice(1)));
      expect(sheet[0]!.slice(0, 4)).toEqual(['时间', '操作人', '用户名', '操作']);
      expect(sheet.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([
        ['副县长 陈建国', '查看当事人', revealed[1]!.trackingCode],
        ['副县长 陈建国', '查看当事人', revealed[0]!.trackingCode],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The export is itself in the log; the object links to the issue.
    await pickInSelect(page, 'audit-filter-action', '导出审计日志');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.searchParams.get('action') === 'petitioner.reveal,audit.export');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.filter({ hasText: '导出审计日志' }).waitFor();
    await rows.filter({ hasText: revealed[0]!.trackingCode }).getByTestId('audit-issue-link').click();
    await page.waitForURL((u) => u.pathname === `/issues/${revealed[0]!.id}`);

    // In English.
    await page.goto(`${base}/audit?action=petitioner.reveal`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Audit log', { exact: true }).first().waitFor();
    await rows.filter({ hasText: 'View petitioner' }).first().waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the entries as cards on a phone (390×844), without sideways scrolling', async () => {
    const { page, errors, close } = await newPage(browser, { width: 390, height: 844 });
    await loginAs(page, base, 'inspector');
    await page.goto(`${base}/audit?action=petitioner.reveal,audit.export`);
    const cards = page.getByTestId('audit-cards').getByTestId('audit-row');
    await cards.filter({ hasText: revealed[0]!.trackingCode }).waitFor();
    await expect.poll(() => cards.count()).toBe(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'audit-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('is not in the menu of a clerk, and the screen says so', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.getByTestId('menu-imports').waitFor();
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    await page.goto(`${base}/audit`);
    await page.getByTestId('audit-forbidden').waitFor();
    expect(await page.getByTestId('audit-forbidden').textContent()).toContain('只有系统管理员和督查可以查看审计日志');
    expect(errors).toEqual([]);
    await close();
  });
});
