/**
 * The path of one issue through the staff app, in real Chromium: a clerk registers it by keyboard and
 * assigns it, the department handler replies, the clerk calls back and closes it, and the timeline shows
 * every step. Screenshots of the main screens are saved to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { focusedId, launch, loginAs, newPage, pickInSelect } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;
let issuePath = '';
const TITLE = '端到端测试：解放路社区路灯损坏';

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

/** Press Tab until the element with this id has focus (the keyboard alone). */
async function tabTo(page: Page, id: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with Tab; focus is on #${await focusedId(page)}`);
}

/** Open an action's dialog, let `fill` fill it, submit, and wait for the dialog to close. */
async function act(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await fill(page);
  await page.getByTestId('action-submit').click();
  await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
  await page.getByTestId(`action-${action}`).waitFor({ state: 'detached' }).catch(() => undefined);
}

describe('one issue from intake to closing', () => {
  it('a clerk registers an issue with the keyboard alone', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    // The workbench: counts loaded and the lazily loaded trend chart drawn.
    await page.getByTestId('workbench').waitFor();
    await page.locator('[data-testid="count-overdue"] .ant-statistic-content-value').waitFor();
    await page.locator('[data-testid="workbench-trend"] svg').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'workbench.png') });
    await page.goto(`${base}/intake`);
    await page.waitForSelector('#intake-channel');
    expect(await focusedId(page)).toBe('intake-channel');
    await page.keyboard.type('来信');
    await page.keyboard.press('Enter');
    await tabTo(page, 'intake-kind');
    await page.keyboard.type('投诉');
    await page.keyboard.press('Enter');
    await tabTo(page, 'intake-name');
    await page.keyboard.type('李秀英');
    await tabTo(page, 'intake-phone');
    await page.keyboard.type('13912345678');
    await tabTo(page, 'intake-title');
    await page.keyboard.type(TITLE);
    await tabTo(page, 'intake-body');
    await page.keyboard.type('解放路社区门口三盏路灯坏了半个月，晚上老人出行摔倒，请尽快维修。');
    await tabTo(page, 'intake-place');
    await page.keyboard.type('解放路社区');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await tabTo(page, 'intake-category');
    await page.keyboard.type('市政管理');
    await page.waitForTimeout(300);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: path.join(SHOTS, 'intake.png') });
    await page.keyboard.press('Control+Enter');
    const created = page.getByTestId('intake-created-link');
    await created.waitFor();
    expect(await created.textContent()).toMatch(/^YX-\d{4}-\d{6}$/);
    issuePath = (await created.getAttribute('href'))!;
    expect(issuePath).toMatch(/^\/issues\/\d+$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('the clerk accepts and assigns it to the housing department', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(base + issuePath);
    await page.getByText(TITLE).first().waitFor();
    // what was typed at intake arrived: place and category
    await page.getByText('城市建设和市政管理').first().waitFor();
    expect(await page.getByText('解放路社区').count()).toBeGreaterThan(0);
    await act(page, 'accept');
    await act(page, 'assign', (p) => pickInSelect(p, 'action-unit', '住房和城乡建设局'));
    await page.getByTestId('action-assign').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await close();
  });

  it('the handler starts and replies', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'handler');
    await page.goto(base + issuePath);
    await act(page, 'start', (p) => p.locator('#action-note').fill('已电话联系李女士，约定明天现场查看'));
    await act(page, 'reply', async (p) => {
      await p.locator('#action-outcome').getByText('支持', { exact: true }).click();
      await p.locator('#action-text').fill('经现场核实，三盏路灯已更换，恢复照明。');
    });
    expect(errors).toEqual([]);
    await close();
  });

  it('the clerk calls back and closes it; the timeline shows every step', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(base + issuePath);
    await act(page, 'callback', async (p) => {
      await p.locator('#action-resolved').getByText('是').click();
      await p.locator('#action-satisfaction').getByText('满意', { exact: true }).click();
    });
    await act(page, 'close');
    const timeline = page.getByTestId('timeline');
    await timeline.locator('[data-event-type="close"]').waitFor();
    const types = await timeline.locator('[data-event-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(types).toEqual(['create', 'accept', 'assign', 'start', 'reply', 'callback', 'close']);
    await page.screenshot({ path: path.join(SHOTS, 'issue-detail.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('the ledger lists it, filtered by text, with the filter in the URL', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/issues?q=${encodeURIComponent('端到端测试')}`);
    const table = page.getByTestId('ledger-table');
    await table.getByText(TITLE).waitFor();
    await page.goto(`${base}/issues`);
    await table.locator('tbody tr').nth(5).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'ledger.png') });
    expect(errors).toEqual([]);
    await close();
  });
});
