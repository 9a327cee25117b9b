/**
 * /issues/:id — one issue: what it is, who raised it, its clocks, what happened, its files, and the actions the
 * API allows this user now. Missing and out-of-scope issues look the same: the not-found page.
 */
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Col, Flex, Grid, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import NotFoundPage from '../../components/NotFoundPage.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { DocumentsCard } from './DocumentsCard.tsx';
import { IssueTimeline } from './IssueTimeline.tsx';
import { PetitionerCard } from './PetitionerCard.tsx';
import { RelatedCard } from './RelatedCard.tsx';
import { SummaryCard } from './SummaryCard.tsx';
import { useIssueData } from './useIssueData.ts';
import { useWords } from './words.ts';

/** The id in the address, or null when it cannot be an issue id. */
function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** The issue detail screen. */
export default function IssueDetailPage() {
  const params = useParams();
  const id = parseId(params.id);
  const data = useIssueData(id);
  const { t } = useI18n();
  const w = useWords();
  const screens = Grid.useBreakpoint();

  if (data.phase === 'notFound') return <NotFoundPage />;
  if (data.phase === 'error') {
    return (
      <Result
        status="error"
        title={w('loadFailed')}
        subTitle={data.error}
        extra={<Button type="primary" icon={<ReloadOutlined />} onClick={() => void data.reload()}>{t('retry')}</Button>}
      />
    );
  }
  const issue = data.issue;
  if (data.phase === 'loading' || !issue) {
    return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  }

  const header = (
    <Card size="small" data-testid="issue-header">
      <Flex justify="space-between" align="center">
        <Link to="/issues" style={{ fontSize: 13 }}><ArrowLeftOutlined /> {w('backToLedger')}</Link>
        <Button type="text" size="small" icon={<ReloadOutlined />} loading={data.reloading} onClick={() => void data.reload()} data-testid="issue-reload">
          {w('refresh')}
        </Button>
      </Flex>
      <Flex wrap gap={8} align="center" style={{ marginTop: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="issue-title">{issue.title}</Typography.Title>
        <StatusTag status={issue.status} />
        {issue.overdue && <Tag color="red" data-testid="issue-overdue">{w('overdue')}</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0 12px' }}>
        {issue.trackingCode} · {w('receivedAt')} {fmtDateTime(issue.receivedAt)}
      </Typography.Text>
      <ActionPanel issue={issue} timeline={data.timeline} reload={data.reload} setIssue={data.setIssue} />
    </Card>
  );
  const mergeEvent = issue.mergedIntoId ? data.timeline?.filter((e) => e.type === 'merge').pop() : undefined;
  const mergedIntoCode = typeof mergeEvent?.data.intoTrackingCode === 'string' ? mergeEvent.data.intoTrackingCode : undefined;
  const assignEvent = data.timeline?.filter((e) => e.type === 'assign' && e.data.unitId === issue.responsibleUnitId).pop();
  const assignedUnitName = typeof assignEvent?.data.unitName === 'string' ? assignEvent.data.unitName : undefined;
  const summary = <SummaryCard issue={issue} mergedIntoCode={mergedIntoCode} assignedUnitName={assignedUnitName} onChanged={(i) => { data.setIssue(i); void data.reload(); }} />;
  const deadlines = <DeadlinesCard deadlines={issue.deadlines} />;
  const petitioner = <PetitionerCard key={issue.id} issue={issue} />;
  const timeline = <IssueTimeline events={data.timeline} unitNames={data.timelineUnitNames} error={data.timelineError} />;
  const attachments = <AttachmentsCard issueId={issue.id} attachments={data.attachments} error={data.attachmentsError} onUploaded={async () => { await data.reload(); }} />;
  const documents = <DocumentsCard issueId={issue.id} version={issue.version} onIssued={() => void data.reload()} />;
  const related = <RelatedCard issueId={issue.id} onLinked={() => void data.reload()} />;
  const stack = (...cards: ReactNode[]) => <Flex vertical gap={16}>{cards.map((c, i) => <div key={i}>{c}</div>)}</Flex>;

  return (
    <div data-testid="issue-detail" data-issue-id={issue.id} data-status={issue.status} data-version={issue.version} style={{ maxWidth: 1400 }}>
      {screens.xl ? (
        <Row gutter={16}>
          <Col span={24} style={{ marginBottom: 16 }}>{header}</Col>
          <Col span={15}>{stack(summary, timeline)}</Col>
          <Col span={9}>{stack(deadlines, documents, petitioner, related, attachments)}</Col>
        </Row>
      ) : (
        // One column: what decides the next step (clocks, petitioner) comes before the long history.
        stack(header, summary, deadlines, documents, petitioner, timeline, related, attachments)
      )}
    </div>
  );
}
