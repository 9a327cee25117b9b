/** Codes that server and web agree on, with their display names. */
import { ACTION_NAMES, ISSUE_ACTIONS, type IssueAction } from './lifecycle.ts';

/** Roles of DESIGN §1 that staff can hold (residents use the portal, not role bindings). */
export const ROLES = ['admin', 'leader', 'clerk', 'handler', 'cadre', 'inspector'] as const;
/** A staff role code. */
export type Role = (typeof ROLES)[number];
/** Roles that may register issues. */
export const INTAKE_ROLES: readonly Role[] = ['clerk', 'cadre', 'leader'];
/** Chinese and English names of the roles. */
export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  leader: { zh: '领导干部', en: 'Leader' },
  clerk: { zh: '信访/热线工作人员', en: 'Petition clerk' },
  handler: { zh: '承办人', en: 'Handler' },
  cadre: { zh: '基层干部/网格员', en: 'Grassroots cadre' },
  inspector: { zh: '督查', en: 'Inspector' },
};

/** Levels of the org tree; `department` hangs under any level. */
export const ORG_LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid', 'department'] as const;
/** An org level code. */
export type OrgLevel = (typeof ORG_LEVELS)[number];
/** Chinese and English names of org levels. */
export const ORG_LEVEL_NAMES: Record<OrgLevel, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '县(区)', en: 'County' },
  township: { zh: '乡镇(街道)', en: 'Township' },
  village: { zh: '村(社区)', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '职能部门', en: 'Department' },
};

/** Where an issue came in. */
export const CHANNELS = [
  'letter', 'visit', 'online', 'phone', 'field', 'outreach', 'research', 'onsite', 'portal', 'open311',
] as const;
/** A channel code. */
export type Channel = (typeof CHANNELS)[number];
/** Chinese and English names of channels. */
export const CHANNEL_NAMES: Record<Channel, { zh: string; en: string }> = {
  letter: { zh: '来信', en: 'Letter' },
  visit: { zh: '来访', en: 'Visit' },
  online: { zh: '网上', en: 'Online' },
  phone: { zh: '电话', en: 'Phone' },
  field: { zh: '下访接访', en: 'Field reception' },
  outreach: { zh: '宣讲', en: 'Outreach lecture' },
  research: { zh: '调研', en: 'Field research' },
  onsite: { zh: '现场办公', en: 'On-site office' },
  portal: { zh: '门户', en: 'Portal' },
  open311: { zh: 'Open311', en: 'Open311' },
};

/** What the petitioner asks for. */
export const ISSUE_KINDS = ['consult', 'help', 'complaint', 'report', 'suggestion', 'appeal', 'accusation'] as const;
/** An issue kind code. */
export type IssueKind = (typeof ISSUE_KINDS)[number];
/** Chinese and English names of issue kinds. */
export const ISSUE_KIND_NAMES: Record<IssueKind, { zh: string; en: string }> = {
  consult: { zh: '咨询', en: 'Consultation' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  appeal: { zh: '申诉求决', en: 'Appeal' },
  accusation: { zh: '检举控告', en: 'Accusation' },
};

/** Urgency drives the hotline SLA. */
export const URGENCIES = ['emergency', 'urgent', 'normal', 'complex'] as const;
/** An urgency code. */
export type Urgency = (typeof URGENCIES)[number];
/** Chinese and English names of urgencies. */
export const URGENCY_NAMES: Record<Urgency, { zh: string; en: string }> = {
  emergency: { zh: '紧急', en: 'Emergency' },
  urgent: { zh: '加急', en: 'Urgent' },
  normal: { zh: '一般', en: 'Normal' },
  complex: { zh: '疑难复杂', en: 'Complex' },
};

/** Outcome of a written reply (处理意见). */
export const REPLY_OUTCOMES = ['support', 'explain', 'reject'] as const;
/** A reply outcome code. */
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];
/** Chinese and English names of reply outcomes. */
export const REPLY_OUTCOME_NAMES: Record<ReplyOutcome, { zh: string; en: string }> = {
  support: { zh: '支持', en: 'Supported' },
  explain: { zh: '解释说明', en: 'Explained' },
  reject: { zh: '不予支持', en: 'Not supported' },
};

