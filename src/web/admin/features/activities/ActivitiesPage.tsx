/**
 * 下基层活动: the activities of the user's subtree as a list or a month calendar, filtered by kind, status, place
 * (a unit's subtree), period and cadre — the filters live in the URL, so a filtered view can be bookmarked or sent.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Calendar, Card, DatePicker, Empty, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ACTIVITY_KINDS, ACTIVITY_KIND_NAMES, ACTIVITY_STATUSES, ACTIVITY_STATUS_NAMES, type ActivityKind, type ActivityStatus } from '../../../../shared/enums.ts';
import type { Activity } from '../../../../shared/api/activities.ts';
import { get, qs } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { beijingWall } from '../../lib/beijing-time.ts';
import { usePhone } from '../../lib/media.ts';
import { useWords } from './words.ts';

/** Colours of the four kinds, everywhere an activity is shown. */
export const KIND_COLOURS: Record<ActivityKind, string> = { outreach: 'magenta', research: 'green', reception: 'blue', onsite: 'orange' };
/** Rows of a list page at a desk. */
const PAGE = 20;

const STATUS_BADGE: Record<ActivityStatus, 'processing' | 'success' | 'default'> = { planned: 'processing', done: 'success', cancelled: 'default' };

/** An activity's state as a badge. */
export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const { n } = useI18n();
  return <Badge status={STATUS_BADGE[status]} text={n(ACTIVITY_STATUS_NAMES[status])} data-status={status} />;
}

const span = (a: Activity) => `${fmtDateTime(a.startsAt)} – ${beijingWall(a.endsAt).format(beijingWall(a.startsAt).isSame(beijingWall(a.endsAt), 'day') ? 'HH:mm' : 'MM-DD HH:mm')}`;

