/**
 * The regulation's written documents (issue 18, 《信访工作条例》第23、24、32、35、36条): their kinds, the lifecycle
 * action each one records, the placeholders a template may use, and the default text each tenant starts with.
 * Templates are plain text with `{{占位符}}` (Mustache); the server renders them and keeps each issued document
 * unchanged. The web imports the names and placeholders to offer them in the editor.
 */
import type { IssueAction } from './lifecycle.ts';

/** Kinds of document. */
export const DOCUMENT_KINDS = ['accept_notice', 'decline_notice', 'assign_notice', 'opinion', 'review_opinion', 're_review_opinion'] as const;
/** A document kind. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Names of the kinds. */
export const DOCUMENT_KIND_NAMES: Record<DocumentKind, { zh: string; en: string }> = {
  accept_notice: { zh: '受理告知书', en: 'Notice of acceptance' },
  decline_notice: { zh: '不予受理告知书', en: 'Notice of non-acceptance' },
  assign_notice: { zh: '交办告知书', en: 'Notice of referral' },
  opinion: { zh: '信访处理意见书', en: 'Handling opinion' },
  review_opinion: { zh: '复查意见书', en: 'Review opinion' },
  re_review_opinion: { zh: '复核意见书', en: 'Re-review opinion' },
};

/** The lifecycle action whose outcome each document states (the latest such event of the issue). */
export const DOCUMENT_SOURCE: Record<DocumentKind, IssueAction> = {
  accept_notice: 'accept', decline_notice: 'decline', assign_notice: 'assign', opinion: 'reply', review_opinion: 'decide_review', re_review_opinion: 'decide_re_review',
};

/** The short of each kind in a document's number, e.g. 示信受〔2026〕12号. */
export const DOCUMENT_NUMBER_SHORT: Record<DocumentKind, string> = {
  accept_notice: '受', decline_notice: '不受', assign_notice: '交', opinion: '意', review_opinion: '复查', re_review_opinion: '复核',
};

/** Placeholders a template may use, with what they hold. */
export const PLACEHOLDERS = {
  信访人: '信访人姓名（匿名时为“匿名信访人”）',
  文号: '本文书的编号，如 示信受〔2026〕12号',
  信访编号: '信访事项的查询编号',
  信访事项: '信访事项的标题',
  诉求内容: '信访人反映的内容',
  收到日期: '收到信访事项的日期',
  受理日期: '作出受理或不予受理决定的日期',
  出具日期: '本文书的日期',
  出具单位: '出具本文书的单位',
  承办单位: '交办的承办单位',
  办理期限: '承办单位的办理期限',
  不予受理理由: '不予受理的理由',
  其他途径: '告知信访人可以选择的其他途径',
  处理结果: '支持 / 解释说明 / 不予支持',
  处理意见: '答复、复查或复核意见的内容',
  依据: '法律、法规、政策依据',
  复查机关: '可以请求复查的机关（答复单位的上一级）',
  复查期限: '请求复查的期限（收到意见书之日起 30 日）',
  复核机关: '可以请求复核的机关（复查单位的上一级）',
} as const;
/** A placeholder's name. */
export type Placeholder = keyof typeof PLACEHOLDERS;

/** The text each tenant starts with (editable by its administrators, per kind and category). */
export const DEFAULT_TEMPLATES: Record<DocumentKind, { title: string; body: string }> = {
  accept_notice: {
    title: '信访事项受理告知书',
    body: `{{信访人}}：
你（你们）于{{收到日期}}提出的信访事项“{{信访事项}}”（查询编号 {{信访编号}}），经审查，符合《信访工作条例》规定的受理条件，本机关已于{{受理日期}}依法受理。
根据《信访工作条例》第三十二条，有权处理的机关将自受理之日起 60 日内办结，并出具书面答复意见；情况复杂的，经批准可以适当延长，延长期限不超过 30 日，并告知你（你们）延期理由。
你可以凭查询编号查询办理进展。
特此告知。`,
  },
  decline_notice: {
    title: '信访事项不予受理告知书',
    body: `{{信访人}}：
你（你们）于{{收到日期}}提出的信访事项“{{信访事项}}”（查询编号 {{信访编号}}），经审查，本机关决定不予受理。理由是：{{不予受理理由}}。
根据《信访工作条例》第二十三条、第三十一条，对依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，或者不属于本机关职权范围的事项，你可以{{其他途径}}。
特此告知。`,
  },
  assign_notice: {
    title: '信访事项交办告知书',
    body: `{{信访人}}：
你（你们）提出的信访事项“{{信访事项}}”（查询编号 {{信访编号}}），根据《信访工作条例》第二十二条、第二十四条，本机关已转交{{承办单位}}办理，办理期限至{{办理期限}}。
请你与承办单位保持联系。
特此告知。`,
  },
  opinion: {
    title: '信访事项处理意见书',
    body: `{{信访人}}：
你（你们）于{{收到日期}}提出的信访事项“{{信访事项}}”（查询编号 {{信访编号}}）已办理完毕。
你（你们）反映：{{诉求内容}}
经调查核实，处理意见如下：{{处理意见}}
处理结果：{{处理结果}}。
依据：{{依据}}
根据《信访工作条例》第三十五条，如对本处理意见不服，可以自收到本意见书之日起 30 日内（{{复查期限}}前）请求{{复查机关}}复查。`,
  },
  review_opinion: {
    title: '信访事项复查意见书',
    body: `{{信访人}}：
你（你们）对信访事项“{{信访事项}}”（查询编号 {{信访编号}}）处理意见不服请求复查，经复查，意见如下：{{处理意见}}
复查结果：{{处理结果}}。
依据：{{依据}}
根据《信访工作条例》第三十五条，如对本复查意见不服，可以自收到本意见书之日起 30 日内向{{复核机关}}请求复核。`,
  },
  re_review_opinion: {
    title: '信访事项复核意见书',
    body: `{{信访人}}：
你（你们）对信访事项“{{信访事项}}”（查询编号 {{信访编号}}）复查意见不服请求复核，经复核，意见如下：{{处理意见}}
复核结果：{{处理结果}}。
依据：{{依据}}
根据《信访工作条例》第三十五条，本复核意见为最终意见。信访人对复核意见不服，仍以同一事实和理由提出信访事项的，各级机关不再受理。`,
  },
};

/** Limits of a template. */
export const TEMPLATE_LIMITS = { titleMax: 60, bodyMax: 5_000 } as const;
