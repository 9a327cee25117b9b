/**
 * Column and value mapping of an import, and the check of one row against it: every problem of the row with its
 * column and a message in Chinese (and English), or the issue the row becomes. Unmapped columns are kept as extra
 * attributes. Times without a zone are Beijing time; a row keeps its original times.
 */
import { CHANNELS, CHANNEL_NAMES, ISSUE_KINDS, ISSUE_KIND_NAMES, SATISFACTIONS, SATISFACTION_NAMES, type Channel, type IssueKind, type Satisfaction } from '../../../shared/enums.ts';
import { ISSUE_STATUSES, STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { titleFromBody } from '../../../shared/format.ts';

/** The issue fields a source column can fill. */
export const IMPORT_FIELDS = [
  'sourceId', 'title', 'body', 'receivedAt', 'channel', 'kind', 'category', 'orgUnit', 'petitionerName', 'petitionerPhone',
  'status', 'replyText', 'replyAt', 'callbackResult',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_NAMES: Record<ImportField, { zh: string; en: string }> = {
  sourceId: { zh: '原系统编号', en: 'Source id' },
  title: { zh: '标题', en: 'Title' },
  body: { zh: '诉求内容', en: 'Body' },
  receivedAt: { zh: '收到时间', en: 'Received at' },
  channel: { zh: '渠道', en: 'Channel' },
  kind: { zh: '诉求类型', en: 'Kind' },
  category: { zh: '问题分类', en: 'Category' },
  orgUnit: { zh: '所在地/单位', en: 'Place / unit' },
  petitionerName: { zh: '诉求人姓名', en: 'Petitioner name' },
  petitionerPhone: { zh: '诉求人电话', en: 'Petitioner phone' },
  status: { zh: '办理状态', en: 'Status' },
  replyText: { zh: '答复内容', en: 'Reply' },
  replyAt: { zh: '答复时间', en: 'Replied at' },
  callbackResult: { zh: '回访结果', en: 'Call-back result' },
};

/** What a saved mapping holds. */
export interface ImportMapping {
  /** Source column header → issue field. */
  columns: Record<string, ImportField>;
  /** Source value → code, per enumerated field (e.g. status: { 已办结: 'closed' }). Names and codes match anyway. */
  values?: { channel?: Record<string, Channel>; kind?: Record<string, IssueKind>; status?: Record<string, IssueStatus>; callbackResult?: Record<string, Satisfaction> };
  /** Used when a row has no value (or the column is not mapped). */
  defaults?: { channel?: Channel; kind?: IssueKind; orgUnit?: string; status?: IssueStatus };
}

/** The org units and categories rows are resolved against. */
export interface Lookups {
  units: Array<{ id: number; name: string; code: string }>;
  categories: Array<{ id: number; name: string; path: string[] }>;
}

/** A row made ready to insert. */
export interface PreparedRow {
  sourceId: string | null;
  title: string; body: string; receivedAt: string; channel: Channel; kind: IssueKind; categoryId: number | null; orgUnitId: number;
  petitionerName: string | null; petitionerPhone: string | null; status: IssueStatus; replyText: string | null; replyAt: string | null;
  satisfaction: Satisfaction | null;
  /** Unmapped columns with a value. */
  extra: Record<string, string>;
}

/** A problem of one row. */
export interface RowError { row: number; column: string; message: string; messageEn: string }

/** Parse a date/time as written in Chinese sheets; without a zone it is Beijing time. Null when not a date. */
export function parseTime(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  const quick = plainTime(s);
  return quick !== undefined ? quick : parseTimeByPattern(s);
}

/** `parseTime` by its definition: the patterns a sheet's dates are read by (trimmed text). */
export function parseTimeByPattern(s: string): string | null {
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?\s*秒?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const Y = Number(y); const M = Number(mo); const D = Number(d); const H = Number(h); const MI = Number(mi); const S = Number(se);
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || MI > 59 || S > 59) return null;
  const utc = Date.UTC(Y, M - 1, D, H - 8, MI, S);
  const back = new Date(utc + 8 * 3600_000);
  // 2月30日 and the like do not exist.
  if (back.getUTCFullYear() !== Y || back.getUTCMonth() !== M - 1 || back.getUTCDate() !== D) return null;
  return new Date(utc).toISOString();
}

/**
 * The common shape `2019/2/28 11:25:05` (or with `-`, and with or without seconds) read without a regular expression:
 * the time a long file spends here is per row. Undefined when the text has another shape (parseTime reads it then).
 */
function plainTime(s: string): string | null | undefined {
  const n: number[] = [0];
  const digits: number[] = [0];
  const seps: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n[n.length - 1] = n[n.length - 1]! * 10 + c - 48;
      digits[digits.length - 1]!++;
      continue;
    }
    if (digits[digits.length - 1] === 0) return undefined;
    seps.push(s[i]!);
    n.push(0);
    digits.push(0);
  }
  // Four digits of year, then one- or two-digit parts: date parts joined by one kind of separator, a space, hh:mm[:ss].
  const sep = seps[0];
  const shape = seps.join('');
  if ((sep !== '/' && sep !== '-') || digits[0] !== 4 || digits.slice(1).some((d) => d < 1 || d > 2)) return undefined;
  if (shape !== sep + sep && shape !== `${sep}${sep} :` && shape !== `${sep}${sep} ::`) return undefined;
  const [Y = 0, M = 0, D = 0, H = 0, MI = 0, S = 0] = n;
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || MI > 59 || S > 59) return null;
  const utc = Date.UTC(Y, M - 1, D, H - 8, MI, S);
  const back = new Date(utc + 8 * 3600_000);
  if (back.getUTCFullYear() !== Y || back.getUTCMonth() !== M - 1 || back.getUTCDate() !== D) return null;
  return new Date(utc).toISOString();
}

