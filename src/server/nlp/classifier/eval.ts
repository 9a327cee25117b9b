// Offline evaluation of the classifier on labelled CSV files: train/test and k-fold cross-validation.
// Wired to `yixian classifier eval|cv` in main.ts; both reports end with the line `macro-F1: 0.xxxx`.
import { readLabelledCsv } from './csv.ts';
import { calibratedProbabilities, topLead } from './calibration.ts';
import { evaluate, fmt4, formatReliability, formatReport, formatTable, reliability, type ClassificationReport, type Reliability } from './metrics.ts';
import { messageBag, predict, scoreBag } from './model.ts';
import { DEFAULT_TRAIN_OPTIONS, stratifiedFolds, trainClassifier, trainOnBags, type TrainOptions } from './train.ts';

/** Result of {@link runEval}: the metrics and the printable report. */
export interface EvalResult {
  report: ClassificationReport;
  trainMs: number;
  /** Mean prediction time per test message, including segmentation. */
  predictMsPerMessage: number;
  text: string;
}

/** Trains on one labelled CSV and evaluates on another. */
export function runEval(args: { trainPath: string; testPath: string; options?: Partial<TrainOptions> }): EvalResult {
  const train = readLabelledCsv(args.trainPath);
  const test = readLabelledCsv(args.testPath);
  const t0 = performance.now();
  const model = trainClassifier(train, args.options);
  const trainMs = performance.now() - t0;
  const t1 = performance.now();
  const predicted = test.map((e) => predict(model, e.text, 1)[0]?.label ?? '');
  const predictMsPerMessage = test.length > 0 ? (performance.now() - t1) / test.length : 0;
  const labels = [...new Set([...model.labels, ...test.map((e) => e.label)])].sort();
  const report = evaluate(
    test.map((e) => e.label),
    predicted,
    labels,
  );
  const text = [
    `训练集: ${args.trainPath}（${train.length} 条，${model.labels.length} 类，词表 ${model.vocab.length}）`,
    `测试集: ${args.testPath}（${test.length} 条）`,
    `训练耗时: ${(trainMs / 1000).toFixed(1)} s；预测: ${predictMsPerMessage.toFixed(3)} ms/条`,
    '',
    formatReport(report),
  ].join('\n');
  return { report, trainMs, predictMsPerMessage, text };
}

/** Result of {@link runCrossValidation}. */
export interface CrossValidationResult {
  folds: number;
  seed: number;
  /** Macro-F1 of each fold's held-out messages. */
  foldMacroF1: number[];
  foldAccuracy: number[];
  mean: number;
  sd: number;
  /** All folds' out-of-fold predictions pooled into one report. */
  pooled: ClassificationReport;
  /** Stated top-1 confidence against accuracy of the pooled out-of-fold predictions (10 bins). */
  reliability: Reliability;
  /**
   * The same for the top label's softmax(temperature × decision values) alone, the confidence shown before issue 15
   * (printed next to the calibrated one by the classifier bench).
   */
  softmaxReliability: Reliability;
  text: string;
}

/** Default seed of the fold assignment, so repeated runs report the same folds. */
export const DEFAULT_CV_SEED = 42;

function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

/** Stratified k-fold cross-validation on one labelled CSV (deterministic folds for a seed). */
export function runCrossValidation(args: {
  path: string;
  folds?: number;
  seed?: number;
  options?: Partial<TrainOptions>;
}): CrossValidationResult {
  const k = args.folds ?? 5;
  const seed = args.seed ?? DEFAULT_CV_SEED;
  if (!Number.isInteger(k) || k < 2) throw new Error(`折数必须是不小于 2 的整数（收到 ${args.folds}）`);
  const data = readLabelledCsv(args.path);
  if (data.length < k) throw new Error(`样本数 ${data.length} 少于折数 ${k}`);
  const options = args.options ?? {};
  const features = options.features ?? DEFAULT_TRAIN_OPTIONS.features;
  // Extraction does not depend on the training data, so it is done once; vocabulary and IDF are per fold.
  const bags = data.map((e) => messageBag(e.text, features));
  const labels = data.map((e) => e.label);
  const fold = stratifiedFolds(labels, k, seed);
  const predicted: string[] = new Array<string>(data.length).fill('');
  const stated = new Float64Array(data.length);
  const softmaxStated = new Float64Array(data.length);
  const foldMacroF1: number[] = [];
  const foldAccuracy: number[] = [];
  const lines: string[] = [];
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    fold.forEach((g, i) => (g === f ? testIdx : trainIdx).push(i));
    const t0 = performance.now();
    const model = trainOnBags(
      trainIdx.map((i) => bags[i]!),
      trainIdx.map((i) => labels[i]!),
      { ...options, features },
    );
    const ms = performance.now() - t0;
    for (const i of testIdx) {
      const s = scoreBag(model, bags[i]!);
      const { top } = topLead(s);
      predicted[i] = model.labels[top]!;
      let z = 0;
      for (let c = 0; c < s.length; c++) z += Math.exp(model.calibration.temperature * (s[c]! - s[top]!));
      softmaxStated[i] = 1 / z;
      stated[i] = calibratedProbabilities(s, model.calibration, new Float64Array(s.length))[top]!;
    }
    const r = evaluate(
      testIdx.map((i) => labels[i]!),
      testIdx.map((i) => predicted[i]!),
      [...new Set(labels)].sort(),
    );
    foldMacroF1.push(r.macroF1);
    foldAccuracy.push(r.accuracy);
    lines.push(`第 ${f + 1} 折: macro-F1 ${fmt4(r.macroF1)}  accuracy ${fmt4(r.accuracy)}  (测试 ${testIdx.length} 条, 训练 ${(ms / 1000).toFixed(1)} s)`);
  }
  const pooled = evaluate(labels, predicted);
  const correct = labels.map((l, i) => predicted[i] === l);
  const rel = reliability(stated, correct);
  const { mean, sd } = meanSd(foldMacroF1);
  const acc = meanSd(foldAccuracy);
  const text = [
    `${k} 折分层交叉验证: ${args.path}（${data.length} 条，${pooled.labels.length} 类，seed ${seed}）`,
    '',
    '各折预测合并后的结果:',
    formatTable(pooled),
    '',
    ...lines,
    '',
    '置信度校准（各折预测合并，首选类别的声称置信度与实际正确率）:',
    formatReliability(rel),
    '',
    `accuracy（各折均值 ± 标准差）: ${fmt4(acc.mean)} ± ${fmt4(acc.sd)}`,
    `macro-F1（各折均值 ± 标准差）: ${fmt4(mean)} ± ${fmt4(sd)}`,
    `macro-F1: ${fmt4(mean)}`,
  ].join('\n');
  const softmaxReliability = reliability(softmaxStated, correct);
  return { folds: k, seed, foldMacroF1, foldAccuracy, mean, sd, pooled, reliability: rel, softmaxReliability, text };
}
