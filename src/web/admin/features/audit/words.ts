/** The audit screen's words, Chinese first. */
import { wordsHook } from '../../app/i18n.tsx';

const WORDS = {
  title: ['审计日志', 'Audit log'],
  intro: [
    '本级全部操作留痕：谁、何时、从哪个地址、对哪条记录做了什么。查看当事人信息、下载附件和各类导出均在此记录。',
    'Every recorded action of this jurisdiction: who did what to which record, when and from where — including every view of a petitioner, attachment download and export.',
  ],
  actor: ['操作人', 'Who'],
  anyActor: ['全部操作人', 'Anyone'],
  action: ['操作', 'Action'],
  anyAction: ['全部操作（可多选）', 'Any action'],
  issue: ['受理编号', 'Tracking code'],
  issuePlaceholder: ['受理编号，如 YX-2026-000123', 'Tracking code, e.g. YX-2026-000123'],
  ip: ['IP 地址', 'IP address'],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  clear: ['清除筛选', 'Clear filters'],
  export: ['导出 Excel', 'Export to Excel'],
  exported: ['已导出 {n} 条', 'Exported {n} entries'],
  exportTruncated: ['只导出了最新的 {max} 条：请缩小时间范围后分批导出', 'Only the newest {max} entries were exported: narrow the dates and export in parts'],
  at: ['时间', 'Time'],
  object: ['对象', 'Record'],
  details: ['详情', 'Details'],
  system: ['系统', 'System'],
  loadMore: ['加载更多', 'Load more'],
  loaded: ['已加载 {n} 条', '{n} loaded'],
  allLoaded: ['已全部加载', 'all loaded'],
  empty: ['没有符合条件的记录', 'No entries match'],
  retry: ['重试', 'Retry'],
  beijing: ['时间均为北京时间', 'Times are Beijing time'],
  ledger: ['问题台账', 'Ledger'],
  forbidden: ['只有系统管理员和督查可以查看审计日志', 'Only administrators and inspectors can read the audit log'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word of the audit screen. */
export type AuditWord = keyof typeof WORDS;

/** `w('loaded', { n: 3 })` → 已加载 3 条. */
export const useWords = wordsHook(WORDS);
