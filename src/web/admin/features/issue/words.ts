/** The issue screen's own words, Chinese first (the shell's dictionary stays small and shared). */
import { useCallback } from 'react';
import { useI18n } from '../../app/i18n.tsx';

const WORDS = {
  backToLedger: ['返回台账', 'Back to the ledger'],
  loadFailed: ['加载失败', 'Could not load'],
  refresh: ['刷新', 'Refresh'],
  overdue: ['已超期', 'Overdue'],
  summary: ['基本信息', 'Summary'],
  trackingCode: ['受理编号', 'Tracking code'],
  status: ['状态', 'Status'],
  channel: ['来源渠道', 'Channel'],
  kind: ['诉求类型', 'Kind'],
  urgency: ['紧急程度', 'Urgency'],
  place: ['所在地', 'Place'],
  responsibleUnit: ['承办单位', 'Responsible unit'],
  notAssigned: ['尚未交办', 'Not assigned yet'],
  category: ['问题分类', 'Category'],
  receivedAt: ['收到时间', 'Received'],
  createdAt: ['登记时间', 'Registered'],
  closedAt: ['办结时间', 'Closed'],
  address: ['问题地址', 'Address'],
  replyOutcome: ['处理结果', 'Reply outcome'],
  callbackResult: ['回访结果', 'Call-back result'],
  reviewRound: ['复查/复核', 'Review round'],
  reviewRound1: ['已复查', 'Reviewed'],
  reviewRound2: ['已复核', 'Re-reviewed'],
  mergedInto: ['已并入', 'Merged into'],
  body: ['诉求内容', 'Request'],
  petitioner: ['诉求人', 'Petitioner'],
  anonymous: ['匿名', 'Anonymous'],
  noPetitioner: ['未登记诉求人信息', 'No petitioner recorded'],
  name: ['姓名', 'Name'],
  phone: ['电话', 'Phone'],
  idNumber: ['身份证号', 'ID number'],
  petitionerAddress: ['住址', 'Address'],
  reveal: ['查看完整信息', 'Show full details'],
  revealed: ['已显示完整信息，本次查看已留痕', 'Full details shown; this view was recorded'],
  revealForbidden: ['您的角色无权查看该诉求人的完整信息，只能查看脱敏后的信息。', 'Your role may not see this petitioner’s full details; only the masked values are shown.'],
  masked: ['已脱敏', 'Masked'],
  deadlines: ['办理期限', 'Deadlines'],
  noDeadlines: ['暂无期限', 'No deadlines'],
  started: ['开始', 'Started'],
  due: ['到期', 'Due'],
  met: ['完成', 'Met'],
  escalated: ['督办', 'Escalated'],
  endedClocks: ['已结束的期限', 'Ended'],
  windowEnded: ['已结束', 'Ended'],
  windowEndedAt: ['结束', 'Ended'],
  windowClosed: ['申请期已届满', 'Window closed'],
  escalatedAt: ['系统督办于', 'Escalated at'],
  timeline: ['办理过程', 'Timeline'],
  noEvents: ['暂无记录', 'No events yet'],
  system: ['系统', 'System'],
  attachments: ['附件', 'Attachments'],
  noAttachments: ['暂无附件', 'No attachments'],
  upload: ['上传附件', 'Upload files'],
  uploading: ['正在上传…', 'Uploading…'],
  uploaded: ['附件已上传', 'Files uploaded'],
  download: ['下载', 'Download'],
  noActions: ['当前没有您可以执行的操作', 'There is nothing you can do on this issue now'],
  done: ['操作成功', 'Done'],
  reload: ['重新加载', 'Reload'],
  reloaded: ['已重新加载最新数据', 'Reloaded the latest data'],
  actionGone: ['重新加载后，该操作已不可执行', 'After reloading, this action is no longer available'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  resolvedYes: ['已解决', 'Resolved'],
  resolvedNo: ['未解决', 'Not resolved'],
  dayUnit: ['日', 'days'],
  replyFiles: ['附件（答复提交成功后上传）', 'Attachments (uploaded after the reply is saved)'],
  filesUploadFailed: ['操作已提交，但附件上传失败：', 'The action was saved but the files failed to upload: '],
  filesUploadRetry: ['请在“附件”栏重新上传。', 'Upload them again under “Attachments”.'],
  mergeTargetHelp: ['填写要并入的问题的编号（详情页地址中的数字）', 'The number of the issue to merge into (the number in its address)'],
  mergeTargetMissing: ['该问题不存在或不在您的管辖范围内', 'No such issue within your scope'],
  dueAtHelp: ['默认为当前办理期限，只能提前，不能延后', 'Defaults to the current limit; may be earlier, not later'],
  dueAtTooLate: ['不得晚于当前办理期限', 'May not be later than the current limit'],
  dueAtPast: ['办理期限必须晚于当前时间', 'The due date must be in the future'],
  daysHelp: ['1–30 日', '1–30 days'],
  daysApproveHelp: ['留空则按申请的天数批准', 'Leave empty to approve the requested days'],
  requestedDays: ['申请延期', 'Requested'],
  windowUntil: ['申请期至', 'Window closes'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word key of the issue screen. */
export type IssueWord = keyof typeof WORDS;

/** `w(key, params)` in the current language; `{name}` placeholders filled from params. */
export function useWords() {
  const { lang } = useI18n();
  return useCallback((k: IssueWord, params: Record<string, string | number> = {}) => {
    const s: string = WORDS[k][lang === 'zh' ? 0 : 1];
    return s.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
  }, [lang]);
}

/** A `{ zh, en }` pair, for tables of names kept next to the code that uses them. */
export type Pair = { zh: string; en: string };
