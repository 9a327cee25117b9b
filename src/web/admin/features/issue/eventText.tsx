/** Timeline events in words: the event's name, and its data as labelled lines in the user's language. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ACTIVITY_KIND_NAMES, CHANNEL_NAMES, ONSITE_OUTCOME_NAMES, type OnsiteOutcome, DEADLINE_KIND_NAMES, ISSUE_KIND_NAMES, REPLY_OUTCOME_NAMES, SATISFACTION_NAMES,
  type ActivityKind, type Channel, type DeadlineKind, type IssueKind, type ReplyOutcome, type Satisfaction,
} from '../../../../shared/enums.ts';
import type { EventType, OtherEventType } from '../../../../shared/events.ts';
import { ACTION_NAMES, type IssueAction } from '../../../../shared/lifecycle.ts';
import { FIELD_LABELS } from '../../../../shared/messages.ts';
import { DOCUMENT_KIND_NAMES, type DocumentKind } from '../../../../shared/documents.ts';
import type { TimelineEvent } from '../../api/types.ts';
import { fmtDateTime, type Lang } from '../../app/i18n.tsx';
import type { Pair } from './words.ts';

/** Events that are not lifecycle actions. */
const OTHER_EVENTS: Record<OtherEventType, Pair> = {
  create: { zh: '登记', en: 'Registered' },
  escalate: { zh: '系统督办', en: 'Escalated by the system' },
  warn: { zh: '到期预警', en: 'Due-date warning' },
  merged_in: { zh: '并入', en: 'Merged in' },
  attachment: { zh: '上传附件', en: 'Files uploaded' },
  linked: { zh: '关联问题', en: 'Linked to an issue' },
  linked_from: { zh: '被其他问题关联', en: 'Linked from an issue' },
  imported: { zh: '从原系统导入', en: 'Imported from an older system' },
  from_activity: { zh: '在下基层活动中听到', en: 'Heard at a grassroots activity' },
  owner: { zh: '指定包案领导', en: 'Owning leader named' },
  onsite: { zh: '列入现场办公议题', en: 'On an on-site session\'s agenda' },
  document: { zh: '出具书面文书', en: 'Document issued' },
};

/** What an imported case's source did not say (`unknown` of its `imported` entry): marked, not invented. */
const UNKNOWN_NAMES: Record<string, Pair> = {
  steps: { zh: '中间办理步骤', en: 'the steps in between' },
  acceptedAt: { zh: '受理时间', en: 'when it was accepted' },
  closedAt: { zh: '办结时间（按收到时间记）', en: 'when it was closed (the receipt time is shown)' },
};

/** Kinds of link between two issues (`linked` and `linked_from` events). */
const LINK_KINDS: Record<string, Pair> = {
  repeat: { zh: '重复件', en: 'Repeat' },
  similar: { zh: '相似件', en: 'Similar' },
};
const isLinkEvent = (type: EventType) => type === 'linked' || type === 'linked_from';

/** The display name of an event type. */
export function eventName(type: EventType): Pair {
  // A type this build does not know yet (a newer server) is shown as its code.
  return ACTION_NAMES[type as IssueAction] ?? OTHER_EVENTS[type as OtherEventType] ?? { zh: type, en: type };
}

/** Labels of data keys that FIELD_LABELS (the API's field names) does not cover, or covers too loosely here. */
const LABELS: Record<string, Pair> = {
  unitName: { zh: '承办单位', en: 'Unit' },
  ownerName: { zh: '包案领导', en: 'Owning leader' },
  newDueAt: { zh: '新的办理期限', en: 'New due date' },
  window: { zh: '申请期', en: 'Request window' },
  deadlineKind: { zh: '期限', en: 'Clock' },
  dueAt: { zh: '到期时间', en: 'Due' },
  message: { zh: '说明', en: 'Message' },
  files: { zh: '文件', en: 'Files' },
  fromIssueId: { zh: '并入的问题', en: 'Merged issue' },
  relatedIssueId: { zh: '关联的问题', en: 'Linked issue' },
  intoIssueId: { zh: '并入问题', en: 'Merged into' },
  orgUnitId: { zh: '所在地', en: 'Place' },
  receivedAt: { zh: '收到时间', en: 'Received' },
  days: { zh: '延期天数', en: 'Days' },
  sourceId: { zh: '原系统编号', en: 'Source id' },
  row: { zh: '源文件行号', en: 'Row in the file' },
  batchId: { zh: '导入批次', en: 'Import batch' },
  importedAt: { zh: '导入时间', en: 'Imported at' },
  unknown: { zh: '原系统未记录', en: 'Not in the source' },
  extra: { zh: '其他列', en: 'Other columns' },
  imported: { zh: '来源', en: 'Source' },
  atUnknown: { zh: '时间', en: 'Time' },
  activityTitle: { zh: '活动', en: 'Activity' },
  activityKind: { zh: '活动类型', en: 'Kind of activity' },
  activityStartsAt: { zh: '活动时间', en: 'Held at' },
  onsiteOutcome: { zh: '现场办公结果', en: 'Outcome' },
  number: { zh: '文号', en: 'Number' },
  documentKind: { zh: '文书', en: 'Document' },
};

