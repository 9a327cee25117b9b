/**
 * The screens on a phone (390×844, touch) and keyboard focus on a desk (issue 13), in real Chromium: no screen wider
 * than the phone, the header's buttons clear of the logo, tab labels whole, the ledger as cards with their titles, the
 * intake help panels before 登记, no keyboard hints on a touch screen, a blue focus ring that is not the red of an
 * error, and the trend chart's y-axis ending just above its largest count. Screenshots go to docs/screenshots/phone-*.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, newPage } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };
/** The dark side menu's background. */
const SIDER = [0, 21, 41] as const;
// Found by their place in the shell rather than by test id, so that the test also runs (and fails) against the shell before the fix.
const LOGO = '.ant-layout-sider-children > div:first-child';
const LANG = '.ant-layout-header > button:first-of-type';
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

/** Call the API from the page, as the app does (same origin, the session cookie). */
async function api<T>(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const r = await page.evaluate(async ([m, u, b]) => {
    const res = await fetch(u as string, { method: m as string, headers: b === undefined ? {} : { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, text: await res.text() };
  }, [method, url, body] as const);
  expect(r.status, `${method} ${url}: ${r.text}`).toBeLessThan(300);
  return r.text ? JSON.parse(r.text) as T : undefined as T;
}

/** Switch the app's language with the header's button. */
async function setLanguage(page: Page, lang: 'zh' | 'en'): Promise<void> {
  const button = page.locator(LANG);
  await button.waitFor();
  // The button offers the other language.
  const offered = lang === 'zh' ? 'English' : '中文';
  if ((await button.textContent())!.trim() !== offered) await button.click();
  await expect.poll(async () => (await button.textContent())!.trim()).toBe(offered);
}

/** Open a screen and wait until it has drawn what it loaded. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(base + url);
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(200);
}

interface Box { x: number; y: number; width: number; height: number }
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What must hold on every screen at 390 px: nothing wider than the phone, the header clear of the logo, tabs whole. */
async function checkFits(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${what}: page width`).toBeLessThanOrEqual(PHONE.width + 1);
  const logo = (await page.locator(LOGO).boundingBox())!;
  const lang = (await page.locator(LANG).boundingBox())!;
  const user = (await page.getByTestId('user-menu').boundingBox())!;
  expect(overlap(logo, lang), `${what}: language button over the logo`).toBe(false);
  expect(overlap(lang, user), `${what}: language button over the user menu`).toBe(false);
  for (const [name, b] of [['language', lang], ['user', user]] as const) {
    expect(b.x, `${what}: ${name} button left edge`).toBeGreaterThanOrEqual(logo.x + logo.width);
    expect(b.x + b.width, `${what}: ${name} button right edge`).toBeLessThanOrEqual(PHONE.width);
  }
  await checkTabs(page, what, PHONE.width);
}

/** Every tab label whole and on screen, none hidden behind the "…" of overflowing tabs. */
async function checkTabs(page: Page, what: string, viewportWidth: number): Promise<void> {
  const tabs = await page.locator('.ant-tabs-tab:not(.ant-tabs-tab-disabled)').evaluateAll((els) => els.map((e) => {
    const btn = e.querySelector('.ant-tabs-tab-btn')!;
    const r = e.getBoundingClientRect();
    const nav = e.closest('.ant-tabs-nav-wrap')!.getBoundingClientRect();
    return { text: btn.textContent ?? '', cut: btn.scrollWidth > btn.clientWidth + 1, left: r.left, right: r.right, navLeft: nav.left, navRight: nav.right };
  }));
  for (const t of tabs) {
    expect(t.cut, `${what}: tab "${t.text}" cut`).toBe(false);
    expect(t.left, `${what}: tab "${t.text}" left of its bar`).toBeGreaterThanOrEqual(t.navLeft - 1);
    expect(t.right, `${what}: tab "${t.text}" past its bar`).toBeLessThanOrEqual(Math.min(t.navRight, viewportWidth) + 1);
  }
  expect(await page.locator('.ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden):visible').count(), `${what}: tabs behind "…"`).toBe(0);
}

/** A colour as [r, g, b] from a computed style. */
function rgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) throw new Error(`not a colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
/** WCAG contrast ratio of two colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]) => {
    const [r, g, bl] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
/** A focus colour fit to be one: blue, not red, 3:1 against white and against the side menu. */
function expectFocusColour(c: [number, number, number], error: [number, number, number], what: string): void {
  expect(c, `${what}: the error colour`).not.toEqual(error);
  expect(c[2], `${what}: ${c.join(',')} is not blue`).toBeGreaterThan(c[0] + 100);
  expect(contrast(c, [255, 255, 255]), `${what}: contrast on white`).toBeGreaterThanOrEqual(3);
  expect(contrast(c, SIDER), `${what}: contrast on the side menu`).toBeGreaterThanOrEqual(3);
}

/** The screens each role reaches from the menu, plus an issue's page. */
const SCREENS: Record<string, string[]> = {
  clerk: ['/', '/issues', '/intake', '/hotspots', '/imports', 'issue'],
  handler: ['/', '/issues', 'issue'],
  cadre: ['/', '/issues', '/intake'],
  leader: ['/', '/hotspots', 'issue'],
  inspector: ['/', '/issues', '/audit'],
  admin: ['/admin/org', '/admin/users', '/admin/categories', '/admin/deadlines', '/admin/calendar', '/imports', '/audit'],
};

describe('on a phone (390×844)', () => {
  for (const [user, screens] of Object.entries(SCREENS)) {
    it(`${user}: every screen fits, in Chinese and in English`, async () => {
      const { page, errors, close } = await newPage(browser, PHONE, { touch: true });
      await loginAs(page, base, user);
      const first = (await api<{ items: { id: number }[] }>(page, 'GET', '/api/v1/issues?limit=1')).items[0];
      for (const lang of ['zh', 'en'] as const) {
        await setLanguage(page, lang);
        for (const s of screens) {
          if (s === 'issue' && !first) continue;
          const url = s === 'issue' ? `/issues/${first!.id}` : s;
          await open(page, url);
          await checkFits(page, `${user} ${lang} ${url}`);
        }
      }
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('the ledger is a list of cards with their titles; a tap opens the issue', async () => {
    const { page, errors, close } = await newPage(browser, PHONE, { touch: true });
    await loginAs(page, base, 'clerk');
    await open(page, '/issues');
    const cards = page.getByTestId('ledger-card');
    await cards.first().waitFor();
    expect(await page.getByTestId('ledger-table').count()).toBe(0);
    // bulk assignment needs the table's checkboxes: not offered on a phone
    expect(await page.getByTestId('ledger-bulk-assign').count()).toBe(0);
    const listed = (await api<{ items: { id: number; title: string; trackingCode: string }[] }>(page, 'GET', '/api/v1/issues?limit=5')).items;
    for (const [i, issue] of listed.entries()) {
      const card = cards.nth(i);
      expect(await card.getAttribute('data-issue-id')).toBe(String(issue.id));
      expect(await card.textContent()).toContain(issue.trackingCode);
      const title = card.getByTestId('ledger-card-title');
      expect((await title.textContent())!.trim()).toBe(issue.title);
      // the whole title is on screen, not behind a sideways scroll or an ellipsis
      const box = (await title.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    }
    await page.screenshot({ path: path.join(SHOTS, 'phone-ledger.png') });
    await cards.first().tap();
    await page.waitForURL((u) => u.pathname === `/issues/${listed[0]!.id}`);
    await page.getByTestId('timeline').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, 'phone-issue-detail.png') });
    expect(errors).toEqual([]);
    await close();
  });

  it('on 登记 the help panels come before the button, and keyboard hints are left out', async () => {
    const { page, errors, close } = await newPage(browser, PHONE, { touch: true });
    await loginAs(page, base, 'clerk');
    await open(page, '/intake');
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await page.locator('#intake-body').fill('解放路社区路灯损坏，晚上出行不便，请尽快维修');
    await page.locator('[data-testid="intake-suggestions"][data-state="ready"], [data-testid="intake-suggestions"][data-state="error"]').waitFor();
    await page.locator('[data-testid="intake-similar"][data-state="ready"]').waitFor();
    const y = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
    const submit = await y('intake-submit');
    expect(await y('intake-suggestions')).toBeLessThan(submit);
    expect(await y('intake-similar')).toBeLessThan(submit);
    // after the text they help with
    expect(await y('intake-suggestions')).toBeGreaterThan((await page.locator('#intake-body').boundingBox())!.y);
    const hint = page.getByTestId('intake-kbd-hint');
    expect(await hint.count()).toBe(1);
    expect(await hint.isVisible()).toBe(false);
    // Alt+1… beside suggested categories, when a model is trained, are hidden too
    for (const k of await page.locator('.yx-kbd-hint').all()) expect(await k.isVisible()).toBe(false);
    await checkFits(page, 'intake typed');
    // A screenshot of the viewport (a full-page one drops the touch emulation while it is taken): the place, the panels.
    await page.evaluate(() => document.querySelector('#intake-place')!.closest('.ant-form-item')!.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    expect(await hint.isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'phone-intake.png') });
    expect(errors).toEqual([]);
    await close();

    // the same hint is shown on a desk with a keyboard and a mouse
    const desk = await newPage(browser, DESK);
    await loginAs(desk.page, base, 'clerk');
    await open(desk.page, '/intake');
    expect(await desk.page.getByTestId('intake-kbd-hint').isVisible()).toBe(true);
    expect(await desk.page.getByTestId('intake-kbd-hint').textContent()).toContain('Ctrl+Enter');
    // beside the form, not inside it
    const side = (await desk.page.getByTestId('intake-suggestions').boundingBox())!;
    expect(side.x).toBeGreaterThan((await desk.page.getByTestId('intake-submit').boundingBox())!.x + 400);
    expect(desk.errors).toEqual([]);
    await desk.close();
  });

  it('the workbench: whole tab labels, the header clear of the logo', async () => {
    const { page, errors, close } = await newPage(browser, PHONE, { touch: true });
    await loginAs(page, base, 'leader');
    await open(page, '/');
    await page.locator('[data-testid="workbench"] .ant-tabs').waitFor();
    await checkFits(page, 'workbench');
    await page.screenshot({ path: path.join(SHOTS, 'phone-workbench.png') });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('on a desk', () => {
  it('English tab labels are whole at 1366 and 1200 px', async () => {
    for (const width of [1366, 1200]) {
      const { page, errors, close } = await newPage(browser, { width, height: 900 });
      await loginAs(page, base, 'leader');
      await setLanguage(page, 'en');
      await open(page, '/');
      await page.locator('[data-testid="workbench"] .ant-tabs').waitFor();
      expect(await page.locator('[data-testid="workbench"] .ant-tabs-tab').count()).toBe(5);
      await checkTabs(page, `workbench ${width}`, width);
      await page.close();
      const admin = await newPage(browser, { width, height: 900 });
      await loginAs(admin.page, base, 'admin');
      await setLanguage(admin.page, 'en');
      await open(admin.page, '/admin/org');
      await checkTabs(admin.page, `admin ${width}`, width);
      expect([...errors, ...admin.errors]).toEqual([]);
      await admin.close();
      await close();
    }
  });

  it('keyboard focus is a blue ring, not the red of a field in error', async () => {
    const { page, errors, close } = await newPage(browser, DESK);
    await loginAs(page, base, 'clerk');
    await open(page, '/intake');
    // the red of an error: 登记 with no text marks 诉求内容
    await page.getByTestId('intake-submit').click();
    await page.locator('.ant-form-item-has-error').filter({ has: page.locator('#intake-body') }).waitFor();
    await page.waitForTimeout(300); // the border's transition
    const error = rgb(await page.locator('#intake-body').evaluate((e) => getComputedStyle(e.closest('[class*="status-error"]') ?? e).borderTopColor));
    expect(error[0], 'the error colour is red').toBeGreaterThan(error[2] + 100);

    // Tab from the address field to 登记: the button's outline
    await page.locator('#intake-address').click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-submit');
    const button = await page.getByTestId('intake-submit').evaluate((e) => {
      const s = getComputedStyle(e);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, visible: e.matches(':focus-visible') };
    });
    expect(button.visible).toBe(true);
    expect(button.style).toBe('solid');
    expect(button.width).toBeGreaterThanOrEqual(1);
    expectFocusColour(rgb(button.colour), error, 'button outline');

    // Tab from the petitioner's address into 收到时间: the field's border and ring
    await page.locator('#intake-petitioner-address').click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake-received');
    await page.waitForTimeout(300); // the border's transition
    const field = await page.locator('#intake-received').evaluate((e) => {
      const s = getComputedStyle(e.closest('.ant-picker')!);
      return { border: s.borderTopColor, shadow: s.boxShadow };
    });
    expectFocusColour(rgb(field.border), error, 'field border');
    expectFocusColour(rgb(field.shadow), error, 'field ring');
    const picker = (await page.locator('.ant-picker').filter({ has: page.locator('#intake-received') }).boundingBox())!;
    await page.screenshot({ path: path.join(SHOTS, 'focus-ring.png'), clip: { x: picker.x - 380, y: picker.y - 120, width: 760, height: 200 } });
    await page.keyboard.press('Escape');

    // a link in the dark side menu, reached with Tab from the top of the page
    await open(page, '/hotspots');
    await page.keyboard.press('Tab');
    const menu = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const s = getComputedStyle(e);
      return { inMenu: !!e.closest('.ant-layout-sider'), style: s.outlineStyle, colour: s.outlineColor };
    });
    expect(menu.inMenu).toBe(true);
    expect(menu.style).toBe('solid');
    expectFocusColour(rgb(menu.colour), error, 'menu link outline');
    expect(errors).toEqual([]);
    await close();
  });
});

describe("the inspector's trend chart", () => {
  /** The y-axis labels of the workbench's trend (SVG text), and the counts it draws. */
  async function axisAndCounts(page: Page): Promise<{ labels: number[]; max: number }> {
    await open(page, '/');
    const chart = page.getByTestId('workbench-trend');
    await chart.locator('svg text').first().waitFor();
    const texts = await chart.locator('svg text').allTextContents();
    const labels = texts.map((t) => t.trim()).filter((t) => /^\d+(\.\d+)?$/.test(t)).map(Number).sort((a, b) => a - b);
    const wb = await api<{ trend: { received: number }[] }>(page, 'GET', '/api/v1/workbench');
    return { labels, max: Math.max(0, ...wb.trend.map((d) => d.received)) };
  }

  /** Whole-number labels from 0, evenly spaced, the top less than one step above the largest count. */
  function expectScaled({ labels, max }: { labels: number[]; max: number }, what: string): void {
    expect(labels.length, `${what}: labels ${labels.join(',')}`).toBeGreaterThanOrEqual(2);
    expect(labels.every(Number.isInteger), `${what}: whole numbers ${labels.join(',')}`).toBe(true);
    expect(labels[0]).toBe(0);
    const step = labels[1]! - labels[0]!;
    expect(labels.every((v, i) => v === i * step), `${what}: even steps ${labels.join(',')}`).toBe(true);
    const top = labels.at(-1)!;
    expect(top, `${what}: top ${top} for a largest count of ${max}`).toBeGreaterThanOrEqual(Math.max(1, max));
    expect(top - Math.max(1, max), `${what}: top ${top} for a largest count of ${max}`).toBeLessThan(step);
  }

  it('ends at the largest count when counts are small, and just above it when they are not', async () => {
    // An inspector of one village: a handful of issues a day at most.
    const admin = await newPage(browser, DESK);
    await loginAs(admin.page, base, 'admin');
    const units = (await api<{ items: { id: number; name: string; level: string }[] }>(admin.page, 'GET', '/api/v1/org-units')).items;
    const village = units.find((u) => u.name === '西关村') ?? units.find((u) => u.level === 'village')!;
    await api(admin.page, 'POST', '/api/v1/users', {
      username: 'phone-inspector', displayName: '村督查 试用', password: 'first-pass-1', roles: [{ role: 'inspector', orgUnitId: village.id }],
    });
    await admin.close();

    const { page, errors, close } = await newPage(browser, PHONE, { touch: true });
    await loginAs(page, base, 'phone-inspector', 'first-pass-1');
    await api(page, 'POST', '/api/v1/auth/password', { oldPassword: 'first-pass-1', newPassword: 'second-pass-2' });
    await page.reload();
    const small = await axisAndCounts(page);
    expect(small.max, 'a village sees few issues a day').toBeLessThanOrEqual(6);
    expectScaled(small, 'village inspector');
    expect(small.labels.at(-1)).toBe(Math.max(1, small.max));
    expect(errors).toEqual([]);
    await close();

    const county = await newPage(browser, DESK);
    await loginAs(county.page, base, 'inspector');
    expectScaled(await axisAndCounts(county.page), 'county inspector');
    expect(county.errors).toEqual([]);
    await county.close();
  });
});
