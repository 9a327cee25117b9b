/** The ledger screen's own words, Chinese first (the shell's dictionary stays small and shared). */
import { useCallback } from 'react';
import { useI18n } from '../../app/i18n.tsx';

const WORDS = {
  title: ['问题台账', 'Issue ledger'],
  trackingCode: ['受理编号', 'Tracking code'],
  issueTitle: ['标题', 'Title'],
  status: ['状态', 'Status'],
  channel: ['渠道', 'Channel'],
  kind: ['类型', 'Kind'],
  urgency: ['紧急程度', 'Urgency'],
  place: ['所在地', 'Place'],
  responsibleUnit: ['承办单位', 'Responsible unit'],
  category: ['分类', 'Category'],
  receivedAt: ['收到时间', 'Received'],
  due: ['期限', 'Due'],
  updatedAt: ['更新时间', 'Updated'],
  petitioner: ['诉求人', 'Petitioner'],
  anonymous: ['匿名', 'Anonymous'],
  searchText: ['标题、内容或受理编号', 'Title, text or tracking code'],
  anyStatus: ['状态（可多选）', 'Status (any)'],
  anyChannel: ['渠道', 'Channel'],
  anyKind: ['类型', 'Kind'],
  anyCategory: ['问题分类', 'Category'],
  moreFilters: ['更多筛选', 'More filters'],
  anyUnit: ['所在地或承办单位', 'Place or unit'],
  anyResponsible: ['承办单位', 'Responsible unit'],
  overdueAny: ['是否超期', 'Overdue?'],
  overdueYes: ['已超期', 'Overdue'],
  overdueNo: ['未超期', 'Not overdue'],
  receivedFrom: ['收到日期起', 'Received from'],
  receivedTo: ['收到日期止', 'Received to'],
  sort: ['排序', 'Sort'],
  clearFilters: ['清空筛选', 'Clear filters'],
  columns: ['列设置', 'Columns'],
  columnsReset: ['恢复默认列', 'Default columns'],
  export: ['导出 Excel', 'Export to Excel'],
  exportTruncated: ['符合条件的问题超过 {max} 条，仅导出了前 {max} 条，请缩小筛选范围后分批导出。', 'More than {max} issues match; only the first {max} were exported. Narrow the filters and export in parts.'],
  exported: ['已导出 {n} 条', 'Exported {n} issues'],
  loadMore: ['加载更多', 'Load more'],
  loaded: ['已显示 {n} 条', '{n} shown'],
  allLoaded: ['已全部显示', 'All shown'],
  empty: ['没有符合条件的问题', 'No issues match'],
  savedFilters: ['已保存的筛选', 'Saved filters'],
  noSavedFilters: ['还没有保存的筛选条件', 'No saved filters yet'],
  saveCurrent: ['保存当前筛选…', 'Save current filters…'],
  saveFilterTitle: ['保存筛选条件', 'Save filters'],
  filterName: ['名称', 'Name'],
  filterNameHint: ['如：本周超期未办', 'e.g. Overdue this week'],
  filterSaved: ['已保存「{name}」', 'Saved "{name}"'],
  filterReplaced: ['已更新「{name}」', 'Updated "{name}"'],
  deleteFilter: ['删除', 'Delete'],
  deleteFilterConfirm: ['删除筛选条件「{name}」？', 'Delete saved filter "{name}"?'],
  selected: ['已选 {n} 件', '{n} selected'],
  clearSelection: ['取消选择', 'Clear selection'],
  bulkAssign: ['批量交办', 'Assign selected'],
  bulkAssignTitle: ['批量交办 {n} 件问题', 'Assign {n} issues'],
  bulkAssignHint: ['仅“已受理”“已退回”“重办”状态的问题可以交办；每件问题单独办理，一件失败不影响其他。', 'Only accepted, returned or reopened issues can be assigned; each is assigned on its own, so one failure does not stop the others.'],
  bulkUnit: ['承办单位', 'Responsible unit'],
  bulkDue: ['办理期限（可选，不得晚于法定期限）', 'Due date (optional, not past the statutory limit)'],
  bulkSubmit: ['交办', 'Assign'],
  bulkTooMany: ['一次最多交办 {max} 件', 'At most {max} issues at a time'],
  bulkDone: ['完成', 'Done'],
  bulkSummary: ['成功 {ok} 件，失败 {failed} 件', '{ok} assigned, {failed} failed'],
  bulkOk: ['已交办', 'Assigned'],
  notAssignable: ['当前状态不能交办', 'Cannot be assigned in this state'],
  result: ['结果', 'Result'],
  retry: ['重试', 'Retry'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word of the ledger screen. */
export type LedgerWord = keyof typeof WORDS;

/** `w('loaded', { n: 3 })` → 已显示 3 条. */
export function useWords(): (k: LedgerWord, params?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return useCallback((k, params) => {
    const text: string = WORDS[k][lang === 'zh' ? 0 : 1];
    return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
  }, [lang]);
}
