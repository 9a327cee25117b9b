import { describe, expect, it } from 'vitest';
import { applySaved, cleanMapping, columnOf, distinctValues, recognise, setColumn, setValue } from './mapping-edit.ts';

describe('import mapping edits', () => {
  it('a field fills from one column: choosing it for another column unmaps the first', () => {
    const m = { columns: { 时间: 'receivedAt' as const, 内容: 'body' as const } };
    const r = setColumn(m, '登记日', 'receivedAt');
    expect(r.mapping.columns).toEqual({ 内容: 'body', 登记日: 'receivedAt' });
    expect(r.moved).toBe('时间');
    expect(columnOf(r.mapping, 'receivedAt')).toBe('登记日');
    expect(setColumn(r.mapping, '内容', undefined).mapping.columns).toEqual({ 登记日: 'receivedAt' });
  });

  it('recognises codes and Chinese or English names as the server does', () => {
    expect(recognise('status', '已办结')).toBe('closed');
    expect(recognise('status', ' Closed (resolved) ')).toBe('closed');
    expect(recognise('status', 'in_progress')).toBe('in_progress');
    expect(recognise('status', '已结案')).toBeUndefined();
    expect(recognise('channel', '来信')).toBe('letter');
  });

  it('lists the distinct values of a column, then the added ones', () => {
    const header = ['编号', '状态'];
    const sample = [['1', '已结案'], ['2', ' 办理中 '], ['3', '已结案'], ['4', '']];
    expect(distinctValues(header, sample, '状态', ['已办结', '办理中'])).toEqual(['已结案', '办理中', '已办结']);
    expect(distinctValues(header, sample, undefined)).toEqual([]);
  });

  it('applies a saved mapping to the columns the file has, and sends no empty parts', () => {
    const saved = { columns: { 标题: 'title' as const, 旧列: 'body' as const }, values: { status: { 已结案: 'closed' as const } }, defaults: { kind: 'complaint' as const } };
    const { mapping, matched } = applySaved(saved, ['标题', '内容']);
    expect(matched).toBe(1);
    expect(mapping.columns).toEqual({ 标题: 'title' });
    const edited = setValue(setValue(mapping, 'status', '已结案', undefined), 'channel', '网上', 'online');
    expect(cleanMapping({ ...edited, defaults: { ...edited.defaults, orgUnit: '  ' } })).toEqual({
      columns: { 标题: 'title' }, values: { channel: { 网上: 'online' } }, defaults: { kind: 'complaint' },
    });
  });
});