/** Satisfaction recorded at call-back. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** A satisfaction code. */
export type Satisfaction = (typeof SATISFACTIONS)[number];
/** Chinese and English names of satisfaction levels. */
export const SATISFACTION_NAMES: Record<Satisfaction, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/** Clocks that run on an issue. `accept` and `handle` are on every issue. */
export const DEADLINE_KINDS = [
  'accept', 'handle', 'objection', 'review_request', 'review', 're_review_request', 're_review',
] as const;
/** A deadline kind code. */
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
/** Chinese and English names of clocks. */
export const DEADLINE_KIND_NAMES: Record<DeadlineKind, { zh: string; en: string }> = {
  accept: { zh: '受理告知', en: 'Acceptance notice' },
  handle: { zh: '办理', en: 'Handling' },
  objection: { zh: '派单异议', en: 'Assignment objection' },
  review_request: { zh: '复查申请期', en: 'Review request window' },
  review: { zh: '复查', en: 'Review' },
  re_review_request: { zh: '复核申请期', en: 'Re-review request window' },
  re_review: { zh: '复核', en: 'Re-review' },
};

/** Units of a deadline rule. */
export const DEADLINE_UNITS = ['calendar_days', 'working_days', 'hours'] as const;
/** A deadline unit code. */
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Policy families: statutory 信访 clocks or hotline SLAs. */
export const POLICY_FAMILIES = ['petition', 'hotline'] as const;
/** A policy family code. */
export type PolicyFamily = (typeof POLICY_FAMILIES)[number];

/** Which policy family a channel uses by default (configurable per tenant). */
export const DEFAULT_CHANNEL_POLICY: Record<Channel, PolicyFamily> = {
  letter: 'petition',
  visit: 'petition',
  online: 'petition',
  field: 'petition',
  phone: 'hotline',
  portal: 'hotline',
  open311: 'hotline',
  outreach: 'hotline',
  research: 'hotline',
  onsite: 'hotline',
};

/** Orders of the ledger list: by received time (newest or oldest first) or by the next due time (soonest first, none last). */
export const LEDGER_SORTS = ['received_desc', 'received_asc', 'due_asc', 'relevance'] as const;
/** A ledger order code. */
export type LedgerSort = (typeof LEDGER_SORTS)[number];
/** Chinese and English names of the ledger orders. */
export const LEDGER_SORT_NAMES: Record<LedgerSort, { zh: string; en: string }> = {
  received_desc: { zh: '收到时间（新→旧）', en: 'Received (newest first)' },
  received_asc: { zh: '收到时间（旧→新）', en: 'Received (oldest first)' },
  due_asc: { zh: '办理期限（近→远）', en: 'Due (soonest first)' },
  relevance: { zh: '相关度', en: 'Relevance' },
};

/**
 * What the audit log records, with display names: every `action` the server writes (a test reads the server's code
 * for them). Each lifecycle action `x` is written as `issue.x`.
 */
