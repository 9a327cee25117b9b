import { describe, expect, it } from 'vitest';
import { parseTime, parseTimeByPattern, prepareRow, type ImportMapping, type Lookups } from './mapping.ts';
import { prng } from '../../../shared/random.ts';

const lookups: Lookups = {
  units: [{ id: 1, name: '解放路社区', code: '990101001000' }, { id: 2, name: '东关村', code: '990101004000' }, { id: 3, name: '新村', code: '990102001000' }, { id: 4, name: '新村', code: '990103001000' }],
  categories: [
    { id: 10, name: '城乡建设', path: ['城乡建设'] }, { id: 11, name: '物业管理', path: ['城乡建设', '物业管理'] },
    { id: 20, name: '交通运输', path: ['交通运输'] }, { id: 21, name: '物业管理', path: ['交通运输', '物业管理'] },
    { id: 22, name: '出租车管理', path: ['交通运输', '出租车管理'] },
  ],
};
const header = ['编号', '标题', '内容', '时间', '地点', '分类', '状态', '答复', '答复时间', '备注'];
const mapping: ImportMapping = {
  columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit', 分类: 'category', 状态: 'status', 答复: 'replyText', 答复时间: 'replyAt' },
  values: { status: { 已办结: 'closed', 办理中: 'in_progress' } },
  defaults: { channel: 'online', kind: 'complaint' },
};
const NOW = '2026-11-29T00:00:00.000Z';
const row = (cells: string[]) => prepareRow(header, cells, 7, mapping, lookups, NOW);

describe('parseTime', () => {
  it('reads the common shapes the quick way exactly as the patterns read them', () => {
    const random = prng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const num = () => {
      const v = String(Math.floor(random() * (random() < 0.2 ? 400 : 40)));
      return random() < 0.1 ? v.padStart(3, '0') : random() < 0.3 ? v.padStart(2, '0') : v;
    };
    for (let i = 0; i < 20_000; i++) {
      const sep = pick(['/', '-', '.', '年', ':']);
      const parts = [pick(['2019', '2020', '201', '20190', '1999']), num(), num()];
      let text = parts.join(sep);
      if (random() < 0.7) text += pick([' ', '  ', 'T', '']) + [num(), num(), ...(random() < 0.6 ? [num()] : [])].join(pick([':', ':', '：', '-']));
      if (random() < 0.1) text = text.slice(0, Math.floor(random() * text.length));
      if (random() < 0.05) text += pick([':', ' ', 'Z', '秒']);
      expect(parseTime(text), text).toBe(parseTimeByPattern(text.trim()));
    }
  });

  it('reads the ways Chinese sheets write times, as Beijing time', () => {
    expect(parseTime('2019/2/28 11:25:05')).toBe('2019-02-28T03:25:05.000Z');
    expect(parseTime('2019-02-28 08:00')).toBe('2019-02-28T00:00:00.000Z');
    expect(parseTime('2019年2月28日')).toBe('2019-02-27T16:00:00.000Z');
    expect(parseTime('2019-02-28T03:25:05.000Z')).toBe('2019-02-28T03:25:05.000Z');
  });
  it('refuses what is not a date', () => {
    for (const bad of ['2019/2/30', '2019-13-01', '昨天', '28/2/2019', '2019-02-28 25:00', '']) expect(parseTime(bad), bad).toBeNull();
  });
});

describe('prepareRow', () => {
  it('maps a good row, with value mapping, defaults, category path and unit by name or code, extras kept', () => {
    const r = row(['A-1', '电梯停运', '3栋电梯停运', '2019/2/28 11:25:05', '990101004000', '城乡建设/物业管理', '已办结', '已修复', '2019/3/5 9:00', '加急']);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({
      sourceId: 'A-1', title: '电梯停运', orgUnitId: 2, categoryId: 11, status: 'closed', channel: 'online', kind: 'complaint',
      receivedAt: '2019-02-28T03:25:05.000Z', replyAt: '2019-03-05T01:00:00.000Z', replyText: '已修复', extra: { 备注: '加急' },
    }) });
  });

  it('reports every problem of a bad row with its column, in Chinese', () => {
    const r = row(['', '', '', '2019/2/30', '不存在村', '不存在分类', '已归档', '', '2018/1/1', '']);
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [7, '内容'], [7, '时间'], [7, '状态'], [7, '分类'], [7, '地点'],
    ]);
    expect(r.errors[0]!.message).toBe('诉求内容为空');
    expect(r.errors[1]!.message).toContain('不是有效的日期时间');
    expect(r.errors[2]!.message).toContain('「已归档」无法识别');
    expect(r.errors[3]!.message).toBe('问题分类「不存在分类」不存在');
  });

  it('refuses ambiguous names, over-long fields, future times and replies before receipt', () => {
    const amb = row(['', 't', '内容', '2019/2/28', '新村', '物业管理', '', '', '', '']);
    if (amb.ok) throw new Error('expected errors');
    expect(amb.errors.map((e) => e.message)).toEqual([
      '问题分类「物业管理」对应多个分类，请写完整路径（如 城乡建设/物业管理）', '单位名称「新村」对应多个单位，请改用单位代码',
    ]);
    const long = row(['', 'x'.repeat(201), '内容', '2030/1/1', '东关村', '', '', '', '', '']);
    if (long.ok) throw new Error('expected errors');
    expect(long.errors.map((e) => e.message)).toEqual(['标题超过 200 字（201 字）', '收到时间「2030/1/1」晚于当前时间']);
    const early = row(['', 't', '内容', '2019/2/28', '东关村', '', '', '答', '2019/2/1', '']);
    if (early.ok) throw new Error('expected errors');
    expect(early.errors.map((e) => e.message)).toEqual(['答复时间早于收到时间']);
  });

  it('takes the title from the body when there is none, and a replied status when a reply time is there', () => {
    const r = row(['', '', '解放路北段三盏路灯坏了半个月，晚上出行不安全，请尽快维修。', '2019/2/28', '解放路社区', '出租车管理', '', '已修', '2019/3/1', '']);
    expect(r.ok && r.value.title).toBe('解放路北段三盏路灯坏了半个月，晚上出行不安全，请尽快维修');
    expect(r.ok && r.value.status).toBe('replied');
    expect(r.ok && r.value.categoryId).toBe(22);
  });
});
