// Classification metrics and their text report.

/** Precision, recall, F1 and support of one label. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly carry this label. */
  support: number;
}

/** Everything the report shows. */
export interface ClassificationReport {
  labels: string[];
  /** confusion[t][p]: examples with true label labels[t] predicted as labels[p]. */
  confusion: number[][];
  perClass: ClassMetrics[];
  accuracy: number;
  macroF1: number;
  total: number;
}

/** Confusion matrix over `labels` (rows: truth, columns: prediction); unknown labels are rejected. */
export function confusionMatrix(truth: string[], predicted: string[], labels: string[]): number[][] {
  if (truth.length !== predicted.length) throw new Error('真实标签与预测标签数量不一致');
  const index = new Map(labels.map((l, k) => [l, k]));
  const m = labels.map(() => labels.map(() => 0));
  truth.forEach((t, i) => {
    const r = index.get(t);
    const c = index.get(predicted[i] as string);
    if (r === undefined || c === undefined) throw new Error(`未知标签：${r === undefined ? t : predicted[i]}`);
    (m[r] as number[])[c] = ((m[r] as number[])[c] as number) + 1;
  });
  return m;
}

/** Share of examples predicted correctly. */
export function accuracy(truth: string[], predicted: string[]): number {
  if (truth.length === 0) return 0;
  let ok = 0;
  truth.forEach((t, i) => {
    if (predicted[i] === t) ok++;
  });
  return ok / truth.length;
}

/** Per-label precision, recall and F1 from a confusion matrix (0 where undefined, as scikit-learn). */
export function perClassMetrics(confusion: number[][], labels: string[]): ClassMetrics[] {
  return labels.map((label, k) => {
    const tp = confusion[k]?.[k] ?? 0;
    const support = (confusion[k] ?? []).reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + (row[k] ?? 0), 0);
    const precision = predictedAs > 0 ? tp / predictedAs : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/** Unweighted mean of the per-label F1 scores. */
export function macroF1(perClass: ClassMetrics[]): number {
  return perClass.length === 0 ? 0 : perClass.reduce((a, m) => a + m.f1, 0) / perClass.length;
}

/** All metrics for one evaluation; labels default to the sorted union of truth and predictions. */
export function evaluate(truth: string[], predicted: string[], labels?: string[]): ClassificationReport {
  const ls = labels ?? [...new Set([...truth, ...predicted])].sort();
  const confusion = confusionMatrix(truth, predicted, ls);
  const perClass = perClassMetrics(confusion, ls);
  return { labels: ls, confusion, perClass, accuracy: accuracy(truth, predicted), macroF1: macroF1(perClass), total: truth.length };
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Formats 0.12345 as "0.1235". */
export function fmt4(x: number): string {
  return x.toFixed(4);
}

/** Per-label table and confusion matrix, aligned for Chinese labels (no summary lines). */
export function formatTable(report: ClassificationReport): string {
  const labelWidth = Math.max(displayWidth('类别'), displayWidth('总计'), ...report.labels.map(displayWidth));
  const lines: string[] = [];
  const head = [padEnd('类别', labelWidth), padStart('precision', 10), padStart('recall', 8), padStart('F1', 8), padStart('support', 8)];
  lines.push(head.join('  '));
  for (const m of report.perClass) {
    lines.push(
      [padEnd(m.label, labelWidth), padStart(fmt4(m.precision), 10), padStart(fmt4(m.recall), 8), padStart(fmt4(m.f1), 8), padStart(String(m.support), 8)].join('  '),
    );
  }
  lines.push('');
  // Confusion matrix: columns are numbered to keep the table narrow; the key maps numbers to labels.
  const cellWidth = Math.max(4, ...report.confusion.flat().map((v) => String(v).length + 1));
  lines.push('混淆矩阵（行：真实类别，列：预测类别）');
  lines.push(padEnd('', labelWidth + 4) + report.labels.map((_, k) => padStart(`#${k + 1}`, cellWidth)).join(''));
  report.labels.forEach((label, r) => {
    const row = report.confusion[r] ?? [];
    lines.push(padEnd(`#${r + 1} ${label}`, labelWidth + 4) + row.map((v) => padStart(String(v), cellWidth)).join(''));
  });
  return lines.join('\n');
}

/** The full report: {@link formatTable}, then count and accuracy; the last line is exactly `macro-F1: 0.xxxx`. */
export function formatReport(report: ClassificationReport): string {
  return [formatTable(report), '', `样本数: ${report.total}`, `accuracy: ${fmt4(report.accuracy)}`, `macro-F1: ${fmt4(report.macroF1)}`].join('\n');
}

/** One bin of a reliability table: predictions whose stated top-1 confidence is in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Mean stated confidence of the bin's predictions. */
  stated: number;
  /** Share of them that were right. */
  observed: number;
}

/** Stated confidence against observed accuracy, binned; `ece`: the count-weighted mean of |stated − observed|. */
export interface Reliability {
  bins: ReliabilityBin[];
  ece: number;
  total: number;
}

/** Reliability of top-1 predictions in `bins` equal-width bins of stated confidence (empty bins left out). */
export function reliability(confidence: ArrayLike<number>, correct: ArrayLike<boolean>, bins = 10): Reliability {
  const count = new Array<number>(bins).fill(0);
  const stated = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    const c = confidence[i] as number;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    count[b] = (count[b] as number) + 1;
    stated[b] = (stated[b] as number) + c;
    if (correct[i]) right[b] = (right[b] as number) + 1;
  }
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n === 0) continue;
    const bin = { from: b / bins, to: (b + 1) / bins, count: n, stated: (stated[b] as number) / n, observed: (right[b] as number) / n };
    ece += (n / confidence.length) * Math.abs(bin.stated - bin.observed);
    out.push(bin);
  }
  return { bins: out, ece, total: confidence.length };
}

/** The reliability table, one bin a line, then the expected calibration error. */
export function formatReliability(r: Reliability): string {
  const lines = ['置信度区间      条数    声称    实际'];
  for (const b of r.bins) {
    lines.push(`${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${padStart(String(b.count), 10)}  ${b.stated.toFixed(3)}  ${b.observed.toFixed(3)}`);
  }
  lines.push(`ECE（期望校准误差）: ${fmt4(r.ece)}`);
  return lines.join('\n');
}
