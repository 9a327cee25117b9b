import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, detectEncoding, fileKind, openSource, type SourceRow } from './source.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 标题,内容,时间 / 路灯不亮,"解放路路灯坏了，""急""⏎请修",2019/2/28 11:25:05 — in GB18030. */
const GB = Buffer.from('b1eacce22cc4dac8dd2ccab1bce40d0ac2b7b5c6b2bbc1c12c22bde2b7c5c2b7c2b7b5c6bbb5c1cba3ac2222bcb122220ac7ebd0de222c323031392f322f32382031313a32353a30350d0a', 'hex');
const EXPECTED = [['路灯不亮', '解放路路灯坏了，"急"\n请修', '2019/2/28 11:25:05']];

async function all(rows: AsyncGenerator<SourceRow>) {
  const out: SourceRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('encoding detection', () => {
  it('tells UTF-8 (with or without BOM) from GB18030', () => {
    expect(detectEncoding(Buffer.from('标题,内容\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('\ufeffa,b', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(GB)).toBe('gb18030');
    // A UTF-8 sample cut inside a character is still UTF-8.
    expect(detectEncoding(Buffer.from('路灯不亮', 'utf8').subarray(0, 7))).toBe('utf-8');
  });
});

describe('CSV parser', () => {
  it('parses quotes, doubled quotes, line breaks and CRLF, even fed one character at a time', () => {
    const text = 'a,b,c\r\n1,"x,y","say ""hi""\r\nthere"\n\n2,,\n"3"';
    const whole: Array<[string[], number]> = [];
    const p = new CsvParser();
    p.push(text, (c, l) => whole.push([c, l]));
    p.end((c, l) => whole.push([c, l]));
    expect(whole).toEqual([[['a', 'b', 'c'], 1], [['1', 'x,y', 'say "hi"\r\nthere'], 2], [['2', '', ''], 5], [['3'], 6]]);
    const bits: Array<[string[], number]> = [];
    const q = new CsvParser();
    for (const ch of text) q.push(ch, (c, l) => bits.push([c, l]));
    q.end((c, l) => bits.push([c, l]));
    expect(bits).toEqual(whole);
  });
  it('refuses an unclosed quote with the row number', () => {
    const p = new CsvParser();
    p.push('a\n"open', () => {});
    expect(() => p.end(() => {})).toThrow(/第 2 行/);
  });
});

describe('openSource', () => {
  it('reads a GB18030 CSV and a UTF-8 one alike', async () => {
    writeFileSync(path.join(dir, 'gb.csv'), GB);
    writeFileSync(path.join(dir, 'u8.csv'), '\ufeff标题,内容,时间\r\n路灯不亮,"解放路路灯坏了，""急""\n请修",2019/2/28 11:25:05\r\n');
    for (const f of ['gb.csv', 'u8.csv']) {
      const s = await openSource(path.join(dir, f));
      expect(s.header).toEqual(['标题', '内容', '时间']);
      expect((await all(s.rows)).map((r) => r.cells)).toEqual(EXPECTED);
    }
    expect((await openSource(path.join(dir, 'gb.csv'))).encoding).toBe('gb18030');
  });

  it('reads the first worksheet of an .xlsx, dates as ISO time', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('来信');
    ws.addRow(['标题', '内容', '时间', '件数']);
    ws.addRow(['路灯不亮', '解放路路灯坏了', new Date('2019-02-28T03:25:05Z'), 3]);
    ws.addRow(['电梯', { richText: [{ text: '电梯' }, { text: '停运' }] }, null, { formula: '1+1', result: 2 }]);
    wb.addWorksheet('其他').addRow(['不读']);
    await wb.xlsx.writeFile(path.join(dir, 'a.xlsx'));
    const s = await openSource(path.join(dir, 'a.xlsx'));
    expect(s.header).toEqual(['标题', '内容', '时间', '件数']);
    const rows = await all(s.rows);
    expect(rows).toEqual([
      { row: 2, cells: ['路灯不亮', '解放路路灯坏了', '2019-02-28T03:25:05.000Z', '3'] },
      { row: 3, cells: ['电梯', '电梯停运', '', '2'] },
    ]);
  });

  it('accepts only .xlsx and .csv', () => {
    expect(fileKind('a.XLSX')).toBe('xlsx');
    expect(() => fileKind('a.xls')).toThrow(/只支持/);
  });
});
