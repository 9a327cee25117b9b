import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrossValidation, runEval } from './eval.ts';

// Made-up messages: two easy classes, plus one test message worded to look like the other class.
const PLACES = ['东关社区', '城南村', '解放路', '河西小区', '新华街', '北门', '西湖路', '桥头村'];
const ROAD = ['路灯坏了晚上很黑', '路面坑洼积水', '下水道堵塞'];
const SCHOOL = ['学校食堂饭菜太贵', '老师补课收费', '幼儿园学位不够'];

function rows(places: string[]): string[] {
  const out: string[] = [];
  let id = 0;
  for (const place of places) {
    for (const p of ROAD) out.push(`${++id},${place}${p.slice(0, 4)},2020/1/1,"${place}${p}，请尽快处理。",路政`);
    for (const p of SCHOOL) out.push(`${++id},,2020/1/1,"${place}${p}，请教育局管一管。",教育`);
  }
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), 'yixian-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const header = 'id,title,time,body,label';
const trainPath = path.join(dir, 'train.csv');
const testPath = path.join(dir, 'test.csv');
writeFileSync(trainPath, [header, ...rows(PLACES.slice(0, 6))].join('\n') + '\n');
// Test: 6 路政 + 6 教育 correct-looking messages, and one 教育 message about a road (will be predicted 路政).
writeFileSync(testPath, [header, ...rows(PLACES.slice(6)), '99,,2020/1/2,"学校门口路灯坏了晚上很黑，路面积水",教育'].join('\n') + '\n');

describe('runEval', () => {
  it('reports metrics ending with the macro-F1 line', () => {
    const r = runEval({ trainPath, testPath });
    // 路政: 6 right + 1 教育 message predicted 路政 → P 6/7, R 1, F1 12/13; 教育: P 1, R 6/7, F1 12/13.
    expect(r.report.confusion).toEqual([
      [6, 1],
      [0, 6],
    ]);
    const lines = r.text.split('\n');
    expect(lines.at(-1)).toBe(`macro-F1: ${(12 / 13).toFixed(4)}`);
    expect(r.text).toContain('accuracy: 0.9231');
  });
});

describe('runCrossValidation', () => {
  it('prints per-fold scores, mean ± sd, and ends with the mean macro-F1', () => {
    const r = runCrossValidation({ path: trainPath, folds: 3, seed: 7 });
    expect(r.foldMacroF1).toHaveLength(3);
    expect(r.mean).toBe(1);
    expect(r.text).toMatch(/第 3 折: macro-F1 1\.0000/);
    expect(r.text).toContain('macro-F1（各折均值 ± 标准差）: 1.0000 ± 0.0000');
    expect(r.text.split('\n').at(-1)).toBe('macro-F1: 1.0000');
  });

  it('rejects fewer than 2 folds', () => {
    expect(() => runCrossValidation({ path: trainPath, folds: 1 })).toThrow(/折数/);
  });
});
