/**
 * Which fields each action's form asks for. Which of them are required is the server's own list, REQUIRED_FIELDS
 * (src/shared/action-fields.ts); the others are what TransitionBody accepts and the action uses. Whether an action is
 * allowed at all is never decided here: the API's `allowedActions` is.
 */
import { REQUIRED_FIELDS, type TransitionField } from '../../../../shared/action-fields.ts';
import { ISSUE_ACTIONS, type IssueAction } from '../../../../shared/lifecycle.ts';
import type { Pair } from './words.ts';

/** A field of the transition body that a form can ask for. */
export type FieldName = TransitionField;

interface FormField {
  name: FieldName;
  /** A label for this action when the generic one says too little. */
  label?: Pair;
  placeholder?: Pair;
}

export interface FieldSpec extends FormField {
  /** The server refuses the action without it. */
  required: boolean;
}

interface FormSpec {
  fields: FormField[];
  /** Files can be chosen and are uploaded once the action has succeeded. */
  files?: boolean;
  /** A sentence at the top of a form that is mostly a confirmation. */
  confirm?: Pair;
  /** Primary button in red: the action ends or sets back the issue. */
  danger?: boolean;
}

export interface ActionSpec extends Omit<FormSpec, 'fields'> {
  fields: FieldSpec[];
}

const field = (name: FieldName, label?: Pair, placeholder?: Pair): FormField => ({ name, label, placeholder });

const decision = (text: Pair): FormSpec => ({
  fields: [field('outcome'), field('text', text), field('basis', undefined, { zh: '如：《信访工作条例》第三十二条', en: 'e.g. the regulation and article relied on' })],
  files: true,
});

/** The form of each action: its fields in order, with labels where the generic one says too little. */
const FORMS: Record<IssueAction, FormSpec> = {
  accept: { fields: [field('note')], confirm: { zh: '确认受理该问题。', en: 'Accept this issue.' } },
  decline: {
    fields: [
      field('reason', { zh: '不予受理理由', en: 'Reason for declining' }),
      field('properChannel', undefined, { zh: '如：向人民法院提起诉讼', en: 'e.g. bring a civil suit before the court' }),
    ],
    danger: true,
  },
  assign: { fields: [field('unitId'), field('dueAt')] },
  return: { fields: [field('reason', { zh: '退回理由', en: 'Reason for returning' }, { zh: '说明为何不属于本单位职责，以及建议的承办单位', en: 'Why this is not your unit’s job, and which unit it belongs to' })], danger: true },
  start: { fields: [field('note', { zh: '首次联系情况', en: 'First contact' }, { zh: '如：已电话联系诉求人，约定现场核实时间', en: 'e.g. phoned the petitioner and agreed a site visit' })] },
  request_extension: { fields: [field('reason', { zh: '延期理由', en: 'Reason for the extension' }), field('days')] },
  approve_extension: { fields: [field('days'), field('note')], confirm: { zh: '批准承办单位的延期申请。', en: 'Approve the extension request.' } },
  reject_extension: { fields: [field('note', { zh: '驳回意见', en: 'Why rejected' })], confirm: { zh: '驳回承办单位的延期申请。', en: 'Reject the extension request.' }, danger: true },
  reply: decision({ zh: '答复内容', en: 'Reply' }),
  callback: { fields: [field('resolved'), field('satisfaction'), field('note', { zh: '回访情况', en: 'Call-back notes' })] },
  close: { fields: [field('note')], confirm: { zh: '确认办结该问题。', en: 'Close this issue.' } },
  reopen: { fields: [field('reason', { zh: '重办理由', en: 'Reason for reopening' })], danger: true },
  merge: { fields: [field('intoIssueId'), field('note')], danger: true },
  request_review: { fields: [field('note')], confirm: { zh: '登记诉求人提出的复查申请。', en: 'Register the petitioner’s request for review.' } },
  decide_review: decision({ zh: '复查意见', en: 'Review decision' }),
  request_re_review: { fields: [field('note')], confirm: { zh: '登记诉求人提出的复核申请。', en: 'Register the petitioner’s request for re-review.' } },
  decide_re_review: decision({ zh: '复核意见', en: 'Re-review decision' }),
  supervise: { fields: [field('note', { zh: '督办意见', en: 'Supervision instruction' }, { zh: '如：请承办单位加快办理进度，按期答复群众', en: 'e.g. speed up and reply on time' })] },
  note: { fields: [field('note', { zh: '备注内容', en: 'Note' })] },
};

/** The form of each action, its fields marked required as the server requires them. */
export const ACTION_SPECS = Object.fromEntries(ISSUE_ACTIONS.map((a): [IssueAction, ActionSpec] => {
  const required: readonly FieldName[] = REQUIRED_FIELDS[a] ?? [];
  return [a, { ...FORMS[a], fields: FORMS[a].fields.map((f) => ({ ...f, required: required.includes(f.name) })) }];
})) as Record<IssueAction, ActionSpec>;

/** Generic field labels (the server's FIELD_LABELS are lower-case in English and worded for error messages). */
export const FIELD_NAMES: Record<FieldName, Pair> = {
  note: { zh: '说明', en: 'Note' },
  reason: { zh: '理由', en: 'Reason' },
  properChannel: { zh: '应当提出的途径', en: 'Proper channel' },
  unitId: { zh: '承办单位', en: 'Responsible unit' },
  dueAt: { zh: '办理期限', en: 'Due date' },
  outcome: { zh: '处理结果', en: 'Outcome' },
  text: { zh: '答复内容', en: 'Text' },
  basis: { zh: '依据', en: 'Basis' },
  resolved: { zh: '问题是否解决', en: 'Resolved?' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  days: { zh: '延期天数', en: 'Days' },
  intoIssueId: { zh: '并入问题编号', en: 'Target issue number' },
};

/** Stable element ids of the form fields (end-to-end tests find fields by these). */
export const FIELD_IDS: Record<FieldName, string> = {
  note: 'action-note',
  reason: 'action-reason',
  properChannel: 'action-proper-channel',
  unitId: 'action-unit',
  dueAt: 'action-due',
  outcome: 'action-outcome',
  text: 'action-text',
  basis: 'action-basis',
  resolved: 'action-resolved',
  satisfaction: 'action-satisfaction',
  days: 'action-days',
  intoIssueId: 'action-into',
};
