/**
 * Classifier speed: prediction time per message (segmentation, features, scores, softmax) next to jieba
 * segmentation alone of the same messages, and training time on 10,000 examples with 7 and with 40 labels next
 * to training on the 2,788 originals, all measured in the same run. Reads tipdm2020c/train.csv from
 * ../shared/data (never copied into the repo); BENCH_DATA overrides the path.
 *
 * The 10,000 training examples cycle through train.csv; every copy after the first is perturbed (one clause
 * dropped, place codes such as "A3区" re-lettered) so the copies are not exact duplicates, which would make
 * the SVM's work unrealistically easy. With 7 labels they are the originals'; with 40 (the most suggest.ts
 * learns, as for a unit model) a label is the category and the district named in the original (`A3区`, `A7县`,
 * else the city: units split by domain and place), the 40 most frequent kept as suggest.ts does. Training uses
 * the server's thread count (suggest.ts TRAIN_THREADS; BENCH_THREADS overrides it).
 *
 * Then the calibration of the stated confidence: 5-fold stratified CV of train.csv (fold seed 42), the pooled
 * out-of-fold top-1 predictions binned by stated confidence (count, stated, observed, per bin; the expected
 * calibration error), for the calibrated confidence shown at intake next to the softmax of the decision values with the
 * fitted temperature alone (the confidence shown before issue 15), from the same models.
 */
import path from 'node:path';
import { getJieba, predict, readLabelledCsv, runCrossValidation, serializeModel, trainClassifier, type Example, type Reliability } from '../src/server/nlp/index.ts';
import { MAX_LABELS, MIN_PER_LABEL, TRAIN_THREADS } from '../src/server/modules/intel/index.ts';
import { prng } from '../src/shared/random.ts';

const DATA = process.env.BENCH_DATA ?? path.resolve(import.meta.dirname, '../../shared/data/tipdm2020c/train.csv');
const TRAIN_N = Number(process.env.BENCH_TRAIN_N ?? 10_000);
const THREADS = Number(process.env.BENCH_THREADS ?? TRAIN_THREADS);

function perturb(text: string, rand: () => number): string {
  const clauses = text.split(/(?<=[，。！？；,!?;])/);
  if (clauses.length > 2) clauses.splice(1 + Math.floor(rand() * (clauses.length - 1)), 1);
  const letter = String.fromCharCode(65 + Math.floor(rand() * 14));
  return clauses.join('').replace(/[A-N](?=\d*[市区县])/g, letter);
}

function cycled(data: Example[], n: number): Example[] {
  const rand = prng(7);
  const out: Example[] = [];
  for (let i = 0; i < n; i++) {
    const e = data[i % data.length]!;
    out.push(i < data.length ? e : { text: perturb(e.text, rand), label: e.label });
  }
  return out;
}

/** Unit-like labels: category × district named in the message, the MAX_LABELS most frequent with ≥ MIN_PER_LABEL. */
function unitLabels(data: Example[]): Example[] {
  const relabelled = data.map((e) => ({ text: e.text, label: `${e.label}/${/A\d+[区县市]/.exec(e.text)?.[0] ?? 'A市'}` }));
  const counts = new Map<string, number>();
  for (const e of relabelled) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const kept = new Set([...counts].filter(([, n]) => n >= MIN_PER_LABEL).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LABELS).map(([l]) => l));
  return relabelled.filter((e) => kept.has(e.label));
}

function timeTraining(examples: Example[]): { s: number; labels: number; terms: number } {
  const t0 = performance.now();
  const m = trainClassifier(examples, { threads: THREADS });
  return { s: (performance.now() - t0) / 1000, labels: m.labels.length, terms: m.vocab.length };
}