/** Per event type, a better label for `text`. */
const TEXT_LABELS: Partial<Record<EventType, Pair>> = {
  reply: { zh: '答复内容', en: 'Reply' },
  decide_review: { zh: '复查意见', en: 'Review decision' },
  decide_re_review: { zh: '复核意见', en: 'Re-review decision' },
};

/** Keys shown in this order; anything else after them. Keys here with no renderer are folded into others. */
const ORDER = [
  'deadlineKind', 'unitName', 'unitId', 'dueAt', 'outcome', 'text', 'basis', 'resolved', 'satisfaction', 'days', 'newDueAt',
  'reason', 'properChannel', 'note', 'intoIssueId', 'fromIssueId', 'relatedIssueId', 'window', 'message',
  'channel', 'kind', 'receivedAt', 'orgUnitId', 'files',
  'sourceId', 'row', 'extra', 'unknown', 'batchId', 'importedAt', 'imported', 'atUnknown',
  'activityTitle', 'activityKind', 'activityStartsAt', 'onsiteOutcome', 'documentKind', 'number',
];
/** Keys never shown on their own. */
const HIDDEN = new Set(['documentId', 'documentTitle', 'firstContact', 'intoTrackingCode', 'trackingCode', 'version', 'action', 'activityId', 'ownerId', 'previousId']);

export interface EventLine {
  key: string;
  label: string;
  value: ReactNode;
}

