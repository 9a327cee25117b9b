/** Error codes the API returns, with their messages in Chinese (default) and English. */

/** A message in both languages; `{name}` placeholders are filled from params. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Every error code the API can return. */
export const ERRORS = {
  unauthenticated: { zh: '请先登录', en: 'Please log in first' },
  forbidden: { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { zh: '{what}不存在或您无权查看', en: '{what} does not exist or you may not see it' },
  route_not_found: { zh: '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  validation: { zh: '提交的内容有误：{detail}', en: 'Invalid input: {detail}' },
  invalid_json: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  json_too_deep: { zh: '请求内容嵌套过深（最多 {max} 层）', en: 'The request body is nested too deeply (at most {max} levels)' },
  invalid_utf8: { zh: '请求内容不是有效的 UTF-8 文本', en: 'The request body is not valid UTF-8' },
  cross_origin: {
    zh: '拒绝来自其他网站的请求（{origin}），请在本系统页面中操作',
    en: 'Refused a request sent from another site ({origin}); use this system\'s own pages',
  },
  login_slowed: {
    zh: '该账号在此地址登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed logins for this account from here; try again in {seconds} seconds',
  },
  login_proof_needed: {
    zh: '登录失败次数较多，需要先完成一次安全校验（浏览器会自动完成），请重试',
    en: 'After many failed logins a security check is needed first (the browser does it for you); please retry',
  },
  idempotency_mismatch: {
    zh: '同一个 Idempotency-Key 已用于内容不同的请求，请换一个新的 Key',
    en: 'This Idempotency-Key was already used for a different request; use a new key',
  },
  idempotency_in_progress: {
    zh: '同一个 Idempotency-Key 的请求正在处理中，请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  body_too_large: { zh: '提交的内容过大', en: 'The request body is too large' },
  unsupported_media_type: { zh: '不支持的内容类型：{type}', en: 'Unsupported content type: {type}' },
  login_failed: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  login_throttled: {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins; try again in {minutes} minutes',
  },
  account_disabled: { zh: '该账号已停用', en: 'This account is disabled' },
  wrong_password: { zh: '原密码不正确', en: 'The current password is wrong' },
  weak_password: {
    zh: '新密码至少 {min} 个字符，且须同时包含字母和数字',
    en: 'The new password needs at least {min} characters with letters and digits',
  },
  version_conflict: {
    zh: '该问题已被他人更新（当前版本 {current}），请刷新后再操作',
    en: 'Someone else updated this issue (now version {current}); reload and try again',
  },
  action_not_allowed: {
    zh: '当前状态「{status}」下不能执行「{action}」',
    en: 'Cannot "{action}" while the issue is "{status}"',
  },
  action_role_not_allowed: {
    zh: '您的角色不能对该问题执行「{action}」',
    en: 'Your role may not "{action}" this issue',
  },
  review_window_closed: {
    zh: '已超过{what}申请期限（{due}），依照《信访工作条例》第三十五、三十六条不予受理',
    en: 'The {what} request window closed on {due}',
  },
  extension_too_long: { zh: '延期不得超过 {max} 日（《信访工作条例》第三十四条）', en: 'An extension may not exceed {max} days' },
  merge_into_self: { zh: '不能并入自身', en: 'An issue cannot be merged into itself' },
  merge_target_closed: { zh: '并入的目标问题已办结或已并单', en: 'The target issue is already closed or merged' },
  unit_not_assignable: { zh: '承办单位「{name}」不在您的管辖范围内', en: 'Unit "{name}" is outside your scope' },
  unknown_reference: { zh: '{field}：编号 {id} 不存在', en: '{field}: id {id} does not exist' },
  code_taken: { zh: '单位代码 {code} 已被使用', en: 'Unit code {code} is taken' },
  username_taken: { zh: '用户名「{username}」已被使用', en: 'Username "{username}" is taken' },
  attachment_type: {
    zh: '不支持的附件类型「{name}」，允许：{allowed}',
    en: 'File type of "{name}" is not allowed; allowed: {allowed}',
  },
  attachment_too_large: { zh: '附件「{name}」超过 {max} MB', en: 'File "{name}" exceeds {max} MB' },
  attachment_content_mismatch: {
    zh: '附件「{name}」的内容与扩展名不符',
    en: 'The content of "{name}" does not match its extension',
  },
  no_file: { zh: '请选择要上传的文件', en: 'No file was uploaded' },
  invalid_multipart: { zh: '上传的内容不完整或格式有误，请重新上传', en: 'The upload is incomplete or malformed; please upload again' },
  attachment_name: { zh: '文件名含有无法识别的字符，请改名后再上传', en: 'The file name holds characters that cannot be read; rename the file and upload again' },
  import_file_empty: { zh: '文件是空的（0 字节），没有可导入的内容', en: 'The file is empty (0 bytes): there is nothing to import' },
  import_not_xlsx: { zh: '文件不是有效的 Excel 文件：{reason}', en: 'The file is not a valid Excel workbook: {reason}' },
  import_encrypted: {
    zh: '文件已加密，请先取消密码保护后再导入（Excel：文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码后保存）',
    en: 'The file is password-protected; remove the password before importing it (Excel: File › Info › Protect Workbook › Encrypt with Password, clear it and save)',
  },
  import_not_csv: { zh: '文件不是有效的 CSV 文本：{reason}', en: 'The file is not valid CSV text: {reason}' },
  saved_filters_full: { zh: '最多保存 {max} 个筛选条件，请先删除不用的', en: 'At most {max} saved filters; delete one first' },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  internal: { zh: '服务器内部错误，请稍后再试（编号 {ref}）', en: 'Internal server error (ref {ref})' },
} as const satisfies Record<string, Bilingual>;

/** An error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Chinese and English names of the fields that error messages mention. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  title: { zh: '标题', en: 'title' },
  body: { zh: '内容', en: 'body' },
  channel: { zh: '渠道', en: 'channel' },
  kind: { zh: '诉求类型', en: 'kind' },
  urgency: { zh: '紧急程度', en: 'urgency' },
  orgUnitId: { zh: '所在地', en: 'place (org unit)' },
  categoryId: { zh: '问题分类', en: 'category' },
  keywords: { zh: '关键词', en: 'keywords' },
  receivedAt: { zh: '收到时间', en: 'received time' },
  petitioner: { zh: '诉求人', en: 'petitioner' },
  name: { zh: '姓名', en: 'name' },
  phone: { zh: '电话', en: 'phone' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  address: { zh: '地址', en: 'address' },
  anonymous: { zh: '匿名', en: 'anonymous' },
  action: { zh: '操作', en: 'action' },
  version: { zh: '版本号', en: 'version' },
  unitId: { zh: '承办单位', en: 'unit' },
  dueAt: { zh: '办理期限', en: 'due date' },
  note: { zh: '说明', en: 'note' },
  reason: { zh: '理由', en: 'reason' },
  properChannel: { zh: '应当提出的途径', en: 'proper channel' },
  outcome: { zh: '处理结果', en: 'outcome' },
  text: { zh: '答复内容', en: 'text' },
  basis: { zh: '依据', en: 'basis' },
  resolved: { zh: '是否解决', en: 'resolved' },
  satisfaction: { zh: '满意度', en: 'satisfaction' },
  days: { zh: '延期天数', en: 'days' },
  intoIssueId: { zh: '并入问题', en: 'target issue' },
  username: { zh: '用户名', en: 'username' },
  password: { zh: '密码', en: 'password' },
  oldPassword: { zh: '原密码', en: 'current password' },
  newPassword: { zh: '新密码', en: 'new password' },
  displayName: { zh: '姓名', en: 'display name' },
  role: { zh: '角色', en: 'role' },
  roles: { zh: '角色', en: 'roles' },
  cursor: { zh: '分页游标', en: 'cursor' },
  limit: { zh: '每页条数', en: 'page size' },
  status: { zh: '状态', en: 'status' },
  from: { zh: '开始日期', en: 'from' },
  to: { zh: '结束日期', en: 'to' },
  q: { zh: '关键词', en: 'query' },
  id: { zh: '编号', en: 'id' },
  date: { zh: '日期', en: 'date' },
  type: { zh: '类型', en: 'type' },
  lat: { zh: '纬度', en: 'latitude' },
  lng: { zh: '经度', en: 'longitude' },
  sort: { zh: '排序', en: 'sort' },
  responsibleUnitId: { zh: '承办单位', en: 'responsible unit' },
  items: { zh: '问题列表', en: 'items' },
  query: { zh: '筛选条件', en: 'query' },
};

export { formatMessage } from './format.ts';