const norm = (s: string) => s.trim().replace(/\s+/g, '').toLowerCase();

/** Look up a code by the mapping's value map, then by code, then by the Chinese or English name. */
function enumValue<T extends string>(text: string, codes: readonly T[], names: Record<T, { zh: string; en: string }>, map?: Record<string, T>): T | undefined {
  const t = text.trim();
  if (map && t in map) return map[t];
  const n = norm(t);
  return codes.find((c) => c === n || norm(names[c].zh) === n || norm(names[c].en) === n);
}

const STATUS_NAMES = Object.fromEntries(ISSUE_STATUSES.map((s) => [s, { zh: STATUS_INFO[s].zh, en: STATUS_INFO[s].en }])) as Record<IssueStatus, { zh: string; en: string }>;

/** A memo of a pure lookup by its text (a file repeats a few place names and status values thousands of times). */
function memo<T>(f: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) {
      v = f(text);
      if (seen.size < 10_000) seen.set(text, v);
    }
    return v as T;
  };
}

/** Check one row against the mapping; `now` bounds the times (nothing is received in the future). */
export function prepareRow(header: string[], cells: string[], row: number, mapping: ImportMapping, lookups: Lookups, now: string): PrepareResult {
  return rowPreparer(header, mapping, lookups, now)(cells, row);
}

export type PrepareResult = { ok: true; value: PreparedRow } | { ok: false; errors: RowError[] };

/**
 * The check of `prepareRow` made once for a file: columns resolved to fields, units and categories indexed by
 * normalised name and code, enumerated values remembered — so each row costs its own values only.
 */