export const AUDIT_ACTION_NAMES = {
  login: { zh: '登录', en: 'Log in' },
  password_change: { zh: '修改本人密码', en: 'Change own password' },
  'user.create': { zh: '新建用户', en: 'Create user' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.reset_password': { zh: '重置用户密码', en: 'Reset user password' },
  'user.unlock_login': { zh: '解除登录限制', en: 'Unlock login' },
  'org_unit.create': { zh: '新建单位', en: 'Create org unit' },
  'org_unit.update': { zh: '修改单位', en: 'Update org unit' },
  'issue.create': { zh: '登记问题', en: 'Register issue' },
  ...(Object.fromEntries(ISSUE_ACTIONS.map((a) => [`issue.${a}`, ACTION_NAMES[a]])) as Record<`issue.${IssueAction}`, { zh: string; en: string }>),
  'issue.link': { zh: '关联问题', en: 'Link issues' },
  'issue.own': { zh: '指定包案领导', en: 'Name the owning leader' },
  'petitioner.reveal': { zh: '查看当事人', en: 'View petitioner' },
  'attachment.upload': { zh: '上传附件', en: 'Upload attachment' },
  'attachment.download': { zh: '查看/下载附件', en: 'View or download attachment' },
  'issue.export': { zh: '导出台账', en: 'Export ledger' },
  'import.run': { zh: '导入历史问题', en: 'Import cases' },
  'import.error_sheet': { zh: '下载导入错误行', en: 'Download import error rows' },
  'category.create': { zh: '新增分类', en: 'Create category' },
  'category.update': { zh: '修改分类', en: 'Update category' },
  'deadline_policies.replace': { zh: '修改期限规则', en: 'Change deadline rules' },
  'calendar.edit': { zh: '修改工作日历', en: 'Edit working calendar' },
  'deadline.escalate': { zh: '超期自动督办', en: 'Overdue escalation' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'activity.create': { zh: '新建活动', en: 'Create activity' },
  'activity.update': { zh: '修改活动', en: 'Update activity' },
  'activity.photo': { zh: '上传活动照片', en: 'Upload activity photos' },
  'case.create': { zh: '新增案例', en: 'Add case' },
  'case.update': { zh: '修改案例', en: 'Update case' },
  'feedback.submit': { zh: '群众评价宣讲', en: 'Audience feedback' },
  'feedback.reveal': { zh: '查看评价人电话', en: 'View feedback phone' },
  'visit.create': { zh: '记录走访', en: 'Record a visit' },
  'visit.reveal': { zh: '查看走访对象', en: 'View person visited' },
  'finding.create': { zh: '记录调研发现', en: 'Record a finding' },
  'idea.create': { zh: '记录群众建议', en: 'Record a suggestion' },
  'idea.update': { zh: '修改建议（采纳）', en: 'Update a suggestion' },
  'questionnaire.create': { zh: '新建问卷', en: 'Create questionnaire' },
  'questionnaire.update': { zh: '修改问卷', en: 'Update questionnaire' },
  'questionnaire.open': { zh: '开放问卷', en: 'Open questionnaire' },
  'questionnaire.close': { zh: '结束问卷', en: 'Close questionnaire' },
  'questionnaire.answer': { zh: '干部录入问卷', en: 'Questionnaire answered by a cadre' },
  'questionnaire.submit': { zh: '群众填写问卷', en: 'Questionnaire answered by a resident' },
  'questionnaire.export': { zh: '导出问卷答卷', en: 'Export questionnaire answers' },
  'cadre_ledger.export': { zh: '导出四下基层台账', en: 'Export the cadre ledger' },
  'onsite.units': { zh: '设定现场办公参加单位', en: 'Set the units at an on-site session' },
  'onsite.agenda_add': { zh: '列入现场办公议题', en: 'Put an issue on an on-site agenda' },
  'onsite.agenda_remove': { zh: '移出现场办公议题', en: 'Take an issue off an on-site agenda' },
  'onsite.solve': { zh: '议题现场解决', en: 'Agenda item solved on the spot' },
  'onsite.sign': { zh: '现场办公签字确认', en: 'Sign-off at an on-site session' },
  'onsite.followup': { zh: '现场办公交办跟进', en: 'Follow-up from an on-site session' },
  'onsite.leave': { zh: '议题暂缓', en: 'Agenda item left for later' },
  'document.issue': { zh: '出具文书', en: 'Issue a document' },
  'template.update': { zh: '修改文书模板', en: 'Edit a document template' },
  'template.delete': { zh: '删除文书模板', en: 'Delete a document template' },
} as const satisfies Record<string, { zh: string; en: string }>;
/** An audit action code. */
export type AuditAction = keyof typeof AUDIT_ACTION_NAMES;
/** Every audit action code, in the order of their names above. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_NAMES) as AuditAction[];

/** Names of the kinds of record audit entries are about (`entityType`). */
export const AUDIT_ENTITY_NAMES: Record<string, { zh: string; en: string }> = {
  issue: { zh: '问题', en: 'Issue' },
  user: { zh: '用户', en: 'User' },
  org_unit: { zh: '单位', en: 'Org unit' },
  category: { zh: '分类', en: 'Category' },
  ledger: { zh: '台账', en: 'Ledger' },
  import: { zh: '导入', en: 'Import' },
  tenant: { zh: '本级设置', en: 'Settings' },
  audit: { zh: '审计日志', en: 'Audit log' },
  attachment: { zh: '附件', en: 'Attachment' },
  activity: { zh: '活动', en: 'Activity' },
  case: { zh: '案例', en: 'Case' },
  feedback: { zh: '宣讲评价', en: 'Lecture feedback' },
  visit: { zh: '走访', en: 'Visit' },
  finding: { zh: '调研发现', en: 'Finding' },
  idea: { zh: '群众建议', en: 'Suggestion' },
  questionnaire: { zh: '问卷', en: 'Questionnaire' },
  cadre_ledger: { zh: '四下基层台账', en: 'Cadre ledger' },
};

/** Kinds of grassroots activity (DESIGN §3): outreach lectures, field research, reception days, on-site office sessions. */
export const ACTIVITY_KINDS = ['outreach', 'research', 'reception', 'onsite'] as const;
/** An activity kind code. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** Chinese and English names of activity kinds. */
export const ACTIVITY_KIND_NAMES: Record<ActivityKind, { zh: string; en: string }> = {
  outreach: { zh: '宣讲', en: 'Outreach lecture' },
  research: { zh: '调研', en: 'Field research' },
  reception: { zh: '接访下访', en: 'Reception day' },
  onsite: { zh: '现场办公', en: 'On-site office' },
};
/** The channel of an issue heard at an activity of each kind. */
export const ACTIVITY_CHANNEL: Record<ActivityKind, Channel> = { outreach: 'outreach', research: 'research', reception: 'field', onsite: 'onsite' };
/** Roles that record activities (and the issues heard there). */
export const ACTIVITY_ROLES: readonly Role[] = ['cadre', 'leader', 'clerk'];

/** How a reception day (接访日 / 下访) receives: anyone who comes, or by appointment. */
export const RECEPTION_MODES = ['public', 'appointment'] as const;
/** A reception mode. */
export type ReceptionMode = (typeof RECEPTION_MODES)[number];
/** Names of the reception modes. */
export const RECEPTION_MODE_NAMES: Record<ReceptionMode, { zh: string; en: string }> = {
  public: { zh: '公开接访', en: 'Open to all' },
  appointment: { zh: '预约接访', en: 'By appointment' },
};

/** What an on-site office session decided for an agenda item (现场办公, issue 17). */
export const ONSITE_OUTCOMES = ['pending', 'solved', 'followup', 'left'] as const;
/** An agenda item's outcome. */
export type OnsiteOutcome = (typeof ONSITE_OUTCOMES)[number];
/** Names of the outcomes. */
export const ONSITE_OUTCOME_NAMES: Record<OnsiteOutcome, { zh: string; en: string }> = {
  pending: { zh: '待议', en: 'Not yet discussed' },
  solved: { zh: '现场解决', en: 'Solved on the spot' },
  followup: { zh: '交办跟进', en: 'Followed up' },
  left: { zh: '暂缓', en: 'Left for later' },
};
/** Where a follow-up stands: done by its deadline, done late, past its deadline, or still running. */
export const FOLLOWUP_STATES = ['met', 'late', 'overdue', 'running'] as const;
/** A follow-up's state. */
export type FollowupState = (typeof FOLLOWUP_STATES)[number];
/** Names of the follow-up states. */
export const FOLLOWUP_STATE_NAMES: Record<FollowupState, { zh: string; en: string }> = {
  met: { zh: '按期完成', en: 'Done on time' },
  late: { zh: '逾期完成', en: 'Done late' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  running: { zh: '办理中', en: 'Running' },
};

/** An activity's state. */
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
/** An activity status code. */
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
/** Chinese and English names of activity states. */
export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'Planned' },
  done: { zh: '已开展', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Who a lecture was given to. */
export const AUDIENCE_TYPES = ['farmers', 'workers', 'employees', 'residents', 'students', 'party_members', 'other'] as const;
/** An audience type code. */
export type AudienceType = (typeof AUDIENCE_TYPES)[number];
/** Chinese and English names of audience types. */
export const AUDIENCE_TYPE_NAMES: Record<AudienceType, { zh: string; en: string }> = {
  farmers: { zh: '农民', en: 'Farmers' },
  workers: { zh: '工人', en: 'Workers' },
  employees: { zh: '企业职工', en: 'Company employees' },
  residents: { zh: '社区居民', en: 'Residents' },
  students: { zh: '学生', en: 'Students' },
  party_members: { zh: '党员', en: 'Party members' },
  other: { zh: '其他', en: 'Other' },
};

/** The three scales of a lecture's audience feedback (愿意听、听得懂、听了受益), each 1–5. */
export const FEEDBACK_SCALES = ['willing', 'understood', 'benefited'] as const;
/** A feedback scale code. */
export type FeedbackScale = (typeof FEEDBACK_SCALES)[number];
/** Chinese and English names of the feedback scales. */
export const FEEDBACK_SCALE_NAMES: Record<FeedbackScale, { zh: string; en: string }> = {
  willing: { zh: '愿意听', en: 'Wanted to listen' },
  understood: { zh: '听得懂', en: 'Understood it' },
  benefited: { zh: '有收获', en: 'Benefited' },
};

/** Whom or where a research visit went to. */
export const VISIT_KINDS = ['household', 'enterprise', 'farm', 'street', 'community', 'other'] as const;
/** A visit kind code. */
export type VisitKind = (typeof VISIT_KINDS)[number];
/** Chinese and English names of visit kinds. */
export const VISIT_KIND_NAMES: Record<VisitKind, { zh: string; en: string }> = {
  household: { zh: '农户/住户', en: 'Household' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  farm: { zh: '田间地头', en: 'Farm field' },
  street: { zh: '街巷', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  other: { zh: '其他', en: 'Other' },
};

/** Who a suggestion (问计于民) came from. */
export const IDEA_SOURCES = ['resident', 'cadre'] as const;
/** An idea source code. */
export type IdeaSource = (typeof IDEA_SOURCES)[number];
/** Chinese and English names of idea sources. */
export const IDEA_SOURCE_NAMES: Record<IdeaSource, { zh: string; en: string }> = {
  resident: { zh: '群众', en: 'Resident' },
  cadre: { zh: '干部', en: 'Cadre' },
};
