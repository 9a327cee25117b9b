/**
 * 登记: one screen a clerk fills with the keyboard alone while the caller is still speaking. Tab moves
 * through the fields, typing filters each picker, Enter chooses, Ctrl+Enter submits. Beside the text: the
 * suggestion slot (filled by the language features) and recent issues at the same place.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CHANNELS, CHANNEL_NAMES, ISSUE_KINDS, ISSUE_KIND_NAMES, URGENCIES, URGENCY_NAMES, type Channel, type IssueKind, type Urgency } from '../../../../shared/enums.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { ApiError, api, get, idempotencyKeyFor, qs } from '../../api/client.ts';
import type { Issue, IssuePage, SimilarIssue, Suggestions } from '../../api/types.ts';
import type { Activity } from '../../../../shared/api/activities.ts';
import { ACTIVITY_CHANNEL, ACTIVITY_KIND_NAMES } from '../../../../shared/enums.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { CategorySelect } from '../../components/CategorySelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { ASSIST_MIN_CHARS, ChoiceTag, SimilarCard, SuggestionsCard, useDebouncedPost, useLastShown, type SimilarChoice } from './IntakeAssist.tsx';
import { beijingInstant, beijingToday, beijingWall } from '../../lib/beijing-time.ts';
import { charCount, charCountConfig, cutChars } from './text-limits.ts';
import { useWords } from './words.ts';
import { useMedia } from '../../lib/media.ts';
import { JointFields, jointBody, type JointValues } from './JointFields.tsx';

interface Values extends JointValues {
  channel: Channel;
  kind: IssueKind;
  urgency: Urgency;
  anonymous: boolean;
  name?: string;
  phone?: string;
  idNumber?: string;
  petitionerAddress?: string;
  receivedAt: Dayjs;
  title?: string;
  body: string;
  orgUnitId: number;
  categoryId?: number | null;
  address?: string;
}

const PLAIN_DRAFT_KEY = 'yx.intake.draft';
/** The chosen link or merge survives a reload with the draft. */
const CHOICE_KEY = 'yx.intake.choice';

function readChoice(): SimilarChoice | null {
  try {
    const c = JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? 'null') as SimilarChoice | null;
    return c && (c.action === 'repeat' || c.action === 'merge') && Number.isInteger(c.issue?.id) ? c : null;
  } catch {
    return null;
  }
}

/** What was suggested, as the issue records it (which ids were shown, by which models). */
function shownSuggestions(s: Suggestions | null) {
  if (!s || (!s.category?.items.length && !s.unit?.items.length)) return undefined;
  return {
    ...(s.category?.items.length ? { categoryModelId: s.category.modelId, categoryIds: s.category.items.map((i) => i.id) } : {}),
    ...(s.unit?.items.length ? { unitModelId: s.unit.modelId, unitIds: s.unit.items.map((i) => i.id) } : {}),
  };
}

/** The instant a picker value (Beijing wall time) stands for, as a draft keeps it. */
const draftInstant = (v: unknown) => (dayjs.isDayjs(v) ? beijingInstant(v) : undefined);

/** A length rule in characters whose message names the field briefly (not its whole label). */
function tooLong(max: number, zh: boolean, field: { zh: string; en: string }) {
  const message = zh ? `${field.zh}不能超过 ${max} 个字符` : `${field.en} may have at most ${max} characters`;
  return { validator: (_: unknown, v: unknown) => (typeof v === 'string' && charCount(v) > max ? Promise.reject(new Error(message)) : Promise.resolve()) };
}

