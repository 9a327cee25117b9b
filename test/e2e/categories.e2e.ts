/**
 * Category keywords in real Chromium (issue 15): on 登记 the clerk types 排水 in the category picker and is offered the
 * municipal category, found by its keyword (shown in grey), on desk and phone; an administrator adds a keyword in the
 * categories tab and the picker then finds the category by it. Screenshots: docs/screenshots/category-keywords.png
 * (desk), category-keywords-phone.png (390×844).
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

/** Type into the intake's category picker; the search results' texts once they have settled. */
async function searchCategory(page: Page, text: string): Promise<string[]> {
  await page.goto(`${base}/intake`);
  await page.locator('#intake-category').waitFor();
  await page.locator('#intake-category').click();
  await page.keyboard.type(text);
  await page.waitForTimeout(400);
  return page.getByTestId('category-search-option').allInnerTexts();
}

describe('category keywords', () => {
  it('lets the clerk find the drainage category by typing 排水, on desk and phone', async () => {
    for (const [viewport, shot] of [[{ width: 1366, height: 900 }, 'category-keywords.png'], [{ width: 390, height: 844 }, 'category-keywords-phone.png']] as const) {
      const { page, errors, close } = await newPage(browser, viewport, { touch: viewport.width < 1000 });
      await loginAs(page, base, 'clerk');
      const found = await searchCategory(page, '排水');
      expect(found[0]).toMatch(/^城乡建设 \/ 城市建设和市政管理\s*关键词：排水$/);
      // The keyword is grey beside the path.
      const hint = page.getByTestId('category-search-option').first().locator('.yx-muted');
      expect(await hint.innerText()).toBe('关键词：排水');
      expect(await hint.evaluate((e) => getComputedStyle(e).color)).toBe('rgba(0, 0, 0, 0.45)');
      await page.screenshot({ path: path.join(SHOTS, shot) });
      await page.getByTestId('category-search-option').first().click();
      await expect.poll(() => page.locator('.ant-cascader').first().innerText()).toContain('城市建设和市政管理');
      // A name still finds by name (first), and a parent's name finds its children.
      expect((await searchCategory(page, '市政管理'))[0]).toBe('城乡建设 / 城市建设和市政管理');
      expect(await searchCategory(page, '劳动和社会保障')).toContain('劳动和社会保障 / 工资福利');
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('finds a category by a keyword an administrator adds in the categories tab', async () => {
    const word = '玻璃幕墙反光';
    const clerk = await newPage(browser);
    await loginAs(clerk.page, base, 'clerk');
    expect(await searchCategory(clerk.page, word)).toEqual([]);

    const admin = await newPage(browser);
    await loginAs(admin.page, base, 'admin');
    await admin.page.goto(`${base}/admin/categories`);
    await admin.page.getByPlaceholder('按名称或关键词搜索').fill('环境污染');
    const row = admin.page.getByTestId('categories-table').locator('tr', { hasText: '环境污染' }).last();
    await row.waitFor();
    expect(await row.innerText()).toContain('噪音');
    await row.getByRole('button', { name: /编\s?辑/ }).click();
    await admin.page.locator('#category-keywords').click();
    await admin.page.keyboard.type(word);
    await admin.page.keyboard.press('Enter');
    await admin.page.getByTestId('category-submit').click();
    await admin.page.locator('.ant-message').getByText('已保存').waitFor();
    await expect.poll(() => row.innerText()).toContain(word);
    // The tab's own search finds it by the keyword too.
    await admin.page.getByPlaceholder('按名称或关键词搜索').fill('幕墙');
    await expect.poll(() => admin.page.getByTestId('categories-table').innerText()).toContain('环境污染');
    expect(admin.errors).toEqual([]);
    await admin.close();

    // The clerk's next login loads the tree again.
    const again = await newPage(browser);
    await loginAs(again.page, base, 'clerk');
    const found = await searchCategory(again.page, word);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^环境保护 / 环境污染\\s*关键词：${word}$`));
    // In English the hint is English.
    await again.page.evaluate(() => localStorage.setItem('yx.lang', 'en'));
    expect((await searchCategory(again.page, '幕墙'))[0]).toMatch(new RegExp(`环境污染\\s*keyword: ${word}$`));
    expect([...clerk.errors, ...again.errors]).toEqual([]);
    await clerk.close();
    await again.close();
  });
});
