/**
 * Importing an old ledger in real Chromium, at 1024×768: the petition office uploads a CSV, fixes the mapping the
 * server proposed (a date column it missed, a status value it cannot know), sees the dry run's bad rows, imports,
 * finds the imported cases in the ledger and opens one. Screenshots: docs/screenshots/import.png, import-timeline.png;
 * a file that is no workbook and a password-protected one say why (import-bad-file.png, import-bad-file-phone.png).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { encryptedWorkbook } from '../encrypted-xlsx.ts';
import { launch, loginAs, newPage, pickInSelect } from './browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let base: string;

beforeAll(async () => { browser = await launch(); base = inject('baseUrl'); });
afterAll(async () => { await browser?.close(); });

const WORD = '导入测试井盖';
// 登记日 is a header the suggestion does not know; 已结案 is a status only a value mapping explains (已办结 is the
// status's own name). Row 4 (file line numbers, the header is line 1) has 2月30日, row 5 no body.
const CSV = [
  '编号,标题,内容,登记日,地点,状态',
  `IMP-1,解放路社区${WORD}缺失,解放路社区3号楼前${WORD}丢失，夜间有行人踩空危险。,2019/2/28 11:25,解放路社区,已结案`,
  `IMP-2,东关村${WORD}破损,东关村村口${WORD}破损下沉，车辆经过有响声。,2019-03-01 09:00,东关村,已办结`,
  'IMP-3,东关村路灯不亮,东关村主路路灯不亮已一周。,2019/2/30,东关村,办理中',
  'IMP-4,解放路社区噪音,,2019/3/2 10:00,解放路社区,已受理',
  `IMP-5,解放路社区${WORD}松动,解放路社区菜场门口${WORD}松动。,2019/3/3,解放路社区,已登记`,
].join('\r\n') + '\r\n';

describe('import', () => {
  it('a clerk maps, checks and imports a CSV, and finds the cases in the ledger', async () => {
    const { page, errors, close } = await newPage(browser, { width: 1024, height: 768 });
    await loginAs(page, base, 'clerk');
    await page.getByTestId('menu-imports').click();
    await page.getByTestId('imports').waitFor();

    // 1 · the file: encoding detected, the first rows shown
    await page.locator('input[type=file]').setInputFiles({ name: '旧台账.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.getByTestId('import-file-info').waitFor();
    expect(await page.getByTestId('import-encoding').textContent()).toBe('UTF-8');
    expect(await page.getByTestId('import-sample').locator('tbody tr.ant-table-row').count()).toBe(5);
    await page.getByTestId('import-next').click();

    // 2 · the mapping: the suggestion missed 登记日; 已结案 needs a value, 已办结 is recognised
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    const dateSelect = mapping.locator('[data-testid="import-column-select"][data-column="登记日"]');
    expect(await dateSelect.getAttribute('data-field')).toBe('');
    expect(await mapping.locator('[data-testid="import-column-select"][data-column="状态"]').getAttribute('data-field')).toBe('status');
    await page.getByTestId('import-missing').waitFor();
    await pickInSelect(page, 'import-col-3', '收到时间');
    await expect.poll(() => dateSelect.getAttribute('data-field')).toBe('receivedAt');
    await page.getByTestId('import-missing').waitFor({ state: 'detached' });
    const statusValues = page.getByTestId('import-values-status');
    const closedRow = statusValues.locator('[data-testid="import-value-select"][data-value="已结案"]');
    expect(await closedRow.getAttribute('class')).toContain('warning');
    expect(await statusValues.locator('[data-testid="import-value-select"][data-value="已办结"]').textContent()).toContain('自动识别为「已办结」');
    const closedId = await closedRow.locator('input').getAttribute('id');
    await pickInSelect(page, closedId!, '已办结');
    await expect.poll(() => closedRow.textContent()).toContain('已办结');
    // save the mapping under a name; it is offered among the saved ones
    await page.getByTestId('import-mapping-name').fill('旧台账（测试）');
    await page.getByTestId('import-save-mapping').click();
    await page.getByText('已保存对照「旧台账（测试）」').waitFor();

    // 3 · the dry run: counts, and the two bad rows with their columns
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-report').locator('[data-testid="import-count-failed"]').waitFor();
    expect(await page.getByTestId('import-count-total').getAttribute('data-count')).toBe('5');
    expect(await page.getByTestId('import-count-toCreate').getAttribute('data-count')).toBe('3');
    expect(await page.getByTestId('import-count-toSkip').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('import-count-failed').getAttribute('data-count')).toBe('2');
    const errorRows = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    expect(await errorRows.count()).toBe(2);
    expect(await errorRows.nth(0).innerText()).toMatch(/4\s+登记日\s+收到时间「2019\/2\/30」不是有效的日期时间/);
    expect(await errorRows.nth(1).innerText()).toMatch(/5\s+内容\s+诉求内容为空/);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'import.png') });
    // the bad rows as a sheet to fix
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-errors').click()]);
    expect(download.suggestedFilename()).toBe('旧台账-待修改.xlsx');

    // 4 · the import, followed to the end
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-run"][data-status="done"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-result-created').getAttribute('data-count')).toBe('3');
    expect(await page.getByTestId('import-result-failedRows').getAttribute('data-count')).toBe('2');
    // the cases' search tokens are indexed after the rows, in the background; the screen follows it to the end
    await page.locator('[data-testid="import-index-text"][data-done="true"]').waitFor();
    expect(await page.getByTestId('import-index-text').textContent()).toBe('检索索引已建立：3 件');

    // the ledger finds the imported cases by their word
    await page.getByTestId('import-open-ledger').click();
    await page.waitForURL((u) => u.pathname === '/issues');
    await page.getByTestId('ledger-filter-q').fill(WORD);
    await page.getByTestId('ledger-filter-q').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === WORD);
    const rows = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByTestId('ledger-table').innerText()).toContain(`解放路社区${WORD}缺失`);
    // an imported case's timeline opens with what the import knew, and says what the old system did not record
    await page.getByTestId('ledger-table').locator('tbody tr', { hasText: `解放路社区${WORD}缺失` }).getByTestId('ledger-issue-link').click();
    const imported = page.getByTestId('timeline').locator('[data-event-type="imported"]');
    await imported.waitFor();
    const text = await imported.innerText();
    expect(text).toContain('从原系统导入');
    expect(text).toMatch(/原系统编号\s+IMP-1/);
    expect(text).toMatch(/源文件行号\s+2/);
    expect(text).toMatch(/原系统未记录\s+办结时间（按收到时间记）、中间办理步骤/);
    await page.screenshot({ path: path.join(SHOTS, 'import-timeline.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('a file that is not a workbook, or one protected by a password, is refused in words on the file step', async () => {
    for (const [viewport, shot] of [[{ width: 1366, height: 900 }, 'import-bad-file.png'], [{ width: 390, height: 844 }, 'import-bad-file-phone.png']] as const) {
      const { page, errors, close } = await newPage(browser, viewport);
      await loginAs(page, base, 'clerk');
      await page.goto(`${base}/imports`);
      await page.getByTestId('imports').waitFor();
      // A CSV saved under a name ending in .xlsx: the reason, not 服务器内部错误.
      await page.locator('input[type=file]').setInputFiles({ name: '旧台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(CSV, 'utf8') });
      const alert = page.getByTestId('import-file-error');
      await alert.waitFor();
      expect(await alert.innerText()).toBe('文件不是有效的 Excel 文件：内容是文本，不是 Excel 工作簿（CSV 文件请以 .csv 为扩展名导入）');
      expect(await page.getByTestId('import-file-info').count()).toBe(0);
      // A workbook encrypted with a password (as Excel's 用密码进行加密 writes it).
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('来信').addRows([['编号', '标题'], ['E-1', '路灯不亮']]);
      const locked = encryptedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'mima');
      await page.locator('input[type=file]').setInputFiles({ name: '加密台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: locked });
      await expect.poll(() => alert.innerText()).toContain('文件已加密，请先取消密码保护后再导入');
      await page.locator('input[type=file]').setInputFiles({ name: '旧台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(CSV, 'utf8') });
      await expect.poll(() => alert.innerText()).toContain('文件不是有效的 Excel 文件');
      await page.screenshot({ path: path.join(SHOTS, shot) });
      // The browser logs each refused upload (a 400) as a failed resource; nothing else went wrong.
      expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
      expect(errors.length).toBe(3);
      await close();
    }
  });

  it('the same screen in English, and hidden from those who may not import', async () => {
    const { page, errors, close } = await newPage(browser, { width: 1024, height: 768 });
    await loginAs(page, base, 'clerk');
    await page.evaluate(() => localStorage.setItem('yx.lang', 'en'));
    await page.goto(`${base}/imports`);
    await page.getByTestId('imports').getByText('Choose a file', { exact: true }).waitFor();
    expect(await page.getByTestId('menu-imports').textContent()).toBe('Import');
    await page.evaluate(() => localStorage.removeItem('yx.lang'));
    await close();

    const handler = await newPage(browser, { width: 1024, height: 768 });
    await loginAs(handler.page, base, 'handler');
    await handler.page.getByTestId('user-menu').waitFor();
    expect(await handler.page.getByTestId('menu-imports').count()).toBe(0);
    await handler.page.goto(`${base}/imports`);
    await handler.page.getByTestId('imports-forbidden').waitFor();
    expect([...errors, ...handler.errors]).toEqual([]);
    await handler.close();
  });
});