export function rowPreparer(header: string[], mapping: ImportMapping, lookups: Lookups, now: string): (cells: string[], row: number) => PrepareResult {
  const fieldAt = header.map((h) => mapping.columns[h]);
  const unitsByCode = new Map<string, number[]>();
  const unitsByName = new Map<string, number[]>();
  for (const u of lookups.units) {
    (unitsByCode.get(u.code) ?? unitsByCode.set(u.code, []).get(u.code)!).push(u.id);
    const n = norm(u.name);
    (unitsByName.get(n) ?? unitsByName.set(n, []).get(n)!).push(u.id);
  }
  const unitOf = memo((text: string): number[] => {
    const byCode = unitsByCode.get(text.trim()) ?? [];
    return byCode.length ? byCode : unitsByName.get(norm(text)) ?? [];
  });
  const categoryOf = memo((cat: string): number[] => {
    const parts = cat.split(/\s*[/>＞›、\\-]\s*/).filter(Boolean);
    const last = norm(parts[parts.length - 1] ?? '');
    return lookups.categories.filter((c) => norm(c.name) === last && (parts.length === 1 || parts.every((p, i) => norm(c.path[c.path.length - parts.length + i] ?? '') === norm(p)))).map((c) => c.id);
  });
  const channelOf = memo((v: string) => enumValue(v, CHANNELS, CHANNEL_NAMES, mapping.values?.channel));
  const kindOf = memo((v: string) => enumValue(v, ISSUE_KINDS, ISSUE_KIND_NAMES, mapping.values?.kind));
  const statusOf = memo((v: string) => enumValue(v, ISSUE_STATUSES, STATUS_NAMES, mapping.values?.status));
  const satisfactionOf = memo((v: string) => enumValue(v, SATISFACTIONS, SATISFACTION_NAMES, mapping.values?.callbackResult));
  return (cells, row) => checkRow(cells, row);

  function checkRow(cells: string[], row: number): PrepareResult {
    const errors: RowError[] = [];
    const fail = (column: string, message: string, messageEn: string) => { errors.push({ row, column, message, messageEn }); };
    const byField = new Map<ImportField, { column: string; value: string }>();
    const extra: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) {
      const h = header[i]!;
      const value = (cells[i] ?? '').trim();
      const field = fieldAt[i];
      if (field) byField.set(field, { column: h, value });
      else if (h && value) extra[h] = value;
    }
    const get = (f: ImportField) => byField.get(f);
    const col = (f: ImportField) => get(f)?.column ?? IMPORT_FIELD_NAMES[f].zh;
    const tooLong = (f: ImportField, max: number) => {
      const v = get(f)?.value ?? '';
      if (v.length > max) fail(col(f), `${IMPORT_FIELD_NAMES[f].zh}超过 ${max} 字（${v.length} 字）`, `${IMPORT_FIELD_NAMES[f].en} is longer than ${max} characters (${v.length})`);
    };

    const body = get('body')?.value ?? '';
    if (!body) fail(col('body'), '诉求内容为空', 'the body is empty');
    tooLong('body', LIMITS.bodyMax);
    tooLong('title', LIMITS.titleMax);
    tooLong('petitionerName', LIMITS.nameMax);
    tooLong('petitionerPhone', LIMITS.phoneMax);
    tooLong('replyText', LIMITS.textMax);
    const phone = get('petitionerPhone')?.value ?? '';
    if (phone && !/^[0-9+\-() ]*$/.test(phone)) fail(col('petitionerPhone'), `电话「${phone}」只能包含数字和 +-()`, `phone "${phone}" may only hold digits and +-()`);

    const time = (f: 'receivedAt' | 'replyAt') => {
      const v = get(f)?.value ?? '';
      if (!v) return null;
      const t = parseTime(v);
      if (!t) { fail(col(f), `${IMPORT_FIELD_NAMES[f].zh}「${v}」不是有效的日期时间（例：2019/2/28 11:25:05）`, `${IMPORT_FIELD_NAMES[f].en} "${v}" is not a valid date and time`); return null; }
      if (t > now) { fail(col(f), `${IMPORT_FIELD_NAMES[f].zh}「${v}」晚于当前时间`, `${IMPORT_FIELD_NAMES[f].en} "${v}" is in the future`); return null; }
      return t;
    };
    const receivedAt = time('receivedAt');
    if (!get('receivedAt')?.value) fail(col('receivedAt'), '收到时间为空（历史问题须保留原始时间）', 'the received time is empty (imported cases keep their original time)');
    const replyAt = time('replyAt');
    if (receivedAt && replyAt && replyAt < receivedAt) fail(col('replyAt'), '答复时间早于收到时间', 'the reply is earlier than the receipt');

    const enumField = <T extends string>(f: ImportField, lookup: (v: string) => T | undefined, fallback: T | undefined): T | undefined => {
      const v = get(f)?.value ?? '';
      if (!v) return fallback;
      const code = lookup(v);
      if (!code) fail(col(f), `${IMPORT_FIELD_NAMES[f].zh}「${v}」无法识别，请在取值对照中指定`, `${IMPORT_FIELD_NAMES[f].en} "${v}" is not known; map it in the value mapping`);
      return code;
    };
    const channel = enumField('channel', channelOf, mapping.defaults?.channel);
    const kind = enumField('kind', kindOf, mapping.defaults?.kind);
    const status = enumField('status', statusOf, mapping.defaults?.status ?? (replyAt ? 'replied' : 'registered'));
    const satisfaction = enumField('callbackResult', satisfactionOf, undefined) ?? null;
    if (!channel && !get('channel')?.value) fail(col('channel'), '渠道为空，且未设置默认渠道', 'no channel, and no default channel is set');
    if (!kind && !get('kind')?.value) fail(col('kind'), '诉求类型为空，且未设置默认类型', 'no kind, and no default kind is set');

    let categoryId: number | null = null;
    const cat = get('category')?.value ?? '';
    if (cat) {
      const candidates = categoryOf(cat);
      if (candidates.length === 1) categoryId = candidates[0]!;
      else if (candidates.length === 0) fail(col('category'), `问题分类「${cat}」不存在`, `category "${cat}" does not exist`);
      else fail(col('category'), `问题分类「${cat}」对应多个分类，请写完整路径（如 城乡建设/物业管理）`, `category "${cat}" is ambiguous; give its path`);
    }

    let orgUnitId: number | null = null;
    const unitText = get('orgUnit')?.value || mapping.defaults?.orgUnit || '';
    if (!unitText) fail(col('orgUnit'), '所在地为空，且未设置默认单位', 'no place, and no default unit is set');
    else {
      const byName = unitOf(unitText);
      if (byName.length === 1) orgUnitId = byName[0]!;
      else if (byName.length === 0) fail(col('orgUnit'), `单位「${unitText}」不存在或不在您的管辖范围内`, `unit "${unitText}" does not exist or is outside your scope`);
      else fail(col('orgUnit'), `单位名称「${unitText}」对应多个单位，请改用单位代码`, `unit name "${unitText}" is ambiguous; use its code`);
    }

    if (errors.length) return { ok: false, errors };
    const title = get('title')?.value || titleFromBody(body);
    return {
      ok: true,
      value: {
        sourceId: get('sourceId')?.value || null, title, body, receivedAt: receivedAt!, channel: channel!, kind: kind!, categoryId, orgUnitId: orgUnitId!,
        petitionerName: get('petitionerName')?.value || null, petitionerPhone: phone || null, status: status!,
        replyText: get('replyText')?.value || null, replyAt, satisfaction, extra,
      },
    };
  }
}
