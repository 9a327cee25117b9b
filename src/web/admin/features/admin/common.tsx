/** What the administration screens share: their words in both languages, server errors beside fields, small helpers. */
import { useCallback, useState } from 'react';
import { Alert, App, Button, Popconfirm, type FormInstance } from 'antd';
import { ApiError, patch } from '../../api/client.ts';
import { wordsHook } from '../../app/i18n.tsx';

const WORDS = {
  // tabs
  tabOrg: ['组织架构', 'Organisation'],
  tabUsers: ['用户与角色', 'Users & roles'],
  tabCategories: ['问题分类', 'Categories'],
  tabDeadlines: ['期限规则', 'Deadline rules'],
  tabCalendar: ['节假日日历', 'Holiday calendar'],
  tabTemplates: ['文书模板', 'Document templates'],
  adminOnly: ['只有系统管理员可以使用系统管理。', 'Only administrators may use Administration.'],
  // common
  actions: ['操作', 'Actions'],
  status: ['状态', 'Status'],
  active: ['启用', 'Active'],
  inactive: ['已停用', 'Disabled'],
  enable: ['启用', 'Enable'],
  disable: ['停用', 'Disable'],
  rename: ['重命名', 'Rename'],
  edit: ['编辑', 'Edit'],
  remove: ['删除', 'Remove'],
  add: ['新增', 'Add'],
  name: ['名称', 'Name'],
  refresh: ['刷新', 'Refresh'],
  searchPlaceholder: ['按名称或代码搜索', 'Search by name or code'],
  searchName: ['按名称搜索', 'Search by name'],
  expandAll: ['全部展开', 'Expand all'],
  collapseAll: ['全部收起', 'Collapse all'],
  saved: ['已保存', 'Saved'],
  loadFailed: ['加载失败：{error}', 'Could not load: {error}'],
  confirmDisable: ['确定停用「{name}」？', 'Disable "{name}"?'],
  nameRequired: ['请填写名称', 'Enter a name'],
  tooLong: ['不能超过 {max} 个字符', 'At most {max} characters'],
  fixErrors: ['请先改正标红的内容', 'Fix the fields marked in red first'],
  // org
  unitName: ['单位名称', 'Unit name'],
  level: ['层级', 'Level'],
  code: ['代码', 'Code'],
  parentUnit: ['上级单位', 'Parent unit'],
  addChild: ['新增下级', 'Add child'],
  addChildTitle: ['在「{name}」下新增单位', 'New unit under "{name}"'],
  renameTitle: ['重命名「{name}」', 'Rename "{name}"'],
  codeHelp12: ['12 位数字（统计用区划代码风格），已按同级单位建议一个未用的代码', '12 digits (statistical area code style); an unused code is suggested'],
  codeHelp15: ['网格为 15 位数字（所属村/社区代码 + 3 位序号）', 'Grids have 15 digits (village code + 3-digit number)'],
  codeRequired: ['请填写代码', 'Enter the code'],
  codeFormat12: ['应为 12 位数字', 'Must be 12 digits'],
  codeFormat15: ['网格代码应为 15 位数字', 'A grid code must be 15 digits'],
  codeTaken: ['该代码已被使用', 'This code is taken'],
  levelRequired: ['请选择层级', 'Choose a level'],
  unitDisableHint: ['停用后不能再选作登记地点或承办单位，已有问题不受影响。', 'A disabled unit can no longer be chosen for new issues; existing issues stay.'],
  unitsCount: ['共 {n} 个单位', '{n} units'],
  // users
  newUser: ['新建用户', 'New user'],
  editUser: ['编辑用户「{name}」', 'Edit user "{name}"'],
  username: ['用户名', 'Username'],
  user: ['用户名 / 姓名', 'Username / name'],
  more: ['更多', 'More'],
  displayName: ['姓名', 'Name'],
  phone: ['电话', 'Phone'],
  roles: ['角色', 'Roles'],
  role: ['角色', 'Role'],
  unit: ['所在单位', 'Unit'],
  addRole: ['添加角色', 'Add a role'],
  password: ['初始密码', 'Initial password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['确认密码', 'Confirm password'],
  passwordRequired: ['请填写密码', 'Enter a password'],
  passwordShort: ['还差 {n} 个字符', '{n} more characters needed'],
  passwordMix: ['须同时包含字母和数字', 'Needs both letters and digits'],
  create: ['创建', 'Create'],
  saveWord: ['保存', 'Save'],
  passwordExtra: ['至少 {min} 个字符，须同时包含字母和数字；用户首次登录后须修改密码', 'At least {min} characters with letters and digits; the user must change it after the first login'],
  resetPassword: ['重置密码', 'Reset password'],
  resetPasswordTitle: ['重置「{name}」的密码', 'Reset the password of "{name}"'],
  resetDone: ['密码已重置，该用户需重新登录', 'Password reset; the user must log in again'],
  unlockLogin: ['解除登录限制', 'Clear login limits'],
  unlockDone: ['已解除「{name}」的登录限制：此前的失败不再计入', 'Login limits of "{name}" cleared: earlier failures no longer count'],
  usernameRequired: ['请填写用户名', 'Enter a username'],
  usernameRule: ['{min}–{max} 个字符，只能包含字母、数字、下划线、点和短横线', '{min}–{max} characters: letters, digits, _ . -'],
  usernameTaken: ['用户名已被使用', 'This username is taken'],
  displayNameRequired: ['请填写姓名', 'Enter the name'],
  roleRequired: ['请选择角色', 'Choose a role'],
  unitRequired: ['请选择单位', 'Choose a unit'],
  rolesRequired: ['至少需要一个角色', 'At least one role is needed'],
  roleDuplicate: ['同一角色和单位重复', 'Same role and unit twice'],
  searchUsers: ['按用户名、姓名或电话搜索', 'Search username, name or phone'],
  allRoles: ['全部角色', 'All roles'],
  userCreated: ['已创建用户 {username}', 'User {username} created'],
  userDisabledHint: ['停用后该用户立即退出登录且不能再登录。', 'The user is logged out at once and cannot log in.'],
  self: ['（本人）', ' (you)'],
  usersCount: ['共 {n} 个用户', '{n} users'],
  // categories
  category: ['分类', 'Category'],
  addTopCategory: ['新增一级分类', 'Add top-level category'],
  addSubCategory: ['新增子类', 'Add subcategory'],
  addCategoryTitle: ['新增分类', 'New category'],
  addSubCategoryTitle: ['在「{name}」下新增子类', 'New subcategory under "{name}"'],
  parentCategory: ['上级分类', 'Parent category'],
  topLevel: ['（一级分类）', '(top level)'],
  nameDuplicate: ['同级已有同名分类', 'A sibling has this name already'],
  categoryDisableHint: ['停用后登记时不能再选择，已有问题保留原分类。', 'Disabled categories cannot be chosen for new issues; existing issues keep theirs.'],
  categoriesCount: ['共 {n} 个分类，其中停用 {m} 个', '{n} categories, {m} disabled'],
  keywords: ['关键词', 'Keywords'],
  keywordsHelp: ['登记时选择分类，可按名称、上级分类或关键词（含同义词、俗称）查找。最多 {n} 个，每个不超过 {m} 个字。', 'At intake the category picker finds a category by its name, its parent or these keywords (synonyms, everyday words). At most {n}, each at most {m} characters.'],
  keywordsPlaceholder: ['输入关键词后按回车', 'Type a keyword and press Enter'],
  keywordsTooMany: ['最多 {n} 个关键词', 'At most {n} keywords'],
  keywordTooLong: ['每个关键词不超过 {m} 个字', 'Each keyword at most {m} characters'],
  editCategoryTitle: ['编辑分类「{name}」', 'Edit category "{name}"'],
  searchNameOrKeyword: ['按名称或关键词搜索', 'Search by name or keyword'],
  // deadlines
  policyHelpTitle: ['期限规则如何生效', 'How the rules apply'],
  policyHelp: [
    '信访类渠道使用「信访法定期限」：默认值来自《信访工作条例》第二十二、二十三条（受理告知 15 日）、第三十四条（办理 60 日，延期不超过 30 日）、第三十五条（复查：申请期 30 日、办理 30 日）和第三十六条（复核：申请期 30 日、办理 30 日）。热线类渠道使用「热线时限」，按紧急程度设置。每个计时取最具体的一条：诉求类型和紧急程度都匹配的优先，其次是「全部」。修改只影响保存后开始的计时。',
    'Petition channels use the statutory "Petition" family: its defaults come from the Regulations on Petition Work (信访工作条例) arts. 22–23 (notice of acceptance within 15 days), 34 (handling within 60 days, one extension of at most 30 days), 35 (review: 30-day request window, 30 days to decide) and 36 (re-review, likewise). Hotline channels use the "Hotline" SLAs, by urgency. Each clock takes the most specific row: matching kind and urgency first, then "any". Changes apply to clocks started after saving.',
  ],
  channelFamily: ['渠道适用的期限类别', 'Deadline family per channel'],
  rules: ['期限规则', 'Rules'],
  family: ['期限类别', 'Family'],
  issueKind: ['诉求类型', 'Kind'],
  urgency: ['紧急程度', 'Urgency'],
  clock: ['计时', 'Clock'],
  amount: ['期限', 'Amount'],
  unitOfTime: ['单位', 'Unit'],
  any: ['全部', 'Any'],
  addRule: ['新增规则', 'Add a rule'],
  saveRules: ['保存期限规则', 'Save rules'],
  discard: ['放弃修改', 'Discard changes'],
  unsaved: ['有未保存的修改', 'Unsaved changes'],
  ruleDuplicate: ['第 {rows} 行重复：同一类别、诉求类型、紧急程度和计时只能有一条规则', 'Rows {rows} repeat the same family, kind, urgency and clock'],
  ruleAmount: ['第 {row} 行：期限应为 1–3650 的整数', 'Row {row}: the amount must be a whole number 1–3650'],
  ruleMissing: ['「{family}」缺少「{clock}」规则，使用该类别的问题将不计此时限。仍要保存吗？', '"{family}" has no "{clock}" rule; issues of that family will not have this clock. Save anyway?'],
  rulesCount: ['{n} 条规则', '{n} rules'],
  filterFamily: ['显示', 'Show'],
  all: ['全部', 'All'],
  // calendar
  year: ['年份', 'Year'],
  addDay: ['新增或修改日期', 'Add or change a day'],
  editDay: ['设置 {date}', 'Set {date}'],
  date: ['日期', 'Date'],
  dayType: ['类型', 'Type'],
  holiday: ['休息（节假日）', 'Day off (holiday)'],
  workday: ['上班（调休）', 'Working day (make-up)'],
  holidayShort: ['休', 'Off'],
  workdayShort: ['班', 'Work'],
  holidayMark: ['休', 'H'],
  holidayType: ['休息', 'Day off'],
  workdayType: ['调休上班', 'Make-up workday'],
  workdayMark: ['班', 'W'],
  dayName: ['名称', 'Name'],
  dayNamePlaceholder: ['如：春节、国庆节调休上班', 'e.g. 春节 / Spring Festival'],
  dateRequired: ['请选择日期', 'Choose a date'],
  removeDay: ['删除该日设置', 'Remove this day'],
  confirmRemoveDay: ['删除 {date} 的设置？该日将恢复为普通{kind}。', 'Remove {date}? It becomes an ordinary {kind} again.'],
  ordinaryWorkday: ['工作日', 'working day'],
  ordinaryRestDay: ['休息日', 'rest day'],
  calendarHelp: [
    '周一至周五为工作日、周六周日休息；这里只登记例外：法定节假日（休）和调休上班日（班）。按工作日计算的期限依此日历。',
    'Monday to Friday are working days; list only the exceptions here: public holidays (off) and make-up working days (work). Working-day deadlines use this calendar.',
  ],
  calendarSummary: ['{y} 年：{h} 个节假日，{w} 个调休上班日', '{y}: {h} holidays, {w} make-up working days'],
  enterYear: ['录入 {y} 年', 'Enter {y}'],
  calendarEmpty: ['{y} 年尚未登记节假日。按工作日计算的期限将只跳过周末。', 'No holidays listed for {y}; working-day deadlines will skip weekends only.'],
  viewMonths: ['月历', 'Months'],
  viewList: ['列表', 'List'],
  weekday: ['星期', 'Weekday'],
  weekend: ['周末', 'Weekend'],
  clickDayHint: ['点击日期可设置或修改。', 'Click a day to set or change it.'],
  dayRemoved: ['已删除 {date}', 'Removed {date}'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word of the administration screens. */
export type AdminWord = keyof typeof WORDS;

/** `t('key', { name })` in the current language. */
export const useAdminT = wordsHook(WORDS);

/** `roles.0.orgUnitId` → `['roles', 0, 'orgUnitId']`. */
export function toNamePath(field: string): (string | number)[] {
  return field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The message of any thrown thing. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/**
 * Put the server's `fields` messages beside the form's fields. Returns the messages of fields the form does not
 * have (to show in the form's error banner). `rename` maps server names to form names (`'roles'` → `'_roles'`).
 */
export function showServerErrors(form: FormInstance, e: unknown, rename: Record<string, string> = {}): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const rest: Record<string, string> = {};
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [field, msg] of Object.entries(e.fields)) {
    const name = toNamePath(rename[field] ?? field);
    if (known.has(JSON.stringify(name))) set.push({ name, errors: [msg] });
    else rest[field] = msg;
  }
  if (set.length) form.setFields(set);
  return rest;
}

/** Monospace style for codes. */
export const MONO: React.CSSProperties = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

/** The banner above a form's buttons: the server's message, and field messages that have no field to sit beside. */
export function FormError({ error }: { error: { message: string; rest?: Record<string, string> } | null }) {
  if (!error) return null;
  const rest = Object.values(error.rest ?? {});
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error.message}
      description={rest.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{rest.map((m, i) => <li key={i}>{m}</li>)}</ul> : undefined}
      data-testid="admin-form-error"
    />
  );
}