interface Ctx {
  lang: Lang;
  unitName: (id: number | null | undefined) => string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const pick = (pair: Pair | undefined, lang: Lang, fallback: string) => (pair ? pair[lang] : fallback);

function label(type: EventType, key: string, lang: Lang): string {
  const text = TEXT_LABELS[type];
  if (key === 'text' && text) return text[lang];
  if (key === 'dueAt' && type === 'assign') return lang === 'zh' ? '办理期限' : 'Due date';
  if (key === 'fromIssueId' && type === 'linked_from') return lang === 'zh' ? '关联自' : 'From issue';
  if (key === 'kind' && isLinkEvent(type)) return lang === 'zh' ? '关联类型' : 'Link kind';
  const p = LABELS[key] ?? FIELD_LABELS[key];
  return p ? (lang === 'zh' ? p.zh : cap(p.en)) : key;
}

function issueLink(id: unknown, code: unknown): ReactNode {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return String(code ?? id);
  return <Link to={`/issues/${n}`}>{typeof code === 'string' && code ? code : `#${n}`}</Link>;
}

function valueOf(type: EventType, key: string, v: unknown, data: Record<string, unknown>, { lang, unitName }: Ctx): ReactNode {
  const yes = lang === 'zh' ? '是' : 'Yes';
  const no = lang === 'zh' ? '否' : 'No';
  if (key === 'kind' && isLinkEvent(type)) return pick(LINK_KINDS[String(v)], lang, String(v));
  switch (key) {
    case 'outcome': return pick(REPLY_OUTCOME_NAMES[v as ReplyOutcome], lang, String(v));
    case 'satisfaction': return pick(SATISFACTION_NAMES[v as Satisfaction], lang, String(v));
    case 'resolved': return v === true ? (lang === 'zh' ? '已解决' : 'Resolved') : v === false ? (lang === 'zh' ? '未解决' : 'Not resolved') : String(v);
    case 'channel': return pick(CHANNEL_NAMES[v as Channel], lang, String(v));
    case 'kind': return pick(ISSUE_KIND_NAMES[v as IssueKind], lang, String(v));
    case 'deadlineKind': return pick(DEADLINE_KIND_NAMES[v as DeadlineKind], lang, String(v));
    case 'orgUnitId':
    case 'unitId': return unitName(Number(v));
    case 'dueAt':
    case 'newDueAt':
    case 'receivedAt': return typeof v === 'string' ? fmtDateTime(v) : String(v);
    case 'days': return lang === 'zh' ? `${String(v)} 日` : `${String(v)} days`;
    case 'intoIssueId': return issueLink(v, data.intoTrackingCode);
    case 'fromIssueId':
    case 'relatedIssueId': return issueLink(v, data.trackingCode);
    case 'window': {
      // Stored as the Chinese clock name; find it to say it in English too.
      const kind = Object.values(DEADLINE_KIND_NAMES).find((p) => p.zh === v);
      return kind ? kind[lang] : String(v);
    }
    case 'importedAt': return typeof v === 'string' ? fmtDateTime(v) : String(v);
    case 'batchId': return `#${String(v)}`;
    case 'activityTitle': return <Link to={`/activities/${Number(data.activityId)}`} data-testid="timeline-activity-link">{String(v)}</Link>;
    case 'activityKind': return pick(ACTIVITY_KIND_NAMES[v as ActivityKind], lang, String(v));
    case 'documentKind': return <Link to={`/documents/${Number(data.documentId)}`} data-testid="timeline-document-link">{pick(DOCUMENT_KIND_NAMES[v as DocumentKind], lang, String(v))}</Link>;
    case 'onsiteOutcome': return pick(ONSITE_OUTCOME_NAMES[v as OnsiteOutcome], lang, String(v));
    case 'activityStartsAt': return typeof v === 'string' ? fmtDateTime(v) : String(v);
    case 'imported': return v === true ? (lang === 'zh' ? '从原系统导入' : 'Imported from an older system') : String(v);
    case 'atUnknown': return v === true ? (lang === 'zh' ? '原系统未记录（按答复或收到时间记）' : 'Not in the source (the reply or receipt time is shown)') : String(v);
    case 'unknown': return (Array.isArray(v) ? v : []).map((k) => pick(UNKNOWN_NAMES[String(k)], lang, String(k))).join(lang === 'zh' ? '、' : ', ');
    case 'extra': {
      const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
      return Object.entries(o).map(([k, x]) => (lang === 'zh' ? `${k}：${String(x)}` : `${k}: ${String(x)}`)).join(lang === 'zh' ? '；' : '; ');
    }
    case 'files': {
      const files = Array.isArray(v) ? (v as { filename?: string; size?: number }[]) : [];
      return files.map((f) => `${f.filename ?? '?'}${typeof f.size === 'number' ? `（${sizeText(f.size)}）` : ''}`).join(lang === 'zh' ? '、' : ', ');
    }
  }
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** The event's data as labelled lines. */
export function eventLines(ev: TimelineEvent, ctx: Ctx): EventLine[] {
  const data = ev.data ?? {};
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0);
  const keys = Object.keys(data).filter((k) => !HIDDEN.has(k) && !empty(data[k]));
  // The unit's name is kept on the event; its id only matters when the name is missing.
  const shown = keys.filter((k) => !(k === 'unitId' && 'unitName' in data));
  // The sweeper's message is Chinese text: in English, the clock and its due date say the same.
  const visible = shown.filter((k) => !(k === 'message' && ctx.lang !== 'zh'));
  visible.sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib);
  });
  return visible.map((k) => ({ key: k, label: label(ev.type, k, ctx.lang), value: valueOf(ev.type, k, data[k], data, ctx) }));
}

/** The dot colour of an event on the timeline. */
export function eventColour(type: EventType): string {
  switch (type) {
    case 'escalate': return '#cf1322';
    case 'warn': return '#fa8c16';
    case 'supervise': return '#fa541c';
    case 'close': case 'callback': return '#389e0d';
    case 'decline': case 'merge': case 'return': return '#8c8c8c';
    case 'linked': case 'linked_from': return '#13c2c2';
    case 'reopen': case 'request_review': case 'request_re_review': return '#722ed1';
    default: return '#1677ff';
  }
}