function stats(ms: number[]): { mean: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { mean: ms.reduce((a, b) => a + b, 0) / ms.length, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

function timeEach(texts: string[], fn: (t: string) => void): number[] {
  const ms: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    fn(t);
    ms.push(performance.now() - t0);
  }
  return ms;
}

const data = readLabelledCsv(DATA);
const texts = data.map((e) => e.text);
console.log(`classifier benchmark: ${data.length} messages from ${DATA}`);

const t0 = performance.now();
const model = trainClassifier(data, { threads: THREADS });
const trainBaseS = (performance.now() - t0) / 1000;
const blob = serializeModel(model);
console.log(`model: ${model.labels.length} labels, ${model.vocab.length} terms, ${blob.length} bytes serialized`);

// Warm up both paths (JIT, jieba dictionary), then time every message.
const jieba = getJieba();
for (const t of texts.slice(0, 300)) {
  jieba.cut(t, false);
  predict(model, t, 3);
}
const seg = stats(timeEach(texts, (t) => jieba.cut(t, false)));
const pred = stats(timeEach(texts, (t) => predict(model, t, 3)));

const big = cycled(data, TRAIN_N);
const big7 = timeTraining(big);
const bigUnits = cycled(unitLabels(data), TRAIN_N);
const big40 = timeTraining(bigUnits);

const row = (name: string, r: { mean: number; p95: number }) =>
  `${name.padEnd(36)} mean ${r.mean.toFixed(3)} ms   p95 ${r.p95.toFixed(3)} ms`;
console.log(row('jieba cut only (baseline)', seg));
console.log(row('predict top-3 (segmentation included)', pred));
console.log(`ratio predict/jieba: ${(pred.mean / seg.mean).toFixed(2)} (target: predict mean <= 1 ms)`);
console.log(`training on ${THREADS} thread(s):`);
console.log(`train ${data.length} examples, ${model.labels.length} labels (baseline): ${trainBaseS.toFixed(1)} s`);
for (const [set, r] of [[big, big7], [bigUnits, big40]] as const) {
  console.log(`train ${set.length} examples, ${r.labels} labels: ${r.s.toFixed(1)} s (${r.terms} terms; target <= 30 s), ` +
    `ratio to baseline ${(r.s / trainBaseS).toFixed(2)} (examples ×${(set.length / data.length).toFixed(2)})`);
}

// Calibration: the models of a 5-fold CV, their out-of-fold top-1 predictions binned by stated confidence.
const cv = runCrossValidation({ path: DATA, folds: 5, options: { threads: THREADS } });
const bins = (r: Reliability) => new Map(r.bins.map((b) => [b.from.toFixed(1), b]));
const [cal, soft] = [bins(cv.reliability), bins(cv.softmaxReliability)];
console.log(`calibration, 5-fold CV (seed ${cv.seed}), ${cv.reliability.total} out-of-fold predictions; stated top-1 confidence vs observed accuracy:`);
console.log(`${'bin'.padEnd(9)} ${'calibrated: n'.padStart(14)} ${'stated'.padStart(7)} ${'observed'.padStart(9)}   ${'softmax only (baseline): n'.padStart(27)} ${'stated'.padStart(7)} ${'observed'.padStart(9)}`);
const cell = (b: Reliability['bins'][number] | undefined, w: number) =>
  b ? `${String(b.count).padStart(w)} ${b.stated.toFixed(3).padStart(7)} ${b.observed.toFixed(3).padStart(9)}` : `${'0'.padStart(w)} ${'–'.padStart(7)} ${'–'.padStart(9)}`;
for (let k = 0; k < 10; k++) {
  const from = (k / 10).toFixed(1);
  if (!cal.has(from) && !soft.has(from)) continue;
  console.log(`${from}–${((k + 1) / 10).toFixed(1)}   ${cell(cal.get(from), 14)}   ${cell(soft.get(from), 27)}`);
}
const worst = (r: Reliability, n: number) => Math.max(0, ...r.bins.filter((b) => b.count >= n).map((b) => Math.abs(b.stated - b.observed))).toFixed(3);
console.log(`expected calibration error: calibrated ${cv.reliability.ece.toFixed(4)}, softmax only (baseline) ${cv.softmaxReliability.ece.toFixed(4)}; ` +
  `ratio ${(cv.reliability.ece / cv.softmaxReliability.ece).toFixed(2)}`);
console.log(`largest |stated - observed| in bins of >= 150 (target <= 0.05): calibrated ${worst(cv.reliability, 150)}, baseline ${worst(cv.softmaxReliability, 150)}; ` +
  `of >= 100: ${worst(cv.reliability, 100)}, baseline ${worst(cv.softmaxReliability, 100)}; of >= 50: ${worst(cv.reliability, 50)}, baseline ${worst(cv.softmaxReliability, 50)}`);
