/** Scope and accounts in the browser: out-of-scope links look like missing ones; an admin-made user can log in. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, loginAs, newPage } from './browser.ts';

let browser: Browser;
let base: string;
beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

async function api<T>(path: string, cookie: string): Promise<T> {
  const r = await fetch(base + path, { headers: { cookie } });
  return (await r.json()) as T;
}
async function loginCookie(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'yixian-demo' }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('access in the browser', () => {
  it('shows a township cadre "not found" for another township\'s issue', async () => {
    const clerk = await loginCookie('clerk');
    const units = await api<{ items: { id: number; name: string }[] }>('/api/v1/org-units', clerk);
    const eastLake = units.items.find((u) => u.name === '湖滨社区')!.id;
    const list = await api<{ items: { id: number; orgUnitId: number }[] }>(`/api/v1/issues?unitId=${eastLake}&limit=1`, clerk);
    const foreign = list.items[0]!.id;
    const { page, close } = await newPage(browser);
    await loginAs(page, base, 'cadre');
    await page.goto(`${base}/issues/${foreign}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByText('页面不存在，或您无权查看该问题').count()).toBe(1);
    await close();
  });

  it('sends a visitor without a session to the login page and back', async () => {
    const { page, errors, close } = await newPage(browser);
    await page.goto(`${base}/issues?overdue=true`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('#login-username').fill('leader');
    await page.locator('#login-password').fill('yixian-demo');
    await page.locator('#login-password').press('Enter');
    await page.waitForURL((u) => u.pathname === '/issues' && u.search.includes('overdue=true'));
    expect(errors).toEqual([]);
    await close();
  });

  it('rejects a wrong password with a clear message', async () => {
    const { page, close } = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.locator('#login-username').fill('clerk');
    await page.locator('#login-password').fill('wrong-password');
    await page.locator('#login-password').press('Enter');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await close();
  });

  it('lets an admin create a user who can then log in and set a password', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'admin');
    await page.goto(`${base}/admin/users`);
    await page.getByTestId('admin-new-user').click();
    await page.locator('#user-username').fill('e2e-clerk');
    await page.locator('#user-displayName').fill('端到端 王芳');
    await page.locator('#user-password').fill('Start-pass-2026');
    await page.locator('#user-role-0').focus();
    await page.keyboard.type('信访');
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await page.locator('#user-unit-0').focus();
    await page.keyboard.type('示例县信访局');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-submit').click();
    await page.getByText('e2e-clerk').first().waitFor();
    expect(errors).toEqual([]);
    await close();

    const second = await newPage(browser);
    await loginAs(second.page, base, 'e2e-clerk', 'Start-pass-2026');
    await second.page.locator('#password-old').fill('Start-pass-2026');
    await second.page.locator('#password-new').fill('Own-pass-2026');
    await second.page.locator('#password-confirm').fill('Own-pass-2026');
    await second.page.getByTestId('password-submit').click();
    await second.page.locator('#password-old').waitFor({ state: 'hidden' });
    await second.page.getByTestId('workbench').waitFor();
    expect(second.errors).toEqual([]);
    await second.close();
  });
});

describe('on a tablet (1024×768)', () => {
  it.each(['/', '/issues', '/intake', '/hotspots', '/admin/users'])('%s fits the width and logs no errors', async (route) => {
    const { page, errors, close } = await newPage(browser, { width: 1024, height: 768 });
    await loginAs(page, base, 'admin');
    if (route !== '/') await page.goto(base + route);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('administration', () => {
  it('disables and re-enables a category from the categories screen', async () => {
    const { page, errors, close } = await newPage(browser);
    await loginAs(page, base, 'admin');
    await page.goto(`${base}/admin/categories`);
    const table = page.getByTestId('categories-table');
    const row = table.locator('tr', { hasText: '交通运输' }).first();
    await row.waitFor();
    await row.getByRole('button', { name: '停 用' }).or(row.getByRole('button', { name: '停用' })).first().click();
    await page.locator('.ant-popconfirm').getByRole('button').last().click();
    await row.getByRole('button', { name: /启\s?用/ }).waitFor();
    await row.getByRole('button', { name: /启\s?用/ }).click();
    await row.getByRole('button', { name: /停\s?用/ }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});

describe('an expired session', () => {
  it('asks to log in again in place and keeps the half-written intake form', async () => {
    const { page, close } = await newPage(browser);
    await loginAs(page, base, 'clerk');
    await page.goto(`${base}/intake`);
    await page.locator('#intake-body').fill('会话过期测试：北门社区下水道堵塞，污水外溢。');
    await page.locator('#intake-place').focus();
    await page.keyboard.type('北门社区');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    // The session ends behind the clerk's back (expired, or logged out elsewhere).
    await page.context().clearCookies();
    await page.getByTestId('intake-submit').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登录已过期' });
    await dialog.waitFor();
    await dialog.locator('input[type="password"]').fill('yixian-demo');
    await dialog.locator('input[type="password"]').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#intake-body').inputValue()).toContain('会话过期测试');
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('intake-created-link').waitFor();
    await close();
  });
});