/** The activities screen. */
export default function ActivitiesPage() {
  const w = useWords();
  const { n } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const month = params.get('month') ?? beijingWall().format('YYYY-MM');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [cadres, setCadres] = useState<Array<{ value: number; label: string }>>([]);
  const [data, setData] = useState<{ items: Activity[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const set = (k: string, v: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    // Another filter starts again at the first page.
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    get<{ items: Array<{ id: number; name: string; unitName: string }> }>('/api/v1/activity-cadres')
      .then((r) => setCadres(r.items.map((c) => ({ value: c.id, label: c.name }))), () => setCadres([]));
  }, []);

  // The calendar asks for its month (with the days of the neighbouring months it shows); the list for the period.
  const query = useMemo(() => {
    const base = { kind: params.get('kind'), status: params.get('status'), unitId: params.get('unitId'), cadreId: params.get('cadreId') };
    if (view === 'calendar') {
      const m = dayjs(`${month}-01`);
      return { ...base, from: m.subtract(7, 'day').format('YYYY-MM-DD'), to: m.endOf('month').add(14, 'day').format('YYYY-MM-DD'), limit: 500 };
    }
    // The list is paged by the server: 20 a page (50 on a phone's cards), the page in the URL.
    const size = phone ? 50 : PAGE;
    return { ...base, from: params.get('from'), to: params.get('to'), limit: size, offset: (page - 1) * size };
  }, [params, view, month, page, phone]);

  useEffect(() => {
    let live = true;
    setError(null);
    get<{ items: Activity[]; total: number }>(`/api/v1/activities${qs(query)}`).then((r) => { if (live) setData(r); }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [query]);

  const kindTag = (k: ActivityKind) => <Tag color={KIND_COLOURS[k]} style={{ marginInlineEnd: 4 }}>{n(ACTIVITY_KIND_NAMES[k])}</Tag>;
  const items = data?.items ?? [];
  const byDay = useMemo(() => {
    const m = new Map<string, Activity[]>();
    for (const a of items) {
      const d = beijingWall(a.startsAt).format('YYYY-MM-DD');
      (m.get(d) ?? m.set(d, []).get(d)!).push(a);
    }
    return m;
  }, [items]);

  const filters = (
    <Space wrap size={8} style={{ marginBottom: 12 }} data-testid="activity-filters">
      <Select allowClear placeholder={w('kind')} style={{ width: 130 }} value={params.get('kind') ?? undefined} onChange={(v) => set('kind', v)} data-testid="filter-kind"
        options={ACTIVITY_KINDS.map((k) => ({ value: k, label: n(ACTIVITY_KIND_NAMES[k]) }))} />
      <Select allowClear placeholder={w('status')} style={{ width: 120 }} value={params.get('status') ?? undefined} onChange={(v) => set('status', v)}
        options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: n(ACTIVITY_STATUS_NAMES[s]) }))} />
      <UnitSelect placeholder={w('unit')} style={{ width: 200 }} value={Number(params.get('unitId')) || null} onChange={(v) => set('unitId', v)} />
      {view === 'list' && (
        <DatePicker.RangePicker allowEmpty={[true, true]} value={[params.get('from') ? dayjs(params.get('from')) : null, params.get('to') ? dayjs(params.get('to')) : null]}
          onChange={(r) => { const next = new URLSearchParams(params); for (const [k, d] of [['from', r?.[0]], ['to', r?.[1]]] as const) { if (d) next.set(k, d.format('YYYY-MM-DD')); else next.delete(k); } next.delete('page'); setParams(next, { replace: true }); }} />
      )}
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={w('cadre')} style={{ width: 180 }} value={Number(params.get('cadreId')) || undefined}
        onChange={(v) => set('cadreId', v)} options={cadres} />
    </Space>
  );

  const list = phone ? (
    <List dataSource={items} locale={{ emptyText: <Empty description={w('none')} /> }} data-testid="activity-cards"
      pagination={(data?.total ?? 0) > 50 ? { pageSize: 50, current: page, total: data?.total ?? 0, size: 'small', onChange: (p) => set('page', p > 1 ? p : null) } : false} renderItem={(a) => (
      <List.Item onClick={() => navigate(`/activities/${a.id}`)} style={{ cursor: 'pointer', display: 'block' }}>
        <div>{kindTag(a.kind)}<Link to={`/activities/${a.id}`}>{a.title}</Link></div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{span(a)} · {a.orgUnitName}</Typography.Text>
        <div style={{ marginTop: 4 }}><ActivityStatusBadge status={a.status} />
          <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 13 }}>{w('issuesCount', { n: a.issueCount })}{a.kind === 'outreach' ? ` · ${w('feedbackCount', { n: a.feedbackCount })}` : ''}</Typography.Text></div>
      </List.Item>
    )} />
  ) : (
    <Table<Activity> rowKey="id" size="small" dataSource={items} data-testid="activity-table"
      pagination={{ pageSize: PAGE, current: page, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', p > 1 ? p : null), showTotal: (t) => w('total', { n: t }) }}
      locale={{ emptyText: <Empty description={w('none')} /> }}
      columns={[
        { title: w('when'), key: 'when', width: 190, render: (_, a) => span(a) },
        { title: w('kind'), key: 'kind', width: 100, render: (_, a) => kindTag(a.kind) },
        { title: w('topic'), key: 'title', render: (_, a) => <Link to={`/activities/${a.id}`}>{a.title}</Link> },
        { title: w('unit'), dataIndex: 'orgUnitName', width: 120 },
        { title: w('cadres'), key: 'cadres', width: 200, render: (_, a) => a.cadres.map((c) => c.name).join('、') },
        { title: w('issues'), dataIndex: 'issueCount', width: 90, align: 'right' },
        { title: w('feedback'), key: 'fb', width: 90, align: 'right', render: (_, a) => (a.kind === 'outreach' ? a.feedbackCount : '—') },
        { title: w('status'), key: 'status', width: 100, render: (_, a) => <ActivityStatusBadge status={a.status} /> },
      ]} />
  );

  const calendar = (
    <div data-testid="activity-calendar"><Calendar value={dayjs(`${month}-01`)} fullscreen={!phone}
      onPanelChange={(d: Dayjs) => set('month', d.format('YYYY-MM'))}
      onSelect={(d: Dayjs, info) => { if (info.source === 'date' && phone) set('month', d.format('YYYY-MM')); }}
      cellRender={(d: Dayjs, info) => {
        if (info.type !== 'date') return info.originNode;
        const day = byDay.get(d.format('YYYY-MM-DD')) ?? [];
        if (phone) return day.length ? <Badge count={day.length} size="small" color="#1f5fbf" /> : null;
        return (
          <div>
            {day.slice(0, 3).map((a) => (
              <div key={a.id} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12, opacity: a.status === 'cancelled' ? 0.5 : 1 }}>
                <Link to={`/activities/${a.id}`} title={a.title}><Tag color={KIND_COLOURS[a.kind]} style={{ fontSize: 11, lineHeight: '16px', padding: '0 3px', marginInlineEnd: 2 }}>{n(ACTIVITY_KIND_NAMES[a.kind]).slice(0, 2)}</Tag>{a.title}</Link>
              </div>
            ))}
            {day.length > 3 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>+{day.length - 3}</Typography.Text>}
          </div>
        );
      }} /></div>
  );

  return (
    <Card size="small" title={w('title')} data-testid="activities-page"
      extra={hasRole('cadre', 'leader', 'clerk') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')} data-testid="activity-new">{w('newActivity')}</Button>}>
      {filters}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Tabs activeKey={view} onChange={(k) => set('view', k === 'list' ? null : k)} items={[
        { key: 'list', label: w('list'), children: <>{list}{data && data.total > items.length && <Typography.Text type="secondary">{w('more', { n: data.total - items.length })}</Typography.Text>}</> },
        { key: 'calendar', label: w('calendar'), children: (
          <>
            {calendar}
            {phone && (
              <List size="small" header={<b>{month}</b>} dataSource={items.filter((a) => beijingWall(a.startsAt).format('YYYY-MM') === month)}
                renderItem={(a) => <List.Item><span>{beijingWall(a.startsAt).format('MM-DD HH:mm')} {kindTag(a.kind)}<Link to={`/activities/${a.id}`}>{a.title}</Link></span></List.Item>} />
            )}
          </>
        ) },
      ]} />
    </Card>
  );
}
