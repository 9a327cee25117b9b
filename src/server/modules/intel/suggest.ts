/**
 * Category and unit suggestions at intake. Two classifiers per tenant (`nlp/classifier/`), trained from the
 * tenant's closed issues — the category the clerk finally chose, the unit that handled it — and kept in
 * `suggestion_models`; what was suggested and what the clerk chose is recorded in `intake_suggestions`, so every
 * correction is training data for the next model.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { deserializeModel, predict, serializeModel, trainClassifier, type Example, type Model } from '../../nlp/index.ts';
import * as repo from './intel.repo.ts';

type Db = Kysely<DB>;

export const SUGGESTION_KINDS = ['category', 'unit'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** Fewer examples than this (or one class) train no model: suggestions would be noise. */
export const MIN_EXAMPLES = 20;
/**
 * A label needs this many closed issues to be learnt, and at most this many labels (the most frequent) are: training
 * time grows with the labels (one-vs-rest; 10,000 issues × 40 labels took 17–22 s here on two threads, see
 * bench/README.md), and a unit or category that handled two cases is not a useful suggestion yet.
 */
export const MIN_PER_LABEL = 3;
export const MAX_LABELS = 40;
/**
 * Threads that solve a model's one-vs-rest problems (nlp/classifier/pool.ts): two where there are two cores (solving
 * 10,000 issues × 40 labels took 10.7 s instead of 16.2 s on one, with other work running); the model is the same
 * for any count.
 */
export const TRAIN_THREADS = Math.min(2, availableParallelism());

/** The training examples of a kind: closed issues (not declined or merged) with their final category / unit, of the labels kept. */
export async function trainingExamples(db: Db, tenantId: number, kind: SuggestionKind): Promise<Example[]> {
  const column = kind === 'category' ? 'issues.categoryId' : 'issues.responsibleUnitId';
  const rows = await repo.closedIssueLabels(db, tenantId, column);
  const all = rows.map((r) => ({ text: `${r.title}\n${r.body}`, label: String(r.label) }));
  const counts = new Map<string, number>();
  for (const e of all) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const kept = new Set([...counts].filter(([, n]) => n >= MIN_PER_LABEL).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LABELS).map(([l]) => l));
  return all.filter((e) => kept.has(e.label));
}

export interface TrainResult { kind: SuggestionKind; modelId: number | null; examples: number; classes: number; ms: number; bytes: number }

/** How a model is trained: here (CLI, tests) or in a worker thread (the running server). */
export type Trainer = (examples: Example[]) => Promise<Buffer>;

export const trainHere: Trainer = async (examples) => serializeModel(trainClassifier(examples, { threads: TRAIN_THREADS }));

export const trainInWorker: Trainer = (examples) => new Promise((resolve, reject) => {
  const w = new Worker(new URL('./train-worker.js', import.meta.url), { workerData: { examples, threads: TRAIN_THREADS } });
  w.once('message', (blob: Uint8Array) => resolve(Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)));
  w.once('error', reject);
  w.once('exit', (code) => { if (code !== 0) reject(new Error(`training worker exited with ${code}`)); });
});

/** Train and store the models of a tenant. A kind with too few examples keeps its previous model. */
export async function trainSuggestionModels(db: Db, tenantId: number, now: string, train: Trainer = trainHere): Promise<TrainResult[]> {
  const results: TrainResult[] = [];
  for (const kind of SUGGESTION_KINDS) {
    const examples = await trainingExamples(db, tenantId, kind);
    const classes = new Set(examples.map((e) => e.label)).size;
    if (examples.length < MIN_EXAMPLES || classes < 2) {
      results.push({ kind, modelId: null, examples: examples.length, classes, ms: 0, bytes: 0 });
      continue;
    }
    const t0 = performance.now();
    const blob = await train(examples);
    const ms = Math.round(performance.now() - t0);
    const modelId = await repo.insertModel(db, {
      tenantId, kind, trainedAt: now, examples: examples.length, classes, metrics: JSON.stringify({ trainMs: ms, bytes: blob.length }), model: blob,
    });
    // Keep the last three models of a kind (the newest serves; older ones for comparison).
    await repo.pruneModels(db, tenantId, kind, 3);
    invalidateModels(tenantId);
    results.push({ kind, modelId, examples: examples.length, classes, ms, bytes: blob.length });
  }
  return results;
}

interface Loaded { id: number; model: Model }
/** Loaded models by tenant and kind, checked against the database at most every few seconds. */
const cache = new Map<string, { loaded: Loaded | null; checkedAt: number }>();
const RECHECK_MS = 5_000;

export function invalidateModels(tenantId?: number): void {
  for (const k of [...cache.keys()]) if (tenantId === undefined || k.startsWith(`${tenantId}:`)) cache.delete(k);
}

async function modelOf(db: Db, tenantId: number, kind: SuggestionKind): Promise<Loaded | null> {
  const key = `${tenantId}:${kind}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.loaded;
  const latest = await repo.latestModelId(db, tenantId, kind);
  let loaded = hit?.loaded ?? null;
  if (latest === undefined) loaded = null;
  else if (loaded?.id !== latest) {
    const row = await repo.modelBlob(db, latest);
    loaded = { id: row.id, model: deserializeModel(Buffer.from(row.model)) };
  }
  cache.set(key, { loaded, checkedAt: Date.now() });
  return loaded;
}

/**
 * Below this calibrated confidence a suggestion is marked low-confidence (把握不大): it is more likely wrong than
 * right, and the intake screen greys it out.
 */
export const LOW_CONFIDENCE = 0.5;

/**
 * The top `k` labels of one kind for a text, with the model that made them (null: no model yet). Confidences are
 * calibrated (nlp/classifier/calibration.ts); `calibrated` is false for a model trained before calibration (format 1)
 * or on too few issues, whose confidences use default values until it is retrained.
 */
export async function suggest(db: Db, tenantId: number, kind: SuggestionKind, text: string, k = 3, allowed?: (label: string) => boolean) {
  const m = await modelOf(db, tenantId, kind);
  if (!m) return null;
  // Ask for more than k: labels that are no longer allowed (a disabled category, a unit out of scope) are dropped.
  const items = predict(m.model, text, allowed ? Math.min(m.model.labels.length, k + 10) : k).filter((p) => !allowed || allowed(p.label)).slice(0, k)
    .map((p) => ({ ...p, lowConfidence: p.confidence < LOW_CONFIDENCE }));
  return { modelId: m.id, calibrated: m.model.calibration.fitted, items };
}

/**
 * The scheduled job: train a tenant's models when it has none, or when the newest is older than `maxAgeHours` and
 * issues were closed since. Returns what was trained.
 */
export async function trainIfDue(db: Db, now: string, maxAgeHours: number, train: Trainer = trainHere): Promise<TrainResult[]> {
  const out: TrainResult[] = [];
  const tenants = await repo.allTenants(db);
  for (const { id } of tenants) {
    const trainedAt = await repo.lastTrainedAt(db, id);
    if (trainedAt !== undefined) {
      const old = Date.parse(now) - Date.parse(trainedAt) > maxAgeHours * 3600_000;
      const closedSince = await repo.closedSince(db, id, trainedAt);
      if (!old || !closedSince) continue;
    }
    out.push(...await trainSuggestionModels(db, id, now, train));
  }
  return out;
}
