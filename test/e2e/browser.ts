/** Real Chromium for end-to-end tests and screenshots: Debian's `chromium`, driven by playwright-core. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install chromium fonts-wqy-microhei`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch headless Chromium with the flags this sandbox needs. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-wqy-microhei`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Log in through the login form. */
export async function loginAs(page: Page, baseUrl: string, username: string, password = 'yixian-demo'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-password').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * A page that records console errors and failed requests (every e2e test asserts there were none). `touch`: a phone's
 * touch screen without hover (`isMobile`, `hasTouch`: `(pointer: coarse)` matches).
 */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 900 }, { touch = false } = {}): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...(touch ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${String(e)}`));
  return { page, errors, close: () => context.close() };
}

/** The id of the focused element. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Choose an option of a searchable Select by typing its text and pressing Enter, as a keyboard user would. */
export async function pickInSelect(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).focus();
  await page.keyboard.type(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}
