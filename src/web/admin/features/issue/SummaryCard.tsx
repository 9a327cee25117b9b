/** What the issue is: codes and names from the shared enums, places from the lookups, the request's text. */
import { Card, Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  CHANNEL_NAMES, ISSUE_KIND_NAMES, REPLY_OUTCOME_NAMES, SATISFACTION_NAMES, URGENCY_NAMES,
  type ReplyOutcome, type Satisfaction, type Urgency,
} from '../../../../shared/enums.ts';
import type { Issue } from '../../api/types.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useWords } from './words.ts';
import { OwnerField } from './OwnerField.tsx';

const URGENCY_COLOURS: Record<Urgency, string> = { emergency: 'red', urgent: 'orange', normal: 'default', complex: 'purple' };

/** The summary card. */
export function SummaryCard({ issue, mergedIntoCode, assignedUnitName, onChanged }: { issue: Issue; mergedIntoCode?: string; assignedUnitName?: string; onChanged?: (i: Issue) => void }) {
  const { n } = useI18n();
  const w = useWords();
  const { unitName, categoryPath, units } = useLookups();
  // A unit outside the user's own subtree is not in the lookups; the assignment event kept its name.
  const responsible = (id: number) => issue.responsibleUnitName ?? (units.some((u) => u.id === id) || !assignedUnitName ? unitName(id) : assignedUnitName);
  const items = [
    { key: 'code', label: w('trackingCode'), children: <Typography.Text copyable data-testid="tracking-code">{issue.trackingCode}</Typography.Text> },
    { key: 'status', label: w('status'), children: <StatusTag status={issue.status} /> },
    { key: 'channel', label: w('channel'), children: n(CHANNEL_NAMES[issue.channel]) },
    { key: 'kind', label: w('kind'), children: n(ISSUE_KIND_NAMES[issue.kind]) },
    { key: 'urgency', label: w('urgency'), children: <Tag color={URGENCY_COLOURS[issue.urgency]}>{n(URGENCY_NAMES[issue.urgency])}</Tag> },
    { key: 'received', label: w('receivedAt'), children: fmtDateTime(issue.receivedAt) },
    { key: 'place', label: w('place'), children: issue.orgUnitName ?? unitName(issue.orgUnitId) },
    {
      key: 'unit', label: w('responsibleUnit'),
      children: issue.responsibleUnitId ? responsible(issue.responsibleUnitId) : <Typography.Text type="secondary">{w('notAssigned')}</Typography.Text>,
    },
    ...(issue.owner || onChanged ? [{ key: 'owner', label: n({ zh: '包案领导', en: 'Owning leader' }), children: onChanged ? <OwnerField issue={issue} onChanged={onChanged} /> : issue.owner?.name }] : []),
    { key: 'category', label: w('category'), children: categoryPath(issue.categoryId), span: 2 },
    ...(issue.address ? [{ key: 'address', label: w('address'), children: issue.address, span: 2 }] : []),
    { key: 'created', label: w('createdAt'), children: fmtDateTime(issue.createdAt) },
    ...(issue.closedAt ? [{ key: 'closed', label: w('closedAt'), children: fmtDateTime(issue.closedAt) }] : []),
    ...(issue.replyOutcome ? [{ key: 'outcome', label: w('replyOutcome'), children: n(REPLY_OUTCOME_NAMES[issue.replyOutcome as ReplyOutcome]) || issue.replyOutcome }] : []),
    ...(issue.resolved !== null ? [{
      key: 'callback', label: w('callbackResult'),
      children: <>
        <Tag color={issue.resolved ? 'success' : 'warning'}>{issue.resolved ? w('resolvedYes') : w('resolvedNo')}</Tag>
        {issue.satisfaction && n(SATISFACTION_NAMES[issue.satisfaction as Satisfaction])}
      </>,
    }] : []),
    ...(issue.reviewRound > 0 ? [{ key: 'round', label: w('reviewRound'), children: issue.reviewRound >= 2 ? w('reviewRound2') : w('reviewRound1') }] : []),
    ...(issue.sourceActivityId ? [{ key: 'activity', label: w('sourceActivity'), children: <Link to={`/activities/${issue.sourceActivityId}`} data-testid="issue-source-activity">{w('viewActivity')}</Link> }] : []),
    ...(issue.mergedIntoId ? [{ key: 'merged', label: w('mergedInto'), children: <Link to={`/issues/${issue.mergedIntoId}`}>{mergedIntoCode ?? `#${issue.mergedIntoId}`}</Link> }] : []),
  ];
  return (
    <Card title={w('summary')} size="small" data-testid="issue-summary">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{w('body')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="issue-body">{issue.body}</Typography.Paragraph>
    </Card>
  );
}
