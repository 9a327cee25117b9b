/**
 * The language features in real Chromium: a ledger search with the hits marked, intake that finds the issue being
 * typed again (and, once the models are trained, suggests its category), linking the new issue as a repeat, and the
 * hot-spots screen. Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { APIRequestContext, Browser } from 'playwright-core';
import { launch, loginAs, newPage } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

interface Listed { id: number; trackingCode: string; title: string; body: string; statusType: string; orgUnitId: number }

async function json<T>(request: APIRequestContext, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const r = method === 'GET' ? await request.get(base + url) : await request.post(base + url, { data });
  expect(r.status(), `${method} ${url}`).toBeLessThan(300);
  return (await r.json()) as T;
}

describe('search, suggestions, similar issues and hot spots', () => {
  it('the ledger search marks the hits of a two-character term', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/issues`);
    await page.getByTestId('ledger-table').locator('tbody tr').nth(3).waitFor();
    await page.getByTestId('ledger-filter-q').fill('路灯');
    await page.getByTestId('ledger-filter-q').press('Enter');
    // starting a search orders by relevance, in the URL like every other filter
    await page.waitForURL((u) => u.searchParams.get('q') === '路灯' && u.searchParams.get('sort') === 'relevance');
    const snippet = page.getByTestId('ledger-snippet').first();
    await snippet.waitFor();
    expect(await snippet.locator('mark').first().textContent()).toBe('路灯');
    // the title has the term marked too, on every row that matched
    const rows = page.getByTestId('ledger-match');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().locator(':scope > span mark').first().textContent()).toBe('路灯');
    expect(await page.getByTestId('ledger-sort').textContent()).toContain('相关度');
    await page.screenshot({ path: path.join(SHOTS, 'ledger-search.png') });
    // clearing the search leaves relevance for the default order
    await page.getByTestId('ledger-clear').click();
    await page.waitForURL((u) => !u.searchParams.has('q') && !u.searchParams.has('sort'));
    expect(errors).toEqual([]);
    await close();
  });

  it('intake finds the issue typed again, links the new one as a repeat, and the link shows on its page', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    const request = page.context().request;
    // An open issue of the demo county whose own text finds it among the top five similar ones (the demo repeats
    // some texts many times; any of those would do, but the test wants to see this very issue).
    const open = (await json<{ items: Listed[] }>(request, 'GET', '/api/v1/issues?status=registered,accepted,assigned,in_progress&limit=30')).items;
    const units = (await json<{ items: { id: number; code: string }[] }>(request, 'GET', '/api/v1/org-units')).items;
    let target: Listed | undefined;
    for (const i of open.filter((x) => x.body.length >= 8)) {
      const similar = await json<{ items: { id: number }[] }>(request, 'POST', '/api/v1/issues/similar', { title: i.title, body: i.body, orgUnitId: i.orgUnitId, limit: 5 });
      if (similar.items.some((s) => s.id === i.id)) { target = i; break; }
    }
    expect(target, 'an open demo issue that its own text finds').toBeDefined();
    const code = units.find((u) => u.id === target!.orgUnitId)!.code;

    await page.goto(`${base}/intake`);
    await page.waitForSelector('#intake-body');
    await page.locator('#intake-title').fill(target!.title);
    await page.locator('#intake-body').fill(target!.body);
    await page.locator('#intake-place').focus();
    await page.keyboard.type(code);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const similarCard = page.getByTestId('intake-similar');
    const item = similarCard.locator(`[data-testid="similar-item"][data-issue-id="${target!.id}"]`);
    // asked again once the place is chosen: now it is at the same place
    await item.getByTestId('badge-same-place').waitFor();
    expect(await item.textContent()).toContain('相似度');
    await item.getByTestId('similar-link-repeat').click();
    const choice = page.getByTestId('intake-choice');
    await choice.waitFor();
    expect(await choice.getAttribute('data-action')).toBe('repeat');
    expect(await choice.textContent()).toContain(target!.trackingCode);

    // Suggestions: a note while no model is trained; once one is, clicking a category sets the field.
    const suggestions = page.getByTestId('intake-suggestions');
    await page.locator('[data-testid="intake-suggestions"][data-state="ready"], [data-testid="intake-suggestions"][data-state="error"]').waitFor();
    expect(await suggestions.getAttribute('data-state')).toBe('ready');
    const suggested = suggestions.getByTestId('suggested-category');
    if (await suggested.count() > 0) {
      const pick = suggested.nth(Math.min(1, (await suggested.count()) - 1));
      const name = (await pick.getAttribute('data-category-name'))!;
      await pick.click();
      const field = page.locator('.ant-form-item').filter({ has: page.locator('#intake-category') });
      await expect.poll(() => field.innerText()).toContain(name);
      // the similar list follows the category; the chosen link stays
      await choice.waitFor();
    } else {
      await suggestions.getByTestId('suggest-no-model').waitFor();
    }
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'intake-suggestions.png') });

    await page.getByTestId('intake-submit').click();
    const created = page.getByTestId('intake-created-link');
    await created.waitFor();
    expect(await page.getByTestId('intake-choice').count()).toBe(0);
    await page.goto(base + (await created.getAttribute('href'))!);
    const related = page.getByTestId('issue-related');
    const link = related.locator(`[data-testid="issue-link"][data-issue-id="${target!.id}"]`);
    await link.waitFor();
    expect(await link.getAttribute('data-kind')).toBe('repeat');
    await page.getByTestId('timeline').locator('[data-event-type="linked"]').waitFor();
    expect(await page.getByTestId('timeline').locator('[data-event-type="linked"]').textContent()).toContain(target!.trackingCode);
    expect(errors).toEqual([]);
    await close();
  });

  it('the hot spots screen ranks places and categories and opens the ledger filtered to one', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'leader');
    await page.getByTestId('menu-hotspots').click();
    const rows = page.getByTestId('hotspots-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().getByTestId('sparkline').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'hotspots.png') });
    // the township level and another window are one click each, and live in the URL
    await page.getByTestId('hotspots-level').getByText('乡镇 / 街道').click();
    await page.waitForURL((u) => u.searchParams.get('level') === 'township');
    await rows.first().waitFor();
    await rows.first().getByTestId('hotspot-ledger-link').click();
    await page.waitForURL((u) => u.pathname === '/issues' && u.searchParams.has('unitId') && /^\d{4}-\d{2}-\d{2}$/.test(u.searchParams.get('from') ?? ''));
    await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