/** An error to show in FormError, from anything thrown. */
export function formErrorOf(form: FormInstance | null, e: unknown, rename?: Record<string, string>): { message: string; rest: Record<string, string> } {
  const rest = form ? showServerErrors(form, e, rename) : e instanceof ApiError ? e.fields : {};
  return { message: errorMessage(e), rest };
}

/** Switch a record's `active` flag with PATCH `{ active }`; `busyId` is the record being switched. */
export function useSetActive(path: (id: number) => string, onDone: () => void) {
  const t = useAdminT();
  const { message } = App.useApp();
  const [busyId, setBusyId] = useState<number | null>(null);
  const setActive = useCallback(async (id: number, active: boolean) => {
    setBusyId(id);
    try {
      await patch(path(id), { active });
      message.success(t('saved'));
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  }, [path, onDone, message, t]);
  return { busyId, setActive };
}

/** "停用" behind a confirmation for an active record, "启用" for an inactive one. */
export function ActiveToggle({ id, name, active, hint, busy, onChange }: {
  id: number; name: string; active: boolean; hint: string; busy: boolean; onChange: (id: number, active: boolean) => unknown;
}) {
  const t = useAdminT();
  return active ? (
    <Popconfirm title={t('confirmDisable', { name })} description={<div style={{ maxWidth: 260 }}>{hint}</div>} onConfirm={() => onChange(id, false)}>
      <Button type="link" size="small" danger loading={busy}>{t('disable')}</Button>
    </Popconfirm>
  ) : (
    <Button type="link" size="small" loading={busy} onClick={() => void onChange(id, true)}>{t('enable')}</Button>
  );
}
