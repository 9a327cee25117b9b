import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows, readLabelledCsv } from './csv.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'yixian-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    const rows = parseCsvRows('a,b,c\r\n1,"x, y","say ""hi"""\n2,"line1\nline2",\n');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'line1\nline2', ''],
    ]);
  });

  it('strips a UTF-8 BOM and keeps the last row without a final newline', () => {
    expect(parseCsvRows('\ufeffid,标题\n7,路灯坏了')).toEqual([
      ['id', '标题'],
      ['7', '路灯坏了'],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsvRows('a\n"open')).toThrow(/引号未闭合/);
  });
});

describe('parseCsv', () => {
  it('keys records by header and fills short rows with empty strings', () => {
    const { columns, records } = parseCsv('id,title,body\n1,标题\n');
    expect(columns).toEqual(['id', 'title', 'body']);
    expect(records).toEqual([{ id: '1', title: '标题', body: '' }]);
  });
});

describe('readLabelledCsv', () => {
  it('builds text = title + newline + body and allows extra columns', () => {
    const file = path.join(dir, 'ok.csv');
    writeFileSync(file, '\ufeffid,title,time,body,label\n1,路灯不亮,2020/1/1,"晚上很黑，\n请修理",城乡建设\n2,,2020/1/2,学校收费,教育文体\n');
    expect(readLabelledCsv(file)).toEqual([
      { id: '1', text: '路灯不亮\n晚上很黑，\n请修理', label: '城乡建设' },
      { id: '2', text: '\n学校收费', label: '教育文体' },
    ]);
  });

  it('names the missing columns in Chinese', () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'id,title,text\n1,a,b\n');
    expect(() => readLabelledCsv(file)).toThrow(/缺少列：body、label/);
  });

  it('rejects an empty label', () => {
    const file = path.join(dir, 'nolabel.csv');
    writeFileSync(file, 'id,title,body,label\n1,a,b,\n');
    expect(() => readLabelledCsv(file)).toThrow(/label 为空/);
  });
});
