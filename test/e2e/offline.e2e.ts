/**
 * Field capture with no signal, on a phone (390×844) in real Chromium (issue 17): the service worker has the app; the
 * browser goes offline; the cadre reopens the app, records an issue found in the field (with a photo) and an activity;
 * both wait as "待上传 2 条"; a third record's place is one the cadre may no longer use. Back online, the two arrive in
 * the ledger once each — the first over a link that drops the server's answer, so the phone sends it again with the
 * same key — and the third stays on the phone with the server's reason. Screenshots: field-offline-phone.png,
 * outbox-phone.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

const wall = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
// A 1×1 PNG: the photo taken in the field.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function count(page: Page, url: string): Promise<number> {
  return page.evaluate(async (u) => ((await (await fetch(u)).json()) as { items: unknown[] }).items.length, url);
}

describe('field capture offline', () => {
  it('keeps an issue and an activity on the phone with no signal and sends each once when it returns', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page: ${String(e)}`));
    // Offline, the browser itself reports each request it could not make; anything else is an error of ours.
    page.on('console', (m) => { if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(m.text())) errors.push(`console: ${m.text()}`); });
    await loginAs(page, base, 'cadre');
    await page.goto(`${base}/field`);
    // The service worker takes the page over, and keeps the shell and the lists the forms need.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    await page.reload();
    await page.getByTestId('field-capture').waitFor();
    await page.goto(`${base}/activities/new`);
    await page.locator('#activity-title').waitFor();
    await page.goto(`${base}/field`);
    await page.getByTestId('field-capture').waitFor();

    const tag = Date.now().toString(36).slice(-5);
    const issueText = `东关村三组水渠淤塞约两百米（${tag}），二十多户秧田放不进水。`;
    const activityTitle = `东关村田间走访（${tag}）`;
    await context.setOffline(true);
    // The app opens with no network at all.
    await page.reload();
    await page.getByTestId('field-offline').waitFor();
    await page.getByTestId('field-text').fill(issueText);
    await expect.poll(() => page.locator('#field-place').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').innerText()).toContain('城关镇');
    await page.getByTestId('field-photo-input').setInputFiles({ name: 'qudao.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('field-save').click();
    await expect.poll(() => page.getByTestId('outbox-badge').innerText()).toContain('待上传 1 条');
    expect(await page.getByTestId('field-text').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SHOTS, 'field-offline-phone.png'), fullPage: true });

    // An activity, still offline.
    await page.getByRole('button', { name: '记录一次活动' }).click();
    await page.locator('#activity-title').fill(activityTitle);
    await page.locator('#activity-unit').click();
    await page.keyboard.type('东关村');
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    const start = Date.now() - 2 * 3600_000;
    await page.locator('#activity-span').click();
    await page.keyboard.type(wall(start));
    await page.keyboard.press('Enter');
    await page.keyboard.type(wall(start + 3600_000));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    if (!page.url().endsWith('/outbox')) await page.getByTestId('activity-save').click();
    await page.waitForURL(/\/outbox$/);
    await expect.poll(() => page.getByTestId('outbox-badge').innerText()).toContain('待上传 2 条');

    // A third record whose place the cadre may no longer use (another township's village, as after a move).
    await page.goto(`${base}/field`).catch(() => undefined);
    await page.getByTestId('field-text').fill(`渔港村码头护栏松动（${tag}）`);
    await page.getByTestId('field-save').click();
    await expect.poll(() => page.getByTestId('outbox-badge').innerText()).toContain('待上传 3 条');
    // The cadre's own list holds only their township: the id the server will refuse, from the clerk's view.
    const clerkUnits = await (await fetch(`${base}/api/v1/org-units`, { headers: { cookie: await loginCookie('clerk') } })).json() as { items: Array<{ id: number; name: string }> };
    const yugang = clerkUnits.items.find((u) => u.name === '渔港村')!.id;
    await page.evaluate(async ({ needle, unit }) => {
      const open = indexedDB.open('yixian-outbox');
      const idb = await new Promise<IDBDatabase>((res, rej) => { open.onsuccess = () => res(open.result); open.onerror = () => rej(open.error); });
      const tx = idb.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const all = await new Promise<Array<{ label: string; body: { orgUnitId: number } }>>((res) => { const q = store.getAll(); q.onsuccess = () => res(q.result as never); });
      const rec = all.find((r) => r.label.includes(needle))!;
      store.put({ ...rec, body: { ...rec.body, orgUnitId: unit } });
      await new Promise((res) => { tx.oncomplete = res; });
    }, { needle: '渔港村码头', unit: yugang });

    // Back online over a link that loses the server's first answer to the issue: sent again with the same key.
    let dropped = 0;
    await page.route('**/api/v1/issues', async (route) => {
      if (route.request().method() === 'POST' && dropped === 0) {
        dropped++;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-badge').innerText(), { timeout: 60_000 }).toContain('待上传 0 条');
    expect(dropped).toBe(1);
    await page.getByTestId('outbox-badge').click();
    await page.waitForURL(/\/outbox$/);
    await expect.poll(() => page.getByTestId('outbox-item').count()).toBe(1);
    const refused = page.getByTestId('outbox-item').first();
    expect(await refused.innerText()).toContain('未通过');
    expect(await refused.getByTestId('outbox-error').innerText()).toContain('「渔港村」不在您的管辖范围内');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'outbox-phone.png'), fullPage: true });

    // Each arrived once, with the photo, the place and the time it was recorded.
    const q = encodeURIComponent(tag);
    await expect.poll(() => count(page, `/api/v1/issues?q=${q}`)).toBe(1);
    const issue = await page.evaluate(async (qq) => ((await (await fetch(`/api/v1/issues?q=${qq}`)).json()) as { items: Array<{ id: number; body: string; channel: string; orgUnitName: string }> }).items[0]!, q);
    expect(issue.body).toBe(issueText);
    expect(issue.channel).toBe('field');
    const files = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/issues/${id}/attachments`)).json()) as { items: unknown[] }).items.length, issue.id);
    expect(files).toBe(1);
    const acts = await page.evaluate(async (t) => ((await (await fetch('/api/v1/activities?limit=100')).json()) as { items: Array<{ title: string }> }).items.filter((a) => a.title === t).length, activityTitle);
    expect(acts).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function loginCookie(username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'yixian-demo' }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}
