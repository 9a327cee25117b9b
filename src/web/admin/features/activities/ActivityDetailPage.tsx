/**
 * One activity: what it was, the issues heard there with their live status, and for a lecture its audience's
 * feedback — the three scales' averages and distributions, and the questions, each of which becomes an issue in one
 * click (channel 宣讲, linked to the lecture).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined, FormOutlined, QrcodeOutlined } from '@ant-design/icons';
import { ACTIVITY_KIND_NAMES, AUDIENCE_TYPE_NAMES, FEEDBACK_SCALES, FEEDBACK_SCALE_NAMES, RECEPTION_MODE_NAMES } from '../../../../shared/enums.ts';
import type { Activity, FeedbackSummary } from '../../../../shared/api/activities.ts';
import type { IssueStatus, StatusType } from '../../../../shared/lifecycle.ts';
import { get, patch, post } from '../../api/client.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { Chart } from '../../components/Chart.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ActivityStatusBadge, KIND_COLOURS } from './ActivitiesPage.tsx';
import { useWords } from './words.ts';
import { ResearchCards } from './ResearchCards.tsx';
import { PhotosCard } from './PhotosCard.tsx';
import { OnsiteCards } from './OnsiteCards.tsx';
import { usePhone } from '../../lib/media.ts';

interface ActivityIssue { id: number; trackingCode: string; title: string; status: IssueStatus; statusType: StatusType; orgUnitName: string; receivedAt: string; closedAt: string | null }

/** The activity's page. */
export default function ActivityDetailPage() {
  const w = useWords();
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [a, setA] = useState<Activity | null>(null);
  const [issues, setIssues] = useState<{ items: ActivityIssue[]; resolvedShare: number | null } | null>(null);
  const [fb, setFb] = useState<FeedbackSummary | null>(null);
  const [phones, setPhones] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const phone = usePhone();

  const load = useCallback(() => {
    get<Activity>(`/api/v1/activities/${id}`).then((x) => {
      setA(x);
      if (x.kind === 'outreach') get<FeedbackSummary>(`/api/v1/activities/${id}/feedback`).then(setFb, () => setFb(null));
    }, (e: Error) => setError(e.message));
    get<{ items: ActivityIssue[]; resolvedShare: number | null }>(`/api/v1/activities/${id}/issues`).then(setIssues, () => setIssues(null));
  }, [id]);
  useEffect(load, [load]);

  const setStatus = async (status: 'done' | 'cancelled') => {
    if (!a) return;
    try {
      setA(await patch<Activity>(`/api/v1/activities/${a.id}`, { version: a.version, status }));
    } catch (e) { message.error((e as Error).message); }
  };
  const toIssue = async (feedbackId: number) => {
    setBusy(feedbackId);
    try {
      const r = await post<{ id: number; trackingCode: string }>(`/api/v1/activities/${id}/feedback/${feedbackId}/issue`, {});
      message.success(w('registeredAs', { code: r.trackingCode }));
      load();
    } catch (e) { message.error((e as Error).message); } finally { setBusy(null); }
  };
  const reveal = async (feedbackId: number) => {
    try {
      const r = await post<{ phone: string }>(`/api/v1/activities/${id}/feedback/${feedbackId}/reveal`);
      setPhones((p) => ({ ...p, [feedbackId]: r.phone }));
    } catch (e) { message.error((e as Error).message); }
  };

  const chart = useMemo(() => fb && fb.count > 0 ? {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 36, right: 12, top: 40, bottom: 24 },
    xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'].map((s) => `${s} ${w('score')}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: FEEDBACK_SCALES.map((s) => ({ type: 'bar', name: n(FEEDBACK_SCALE_NAMES[s]), data: fb.distribution[s] })),
  } : null, [fb, n, w]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!a) return <Spin />;
  const items = [
    { key: 'kind', label: w('kind'), children: <Tag color={KIND_COLOURS[a.kind]}>{n(ACTIVITY_KIND_NAMES[a.kind])}</Tag> },
    { key: 'status', label: w('status'), children: <ActivityStatusBadge status={a.status} /> },
    { key: 'when', label: w('when'), children: `${fmtDateTime(a.startsAt)} – ${fmtDateTime(a.endsAt)}` },
    { key: 'unit', label: w('unit'), children: a.orgUnitName },
    ...(a.placeText ? [{ key: 'place', label: w('placeText'), children: a.placeText }] : []),
    { key: 'cadres', label: w('cadres'), children: a.cadres.map((c) => c.name).join('、') || '—' },
    ...(a.participantCount !== null ? [{ key: 'n', label: w('participants'), children: a.participantCount }] : []),
    ...(a.receptionMode ? [{ key: 'mode', label: zh ? '接访方式' : 'Mode', children: n(RECEPTION_MODE_NAMES[a.receptionMode]) }] : []),
    ...(a.audienceType ? [{ key: 'aud', label: w('audience'), children: n(AUDIENCE_TYPE_NAMES[a.audienceType]) }] : []),
    ...(a.materials.length ? [{ key: 'mat', label: w('materials'), span: 2, children: a.materials.map((m) => m.title).join('；') }] : []),
    ...(a.kind === 'outreach' ? [{ key: 'cases', label: w('cases'), span: 2, children: a.cases.length ? <Space wrap>{a.cases.map((c) => <Link key={c.id} to={`/cases?open=${c.id}`}><Tag color="geekblue">{c.title}</Tag></Link>)}</Space> : '—' }] : []),
    { key: 'by', label: w('createdBy'), children: `${a.createdBy.name} · ${fmtDateTime(a.createdAt)}` },
  ];
  const canRecord = a.canEdit && a.status !== 'cancelled' && a.startsAt <= new Date().toISOString();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="activity-detail">
      <Card size="small" title={<span data-testid="activity-title">{a.title}</span>}
        extra={<Button type="link" onClick={() => navigate('/activities')}>{w('back')}</Button>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
        {a.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}><b>{w('notes')}：</b>{a.notes}</Typography.Paragraph>}
        <Space wrap style={{ marginTop: 12 }}>
          {canRecord && <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(phone ? `/field?activity=${a.id}` : `/intake?activity=${a.id}`)} data-testid="activity-record-issue">{w('recordIssue')}</Button>}
          {a.feedbackPath && a.status !== 'cancelled' && <Button icon={<QrcodeOutlined />} onClick={() => navigate(`/activities/${a.id}/qr`)} data-testid="activity-qr">{w('qr')}</Button>}
          {a.kind === 'research' && <Button icon={<FileTextOutlined />} onClick={() => navigate(`/activities/${a.id}/report`)} data-testid="activity-report">{zh ? '调研报告' : 'Report'}</Button>}
          {a.canEdit && <Button icon={<EditOutlined />} onClick={() => navigate(`/activities/${a.id}/edit`)}>{w('edit')}</Button>}
          {a.canEdit && a.status === 'planned' && <Button onClick={() => void setStatus('done')}>{w('markDone')}</Button>}
          {a.canEdit && a.status !== 'cancelled' && (
            <Popconfirm title={w('cancelConfirm')} onConfirm={() => void setStatus('cancelled')}><Button danger>{w('markCancelled')}</Button></Popconfirm>
          )}
        </Space>
      </Card>

      <Card size="small" title={<span>{w('issues')} <Typography.Text type="secondary">{issues ? w('issuesCount', { n: issues.items.length }) : ''}</Typography.Text></span>}
        extra={issues?.resolvedShare != null && <Typography.Text type="secondary">{w('resolvedShare', { p: Math.round(issues.resolvedShare * 100) })}</Typography.Text>}
        data-testid="activity-issues">
        {phone ? (
          <List size="small" dataSource={issues?.items ?? []} locale={{ emptyText: <Empty description={w('noIssues')} /> }} renderItem={(i) => (
            <List.Item style={{ display: 'block' }}>
              <div><Link to={`/issues/${i.id}`}>{i.trackingCode}</Link> <StatusTag status={i.status} /></div>
              <div>{i.title}</div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{i.orgUnitName} · {fmtDateTime(i.receivedAt)}</Typography.Text>
            </List.Item>
          )} />
        ) : <Table<ActivityIssue> rowKey="id" size="small" pagination={false} dataSource={issues?.items ?? []}
          locale={{ emptyText: <Empty description={w('noIssues')} /> }}
          columns={[
            { title: zh ? '编号' : 'Code', key: 'code', width: 150, render: (_, i) => <Link to={`/issues/${i.id}`}>{i.trackingCode}</Link> },
            { title: zh ? '标题' : 'Title', dataIndex: 'title' },
            { title: zh ? '所在地' : 'Place', dataIndex: 'orgUnitName', width: 110 },
            { title: zh ? '状态' : 'Status', key: 'status', width: 110, render: (_, i) => <StatusTag status={i.status} /> },
          ]} />}
      </Card>

      <PhotosCard activityId={a.id} canEdit={a.canEdit && a.status !== 'cancelled'} />

      {a.kind === 'research' && <ResearchCards activity={a} onIssue={load} />}

      {a.kind === 'onsite' && <OnsiteCards activity={a} />}

      {a.kind === 'outreach' && fb && (
        <Card size="small" title={<span>{w('feedback')} <Typography.Text type="secondary">{w('feedbackCount', { n: fb.count })}</Typography.Text></span>} data-testid="activity-feedback">
          {fb.count === 0 ? <Empty description={w('noFeedback')} /> : (
            <Row gutter={[16, 16]}>
              {FEEDBACK_SCALES.map((s) => (
                <Col key={s} xs={8}>
                  <Statistic title={n(FEEDBACK_SCALE_NAMES[s])} value={fb.averages[s] ?? 0} precision={2} suffix="/ 5" data-testid={`feedback-avg-${s}`} />
                </Col>
              ))}
              <Col span={24}>{chart && <Chart option={chart} height={220} />}</Col>
              <Col span={24}>
                <Typography.Title level={5}>{w('questions')}</Typography.Title>
                <List size="small" dataSource={fb.questions} locale={{ emptyText: w('noQuestions') }} data-testid="feedback-questions"
                  renderItem={(q) => {
                    const action = q.issue
                      ? <Link to={`/issues/${q.issue.id}`} data-testid="feedback-issue-link">{w('registeredAs', { code: q.issue.trackingCode })}</Link>
                      : a.canEdit && a.status !== 'cancelled' ? <Button size="small" type="primary" ghost loading={busy === q.id} onClick={() => void toIssue(q.id)} data-testid="feedback-to-issue">{w('toIssue')}</Button> : null;
                    return (
                      <List.Item style={{ display: 'flex', flexWrap: phone ? 'wrap' : 'nowrap', gap: 8, alignItems: 'flex-start' }} data-testid="feedback-question">
                        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                          <div>{q.question}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {fmtDateTime(q.createdAt)}{q.phone && <> · {phones[q.id] ?? q.phone} {!phones[q.id] && <Button size="small" type="link" onClick={() => void reveal(q.id)}>{w('showPhone')}</Button>}</>}
                          </Typography.Text>
                        </div>
                        {action && <div style={{ flex: 'none' }}>{action}</div>}
                      </List.Item>
                    );
                  }} />
              </Col>
            </Row>
          )}
        </Card>
      )}
    </Space>
  );
}
