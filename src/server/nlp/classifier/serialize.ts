/**
 * The model as stored (`suggestion_models.model`): a blob with the magic `YXC1`, a JSON header (format version,
 * labels, feature options, calibration, term count), then vocabulary, IDF, scales, biases and int8 weights,
 * little-endian. Format versions:
 * - 3 (written since issue 15): the header's `calibration` (calibration.ts: temperature, Platt slope and intercept,
 *   whether they were fitted);
 * - 2 was the knowledge-term option removed in issue 14, never stored by a server: refused like any unknown version;
 * - 1: a softmax `temperature` only. Still read (models in databases): that temperature spreads the other labels, and
 *   the top label's confidence uses the default Platt scaling, marked not fitted.
 */
import { DEFAULT_CALIBRATION, type Calibration } from './calibration.ts';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.ts';
import type { Model } from './model.ts';

const MAGIC = 'YXC1';
/** The format written. */
const VERSION = 3;

/** The model as a compact binary blob (header JSON, then vocabulary, IDF, scales, biases, int8 weights). */
export function serializeModel(model: Model): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      version: VERSION,
      labels: model.labels,
      features: model.features,
      calibration: model.calibration,
      terms: model.vocab.length,
    }),
    'utf8',
  );
  const pad = (4 - ((8 + header.length) % 4)) % 4;
  const prefix = Buffer.alloc(8 + header.length + pad);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  header.copy(prefix, 8);
  const le = (a: Int32Array | Float32Array): Buffer => {
    const b = Buffer.alloc(a.length * 4);
    for (let i = 0; i < a.length; i++) {
      if (a instanceof Int32Array) b.writeInt32LE(a[i] as number, i * 4);
      else b.writeFloatLE(a[i] as number, i * 4);
    }
    return b;
  };
  return Buffer.concat([
    prefix,
    le(model.vocab),
    le(model.idf),
    le(model.scale),
    le(model.bias),
    Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
  ]);
}

/** Loads a model written by {@link serializeModel}; rejects other blobs with a clear error. */
export function deserializeModel(buf: Uint8Array): Model {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8 || b.toString('latin1', 0, 4) !== MAGIC) throw new Error('不是分类模型数据（文件头不符）');
  const headerLength = b.readUInt32LE(4);
  const header = JSON.parse(b.toString('utf8', 8, 8 + headerLength)) as {
    version: number;
    labels: string[];
    features: FeatureOptions;
    /** Format 1. */
    temperature?: number;
    /** Format 3. */
    calibration?: Calibration;
    terms: number;
  };
  if (header.version !== 1 && header.version !== VERSION) throw new Error(`不支持的分类模型版本：${header.version}`);
  const n = header.terms;
  const k = header.labels.length;
  let o = 8 + headerLength + ((4 - ((8 + headerLength) % 4)) % 4);
  if (b.length !== o + n * 8 + k * 8 + n * k) throw new Error('分类模型数据长度不符（可能已损坏）');
  const ints = (len: number): Int32Array => {
    const a = new Int32Array(len);
    for (let i = 0; i < len; i++, o += 4) a[i] = b.readInt32LE(o);
    return a;
  };
  const floats = (len: number): Float32Array => {
    const a = new Float32Array(len);
    for (let i = 0; i < len; i++, o += 4) a[i] = b.readFloatLE(o);
    return a;
  };
  const vocab = ints(n);
  const idf = floats(n);
  const scale = floats(k);
  const bias = floats(k);
  const weights = new Int8Array(n * k);
  for (let i = 0; i < n * k; i++) weights[i] = b.readInt8(o + i);
  const calibration: Calibration = header.version === 1
    ? { ...DEFAULT_CALIBRATION, temperature: header.temperature ?? DEFAULT_CALIBRATION.temperature, fitted: false }
    : { ...DEFAULT_CALIBRATION, ...header.calibration };
  return {
    version: header.version,
    labels: header.labels,
    features: { ...DEFAULT_FEATURE_OPTIONS, ...header.features },
    vocab,
    idf,
    weights,
    scale,
    bias,
    calibration,
  };
}
