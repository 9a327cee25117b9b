/** 工作台: my to-dos by urgency with counts, and what changed lately in my scope. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Statistic, Tabs, Typography } from 'antd';
import { CHANNEL_NAMES } from '../../../../shared/enums.ts';
import { ApiError, get } from '../../api/client.ts';
import type { CalendarCoverage, Issue, Workbench, WorkbenchBucket as Bucket } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDate, fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { DueCountdown } from '../../components/DueCountdown.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { Chart } from '../../components/Chart.tsx';
import { countAxis } from '../../components/chart-axis.ts';
import { OnsiteTasksCard } from './OnsiteTasksCard.tsx';

/** `tabEn`: the English name short enough for five tabs side by side in the to-do card. */
const BUCKETS: { key: Bucket; zh: string; en: string; tabEn: string; colour: string }[] = [
  { key: 'overdue', zh: '已超期', en: 'Overdue', tabEn: 'Overdue', colour: '#cf1322' },
  { key: 'dueToday', zh: '今日到期', en: 'Due today', tabEn: 'Today', colour: '#d46b08' },
  { key: 'dueThisWeek', zh: '本周到期', en: 'Due this week', tabEn: 'This week', colour: '#d4b106' },
  { key: 'returned', zh: '退回待处理', en: 'Returned to me', tabEn: 'Returned', colour: '#531dab' },
  { key: 'awaitingApproval', zh: '待我审批', en: 'Awaiting my approval', tabEn: 'To approve', colour: '#0958d9' },
];

function IssueList({ items, empty }: { items: Issue[]; empty: string }) {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { unitName } = useLookups();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      size="small"
      className="yx-list-stack"
      dataSource={items}
      renderItem={(i) => (
        <List.Item key={i.id} extra={<DueCountdown dueAt={i.nextDueAt} />}>
          <List.Item.Meta
            title={<Space wrap><Link to={`/issues/${i.id}`}>{i.trackingCode}</Link><StatusTag status={i.status} /><span>{i.title}</span></Space>}
            description={
              <span data-testid="workbench-item-meta">
                {`${n(CHANNEL_NAMES[i.channel])} · ${i.orgUnitName}${i.responsibleUnitId ? ' → ' + (i.responsibleUnitName ?? unitName(i.responsibleUnitId)) : ''}`}
                {/* Both dates, labelled, in Beijing time: how long it has been with us, and when it last moved. */}
                {' · '}<span data-testid="workbench-item-received" style={{ whiteSpace: 'nowrap' }}>{zh ? '收到' : 'Received'} {fmtDate(i.receivedAt)}</span>
                {' · '}<span data-testid="workbench-item-updated" style={{ whiteSpace: 'nowrap' }}>{zh ? '更新' : 'Updated'} {fmtDateTime(i.updatedAt)}</span>
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** The workbench screen. */
export default function WorkbenchPage() {
  const { lang } = useI18n();
  const [data, setData] = useState<Workbench | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Bucket>('overdue');
  const load = useCallback(() => {
    setError(null);
    get<Workbench>('/api/v1/workbench').then(setData, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  useEffect(load, [load]);
  // An administrator is told here too when a year the clocks need has no holidays entered (GET /calendar/coverage).
  const { hasRole, me } = useAuth();
  const isAdmin = hasRole('admin');
  // 包案: a leader's own cases, open first (the ledger filtered by owner).
  const isLeader = hasRole('leader');
  const [owned, setOwned] = useState<{ items: Issue[]; total?: number } | null>(null);
  useEffect(() => {
    if (!isLeader || !me) return;
    get<{ items: Issue[]; total?: number }>(`/api/v1/issues?ownerId=${me.id}&sort=due_asc&limit=5`).then(setOwned, () => setOwned(null));
  }, [isLeader, me]);
  const [calendarWarning, setCalendarWarning] = useState<string | null>(null);
  useEffect(() => {
    if (!isAdmin) return;
    get<CalendarCoverage>('/api/v1/calendar/coverage').then((c) => setCalendarWarning(c.warning), () => setCalendarWarning(null));
  }, [isAdmin, lang]);
  const zh = lang === 'zh';
  const tabLabel = (b: (typeof BUCKETS)[number]) => `${zh ? b.zh : b.tabEn} ${data ? data.counts[b.key] : ''}`;
  const trendOption = useMemo(() => data && ({
    grid: { left: 36, right: 12, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
    yAxis: countAxis(Math.max(0, ...data.trend.map((d) => d.received))),
    series: [{ type: 'bar', name: zh ? '登记' : 'Received', data: data.trend.map((d) => d.received), itemStyle: { color: '#c0392b' } }],
  }), [data, zh]);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="workbench">
      <Typography.Title level={4} style={{ margin: 0 }}>{zh ? '我的待办' : 'My to-dos'}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} action={<Button size="small" onClick={load}>{zh ? '重试' : 'Retry'}</Button>} />}
      {calendarWarning && (
        <Alert type="warning" showIcon title={calendarWarning} data-testid="workbench-calendar-warning"
          action={<Link to="/admin/calendar">{zh ? '去录入' : 'Enter them'}</Link>} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} lg={4}>
          <Card size="small"><Statistic title={zh ? '全部待办' : 'All to-dos'} value={data?.counts.total ?? '—'} /></Card>
        </Col>
        {BUCKETS.map((b) => (
          <Col xs={12} md={8} lg={4} key={b.key}>
            <Card size="small" hoverable onClick={() => setTab(b.key)} data-testid={`count-${b.key}`}>
              <Statistic title={zh ? b.zh : b.en} value={data?.counts[b.key] ?? '—'} valueStyle={{ color: (data?.counts[b.key] ?? 0) > 0 ? b.colour : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={zh ? '待办事项' : 'To-dos'} extra={<Link to="/issues?overdue=true">{zh ? '台账中查看超期' : 'Overdue in the ledger'}</Link>}>
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as Bucket)}
              tabBarGutter={24}
              // Five tabs do not fit a phone: there they wrap (global.css) instead of hiding behind "…".
              className="yx-wrap-tabs"
              data-testid="workbench-tabs"
              items={BUCKETS.map((b) => ({
                key: b.key,
                label: tabLabel(b),
                children: <IssueList items={data?.buckets[b.key] ?? []} empty={zh ? '没有此类待办' : 'Nothing here'} />,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {hasRole('handler') && <OnsiteTasksCard />}
          {isLeader && me && (
            <Card size="small" title={<span>{zh ? '我包案的问题' : 'Cases I own (包案)'} <Typography.Text type="secondary">{owned?.total ?? ''}</Typography.Text></span>}
              style={{ marginBottom: 16 }} data-testid="workbench-owned" extra={<Link to={`/issues?ownerId=${me.id}`}>{zh ? '全部（可导出）' : 'All (export)'}</Link>}>
              <IssueList items={owned?.items ?? []} empty={zh ? '还没有包案的问题' : 'No cases owned yet'} />
            </Card>
          )}
          <Card size="small" title={zh ? '近 30 天收到的问题' : 'Issues received, last 30 days'} style={{ marginBottom: 16 }} data-testid="workbench-trend">
            {trendOption ? <Chart option={trendOption} height={180} /> : null}
          </Card>
          <Card size="small" title={zh ? '最近更新' : 'Recently updated'} extra={<Link to="/issues">{zh ? '问题台账' : 'Ledger'}</Link>}>
            <IssueList items={data?.recent ?? []} empty={zh ? '暂无问题' : 'No issues yet'} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