/** The intake screen. */
export default function IntakePage() {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const w = useWords();
  const { message } = App.useApp();
  const { unitName } = useLookups();
  const { hasRole } = useAuth();
  const [form] = Form.useForm<Values>();
  // Heard at a grassroots activity (?activity=id): its channel, place and time pre-fill the form, the issue is linked to it.
  const [params] = useSearchParams();
  const activityId = Number(params.get('activity')) || null;
  const [activity, setActivity] = useState<Activity | null>(null);
  const DRAFT_KEY = activityId ? `${PLAIN_DRAFT_KEY}.activity.${activityId}` : PLAIN_DRAFT_KEY;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Issue | null>(null);
  const [nearby, setNearby] = useState<Issue[]>([]);
  const first = useRef<HTMLDivElement>(null);
  const titleRef = useRef<InputRef>(null);
  const anonymous = Form.useWatch('anonymous', form);
  const place = Form.useWatch('orgUnitId', form);
  const category = Form.useWatch('categoryId', form);
  const title = Form.useWatch('title', form);
  const body = Form.useWatch('body', form);
  const [choice, setChoiceState] = useState<SimilarChoice | null>(readChoice);
  const setChoice = (c: SimilarChoice | null) => {
    if (c) sessionStorage.setItem(CHOICE_KEY, JSON.stringify(c));
    else sessionStorage.removeItem(CHOICE_KEY);
    setChoiceState(c);
  };

  // While the clerk types: suggestions from the text, similar issues from the text, the place and the category.
  // Never more than the API takes (a draft from before the caps could hold more): the help answers any valid text.
  const text = cutChars((body ?? '').trim(), LIMITS.bodyMax);
  const active = text.length >= ASSIST_MIN_CHARS;
  const cleanTitle = cutChars(title?.trim() ?? '', LIMITS.titleMax) || undefined;
  const suggestPayload = useMemo(() => (active ? { title: cleanTitle, body: text } : null), [active, cleanTitle, text]);
  const similarPayload = useMemo(() => (active ? { title: cleanTitle, body: text, orgUnitId: place ?? undefined, categoryId: category ?? undefined, limit: 5 } : null),
    [active, cleanTitle, text, place, category]);
  const suggestions = useDebouncedPost<Suggestions>('/api/v1/suggestions', suggestPayload);
  const similar = useDebouncedPost<{ items: SimilarIssue[] }>('/api/v1/issues/similar', similarPayload);
  const lastShown = useLastShown(suggestions.data);
  // The last create sent and its Idempotency-Key: sending the same again (after a network error) reuses the key.
  const lastSent = useRef<{ body: string; key: string } | null>(null);
  const canMerge = hasRole('clerk');
  const pickCategory = (id: number) => {
    form.setFieldValue('categoryId', id);
    // onValuesChange does not fire for setFieldValue: keep the draft in step.
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...form.getFieldsValue(true), receivedAt: draftInstant(form.getFieldValue('receivedAt')) }));
  };

  // A draft survives a reload or an expired session: the caller is not asked twice.
  useEffect(() => {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    if (raw) {
      try {
        const d = JSON.parse(raw) as Partial<Values> & { receivedAt?: string };
        form.setFieldsValue({ ...d, receivedAt: beijingWall(d.receivedAt) });
      } catch { /* a broken draft is dropped */ }
    }
    (first.current?.querySelector('input') as HTMLInputElement | null)?.focus();
  }, [form]);

  useEffect(() => {
    if (!activityId) { setActivity(null); return; }
    get<Activity>(`/api/v1/activities/${activityId}`).then((a) => {
      setActivity(a);
      if (sessionStorage.getItem(DRAFT_KEY)) return;
      const now = new Date().toISOString();
      const at = now > a.startsAt && now < a.endsAt ? now : a.startsAt;
      form.setFieldsValue({ channel: ACTIVITY_CHANNEL[a.kind], orgUnitId: a.orgUnitId, receivedAt: beijingWall(at), address: a.placeText ?? undefined });
    }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [activityId, form, DRAFT_KEY]);

  useEffect(() => {
    if (!place) { setNearby([]); return; }
    get<IssuePage>(`/api/v1/issues${qs({ unitId: place, categoryId: category ?? undefined, limit: 5 })}`).then((r) => setNearby(r.items), () => setNearby([]));
  }, [place, category]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const petitioner = v.anonymous ? null : { name: v.name || undefined, phone: v.phone || undefined, idNumber: v.idNumber || undefined, address: v.petitionerAddress || undefined };
      const body = {
        channel: v.channel, kind: v.kind, urgency: v.urgency, anonymous: v.anonymous, petitioner,
        receivedAt: beijingInstant(v.receivedAt), title: v.title?.trim() || undefined, body: v.body, orgUnitId: v.orgUnitId,
        categoryId: v.categoryId ?? null, address: v.address || null,
        ...jointBody(v),
        ...(choice?.action === 'repeat' ? { relatedIssueId: choice.issue.id } : {}),
        ...(choice?.action === 'merge' ? { mergeIntoId: choice.issue.id } : {}),
        ...(active ? { suggestions: shownSuggestions(lastShown.current) } : {}),
      };
      let issue: Issue;
      if (activityId) {
        const { channel: _channel, mergeIntoId: _merge, ...rest } = body as typeof body & { mergeIntoId?: number };
        const r = await api<{ id: number }>('POST', `/api/v1/activities/${activityId}/issues`, rest, { headers: { 'idempotency-key': idempotencyKeyFor(lastSent, rest) } });
        issue = await get<Issue>(`/api/v1/issues/${r.id}`);
      } else {
        issue = await api<Issue>('POST', '/api/v1/issues', body, { headers: { 'idempotency-key': idempotencyKeyFor(lastSent, body) } });
      }
      lastSent.current = null;
      setCreated(issue);
      sessionStorage.removeItem(DRAFT_KEY);
      if (choice?.action === 'merge') message.success(w('registeredMerged', { code: issue.trackingCode, into: choice.issue.trackingCode }));
      else if (choice) message.success(w('registeredLinked', { code: issue.trackingCode, to: choice.issue.trackingCode }));
      else message.success(zh ? `已登记，受理编号 ${issue.trackingCode}` : `Registered as ${issue.trackingCode}`);
      setChoice(null);
      lastShown.current = null;
      form.resetFields();
      form.setFieldsValue({ channel: v.channel, kind: v.kind, urgency: 'normal', receivedAt: activity ? v.receivedAt : beijingWall(), anonymous: false,
        ...(activity ? { orgUnitId: v.orgUnitId, address: v.address } : {}) });
      (first.current?.querySelector('input') as HTMLInputElement | null)?.focus();
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        const map: Record<string, keyof Values> = { 'petitioner.name': 'name', 'petitioner.phone': 'phone', 'petitioner.idNumber': 'idNumber', 'petitioner.address': 'petitionerAddress' };
        form.setFields(Object.entries(e.fields).map(([k, msg]) => ({ name: (map[k] ?? k) as keyof Values, errors: [msg] })));
      } else {
        setError(String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const options = <T extends string>(codes: readonly T[], names: Record<T, { zh: string; en: string }>) =>
    codes.map((c) => ({ value: c, label: n(names[c]) }));
  const searchable = { showSearch: { optionFilterProp: 'label' as const } };
  // Below lg the side column would fall under the form, after 登记: the panels go inside it, after the fields they help with.
  const stacked = useMedia('(max-width: 991.98px)');

  const assist = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <SuggestionsCard state={suggestions} active={active} currentCategory={category} onPickCategory={pickCategory} />
      <SimilarCard state={similar} active={active} nearby={nearby} placeName={place ? unitName(place) : null} choice={choice} canMerge={canMerge}
        onChoose={(c) => setChoice(choice?.issue.id === c.issue.id && choice.action === c.action ? null : c)} />
    </Space>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14} xl={15}>
        <Card title={zh ? '登记问题' : 'Register an issue'} size="small" extra={<Typography.Text type="secondary" className="yx-kbd-hint" data-testid="intake-kbd-hint">{zh ? 'Tab 切换 · 输入筛选 · 回车选择 · Ctrl+Enter 提交' : 'Tab to move · type to filter · Enter to pick · Ctrl+Enter to submit'}</Typography.Text>}>
          {created && (
            <Alert type="success" showIcon closable onClose={() => setCreated(null)} style={{ marginBottom: 12 }} data-testid="intake-created"
              message={<span>{zh ? '已登记：' : 'Registered: '}<Link to={`/issues/${created.id}`} data-testid="intake-created-link">{created.trackingCode}</Link> {created.title}</span>} />
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="intake-error" />}
          {activity && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="intake-activity"
              message={<span>{zh ? '来自活动：' : 'Heard at: '}<Link to={`/activities/${activity.id}`}>{activity.title}</Link>{`（${n(ACTIVITY_KIND_NAMES[activity.kind])}，${activity.orgUnitName}）`}</span>}
              description={zh ? '渠道、所在地、时间和地址已按活动填好，可修改所在地和时间；登记后问题在活动中列出。' : 'Channel, place, time and address come from the activity; the place and time may be changed. The issue is listed with the activity.'} />
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ channel: 'phone', kind: 'complaint', urgency: 'normal', receivedAt: beijingWall(), anonymous: false }}
            onFinish={submit}
            onValuesChange={(_, all) => sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...all, receivedAt: draftInstant(all.receivedAt) }))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
              // Alt+1/2/3: use the first, second or third suggested category without leaving the text.
              const digit = /^Digit([1-3])$/.exec(e.code)?.[1];
              if (digit && e.altKey && !e.ctrlKey && !e.metaKey) {
                const pick = suggestions.data?.category?.items[Number(digit) - 1];
                if (pick) {
                  e.preventDefault();
                  pickCategory(pick.id);
                }
              }
            }}
          >
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <div ref={first}>
                  <Form.Item name="channel" label={zh ? '渠道' : 'Channel'} rules={[{ required: true }]}>
                    <Select id="intake-channel" options={options(CHANNELS, CHANNEL_NAMES)} {...searchable} disabled={!!activity} />
                  </Form.Item>
                </div>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="kind" label={zh ? '诉求类型' : 'Kind'} rules={[{ required: true }]}>
                  <Select id="intake-kind" options={options(ISSUE_KINDS, ISSUE_KIND_NAMES)} {...searchable} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="urgency" label={zh ? '紧急程度' : 'Urgency'}>
                  <Select id="intake-urgency" options={options(URGENCIES, URGENCY_NAMES)} {...searchable} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12} align="bottom">
              <Col xs={24} sm={6}>
                <Form.Item name="anonymous" valuePropName="checked" label={zh ? '诉求人' : 'Petitioner'}>
                  <Checkbox id="intake-anonymous">{zh ? '匿名' : 'Anonymous'}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="name" label={zh ? '姓名' : 'Name'} rules={[{ max: LIMITS.nameMax }]}>
                  <Input id="intake-name" disabled={anonymous} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="phone" label={zh ? '电话' : 'Phone'} rules={[{ pattern: /^[0-9+\- ()]*$/, message: zh ? '电话只能包含数字、+、-、空格和括号' : 'digits, + - ( ) and spaces only' }, { max: LIMITS.phoneMax }]}>
                  <Input id="intake-phone" disabled={anonymous} autoComplete="off" inputMode="tel" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={6}>
                <Form.Item name="idNumber" label={zh ? '身份证号' : 'ID number'} rules={[{ pattern: /^([0-9]{17}[0-9Xx])?$/, message: zh ? '身份证号应为 18 位' : '18 characters' }]}>
                  <Input id="intake-idnumber" disabled={anonymous} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="petitionerAddress" label={zh ? '诉求人住址' : 'Petitioner address'} rules={[{ max: LIMITS.addressMax }]}>
                  <Input id="intake-petitioner-address" disabled={anonymous} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="receivedAt" label={zh ? '收到时间（北京时间）' : 'Received (Beijing time)'} rules={[{ required: true, message: zh ? '请填写收到时间' : 'Required' }]}>
                  <DatePicker id="intake-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
                    // Shown and sent as Beijing wall time whatever the browser's zone; "now" is Beijing's now, not the browser's.
                    disabledDate={(d) => d.format('YYYY-MM-DD') > beijingToday()} showNow={false}
                    presets={[{ label: zh ? '现在' : 'Now', value: () => beijingWall() }]} />
                </Form.Item>
              </Col>
            </Row>
            <JointFields zh={zh} />
            <Form.Item name="title" label={zh ? '标题（可不填，自动取内容首句）' : 'Title (optional: the first sentence is used)'} rules={[tooLong(LIMITS.titleMax, zh, { zh: '标题', en: 'The title' })]}>
              <Input id="intake-title" ref={titleRef} autoComplete="off" count={charCountConfig(LIMITS.titleMax)} />
            </Form.Item>
            <Form.Item name="body" label={zh ? '诉求内容' : 'What was asked'} rules={[{ required: true, whitespace: true, message: zh ? '请填写诉求内容' : 'Required' }, tooLong(LIMITS.bodyMax, zh, { zh: '诉求内容', en: 'The request' })]}>
              <Input.TextArea id="intake-body" autoSize={{ minRows: 4, maxRows: 12 }} count={charCountConfig(LIMITS.bodyMax)} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="orgUnitId" label={zh ? '所在地（可输入名称或代码搜索）' : 'Place (search by name or code)'} rules={[{ required: true, message: zh ? '请选择所在地' : 'Choose a place' }]}>
                  <UnitSelect id="intake-place" levels={['county', 'township', 'village', 'grid']} allowClear={false} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="categoryId" label={zh ? '问题分类' : 'Category'}>
                  <CategorySelect id="intake-category" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="address" label={zh ? '详细地址' : 'Address'} rules={[{ max: LIMITS.addressMax }]}>
              <Input id="intake-address" autoComplete="off" />
            </Form.Item>
            {stacked && <div style={{ marginBottom: 16 }}>{assist}</div>}
            {choice && <div><ChoiceTag choice={choice} onClear={() => setChoice(null)} /></div>}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="intake-submit">{zh ? '登记' : 'Register'}</Button>
              <Button onClick={() => { form.resetFields(); sessionStorage.removeItem(DRAFT_KEY); setChoice(null); setError(null); }}>{zh ? '清空' : 'Clear'}</Button>
            </Space>
          </Form>
        </Card>
      </Col>
      {!stacked && <Col xs={24} lg={10} xl={9}>{assist}</Col>}
    </Row>
  );
}
