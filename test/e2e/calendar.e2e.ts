/**
 * The holiday calendar in real Chromium: while a year the clocks need has no public holidays entered (the demo county has
 * 2024–2026; 2027 is not announced yet), the administrator's calendar tab warns that its deadlines count only weekends,
 * and its button goes to that year; the workbench says so too. Screenshots: docs/screenshots/calendar-warning.png (desk),
 * calendar-warning-phone.png, workbench-calendar-warning.png.
 * The years come from the API's coverage, so the check holds on any date.
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

describe('calendar', () => {
  it('warns an administrator about a year with no holidays entered, on desk and phone', async () => {
    for (const [viewport, shot] of [[{ width: 1366, height: 900 }, 'calendar-warning.png'], [{ width: 390, height: 844 }, 'calendar-warning-phone.png']] as const) {
      const { page, errors, close } = await newPage(browser, viewport);
      await loginAs(page, base, 'admin');
      const coverage = await page.evaluate(async () => (await fetch('/api/v1/calendar/coverage')).json() as Promise<{ missingYears: number[]; warning: string | null }>);
      expect(coverage.missingYears.length).toBeGreaterThan(0);
      const first = coverage.missingYears[0]!;
      await page.goto(`${base}/admin/calendar`);
      const warning = page.getByTestId('calendar-coverage-warning');
      await warning.waitFor();
      const text = await warning.innerText();
      expect(text).toContain(`${coverage.missingYears.join('、')} 年节假日尚未录入`);
      expect(text).toContain('期限按双休日计算');
      expect(text).toContain('请在国务院办公厅公布后录入');
      // Its button shows that year: no holiday marked, weekends only.
      await page.getByTestId('calendar-coverage-year').click();
      await expect.poll(() => page.getByTestId('calendar-year').innerText()).toBe(String(first));
      await page.getByText(`${first} 年尚未登记节假日`).waitFor();
      expect(await page.getByTestId('calendar-months').locator('button[data-type="holiday"]').count()).toBe(0);
      expect(await page.getByTestId('calendar-coverage-year').count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, shot), fullPage: viewport.width > 1000 });
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('warns an administrator on the workbench too, with a link to the calendar', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'admin');
    const coverage = await page.evaluate(async () => (await fetch('/api/v1/calendar/coverage')).json() as Promise<{ missingYears: number[]; warning: string }>);
    await page.goto(`${base}/`);
    const warning = page.getByTestId('workbench-calendar-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(coverage.warning);
    await page.screenshot({ path: path.join(SHOTS, 'workbench-calendar-warning.png') });
    await warning.getByRole('link').click();
    await page.waitForURL((u) => u.pathname === '/admin/calendar');
    await page.getByTestId('calendar-coverage-warning').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('says nothing to those who are not administrators (the coverage is theirs)', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    expect(await page.evaluate(async () => (await fetch('/api/v1/calendar/coverage')).status)).toBe(403);
    await page.getByTestId('workbench').waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('workbench-calendar-warning').count()).toBe(0);
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await close();
  });
});
