/**
 * What a questionnaire's answers add up to (counts and shares per option, mean, median and distribution of scales and
 * numbers, the text answers) and its answers as a spreadsheet, one row per response (exceljs).
 */
import ExcelJS from 'exceljs';
import type { Results } from '../../../shared/api/questionnaires.ts';
import { RESPONSE_VIA_NAMES, type Question, type ResponseVia } from '../../../shared/questionnaire.ts';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';

interface AnswerRow { responseId: number; questionId: number; choices: string | null; num: number | null; text: string | null; createdAt: string }

const TEXTS_SHOWN = 200;

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Up to 8 equal ranges over the numbers given, labelled `a–b` (a single value is its own label). */
function ranges(values: number[]): { label: string; count: number }[] {
  if (values.length === 0) return [];
  const lo = values[0]!;
  const hi = values[values.length - 1]!;
  const distinct = [...new Set(values)];
  if (distinct.length <= 8) return distinct.map((v) => ({ label: String(v), count: values.filter((x) => x === v).length }));
  const width = (hi - lo) / 8;
  const out = Array.from({ length: 8 }, (_, i) => ({ label: `${round(lo + i * width)}–${round(lo + (i + 1) * width)}`, count: 0 }));
  for (const v of values) out[Math.min(7, Math.floor((v - lo) / width))]!.count++;
  return out;
}

/** The results, question by question; `textMatches` (the search's hits) replaces the text answers when a search was made. */
export function resultsOf(questions: readonly Question[], answers: readonly AnswerRow[], byVia: { public: number; cadre: number },
  textMatches?: readonly { responseId: number; questionId: number; text: string | null; createdAt: string }[]): Results {
  const byQuestion = new Map<number, AnswerRow[]>();
  for (const a of answers) (byQuestion.get(a.questionId) ?? byQuestion.set(a.questionId, []).get(a.questionId)!).push(a);
  return {
    responseCount: byVia.public + byVia.cadre,
    byVia,
    questions: questions.map((q) => {
      const rows = byQuestion.get(q.id) ?? [];
      const n = rows.length;
      const out: Results['questions'][number] = {
        id: q.id, type: q.type, title: q.title, closed: q.closed, answered: n, options: [], mean: null, median: null, minValue: null, maxValue: null,
        distribution: [], texts: [], textTotal: 0,
      };
      if (q.type === 'single' || q.type === 'multiple') {
        const counts = new Map<number, number>();
        for (const r of rows) for (const id of JSON.parse(r.choices ?? '[]') as number[]) counts.set(id, (counts.get(id) ?? 0) + 1);
        out.options = q.options.map((o) => ({ id: o.id, text: o.text, count: counts.get(o.id) ?? 0, share: n ? round((counts.get(o.id) ?? 0) / n, 4) : null }));
      } else if (q.type === 'scale' || q.type === 'number') {
        const values = rows.map((r) => r.num!).sort((x, y) => x - y);
        if (n) {
          out.mean = round(values.reduce((s, v) => s + v, 0) / n);
          out.median = median(values);
          out.minValue = values[0]!;
          out.maxValue = values[n - 1]!;
        }
        out.distribution = q.type === 'scale'
          ? [1, 2, 3, 4, 5].map((s) => ({ label: String(s), count: values.filter((v) => v === s).length }))
          : ranges(values);
      } else {
        const texts = (textMatches ?? rows).filter((r) => r.questionId === q.id && r.text);
        out.textTotal = texts.length;
        out.texts = texts.slice(0, TEXTS_SHOWN).map((r) => ({ responseId: r.responseId, text: r.text!, createdAt: r.createdAt }));
      }
      return out;
    }),
  };
}

/** `问卷-{title}-2026-12-04.xlsx`, and an ASCII name for clients that only read those. */
export function exportFilenames(title: string, now: string): { utf8: string; ascii: string } {
  const d = shanghaiDate(now);
  return { utf8: `问卷-${title.replace(/[\\/:*?"<>|]/g, '')}-${d}.xlsx`, ascii: `questionnaire-${d}.xlsx` };
}

const SHANGHAI_MS = 8 * 3600_000;

/** The answers as a workbook: one row per response, one column per question (closed ones too), then a sheet of the questions. */
export async function answersWorkbook(
  title: string, questions: readonly Question[],
  responses: readonly { id: number; via: string; createdAt: string; visitPlace: string | null; visitedAt: string | null; recordedBy: string | null }[],
  answers: readonly AnswerRow[], now: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '一线 Yixian';
  wb.created = new Date(now);
  const ws = wb.addWorksheet('答卷', { views: [{ state: 'frozen', ySplit: 1 }] });
  const fixed = ['序号', '提交时间', '来源', '录入人', '走访地点'];
  ws.columns = [...fixed.map((_, i) => ({ key: `f${i}`, width: [8, 18, 14, 12, 20][i]!, ...(i === 1 ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}) })),
    ...questions.map((q) => ({ key: `q${q.id}`, width: q.type === 'text' ? 40 : 18 }))];
  const header = ws.addRow([...fixed, ...questions.map((q, i) => `${i + 1}. ${q.title}${q.closed ? '（已停用）' : ''}`)]);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  const byResponse = new Map<number, Map<number, AnswerRow>>();
  for (const a of answers) (byResponse.get(a.responseId) ?? byResponse.set(a.responseId, new Map()).get(a.responseId)!).set(a.questionId, a);
  for (const [i, r] of responses.entries()) {
    const got = byResponse.get(r.id) ?? new Map<number, AnswerRow>();
    ws.addRow([
      i + 1, new Date(Date.parse(r.createdAt) + SHANGHAI_MS), RESPONSE_VIA_NAMES[r.via as ResponseVia]?.zh ?? r.via, r.recordedBy ?? '', r.visitPlace ?? '',
      ...questions.map((q) => {
        const a = got.get(q.id);
        if (!a) return null;
        if (q.type === 'single' || q.type === 'multiple') {
          const ids = JSON.parse(a.choices ?? '[]') as number[];
          return q.options.filter((o) => ids.includes(o.id)).map((o) => o.text).join('；');
        }
        return q.type === 'text' ? a.text : a.num;
      }),
    ]);
  }
  const about = wb.addWorksheet('题目');
  about.columns = [{ width: 6 }, { width: 40 }, { width: 16 }, { width: 50 }];
  about.addRow(['题号', '题目', '题型', '选项']).font = { bold: true };
  const names = { single: '单选', multiple: '多选', text: '填空', scale: '打分 1–5', number: '数字' } as const;
  for (const [i, q] of questions.entries()) about.addRow([i + 1, q.title, names[q.type], q.options.map((o) => o.text).join('；')]);
  about.addRow([]);
  about.addRow(['', `问卷：${title}；共 ${responses.length} 份答卷；导出于 ${shanghaiDate(now)}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
