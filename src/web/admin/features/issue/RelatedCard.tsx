/**
 * 相似与关联: the issues linked to this one (repeats, similar ones, either way) and the issues that look like it,
 * with a button to link one (for the roles that register issues).
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Divider, Dropdown, Empty, Flex, List, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, DownOutlined, LinkOutlined } from '@ant-design/icons';
import { ApiError, get, post } from '../../api/client.ts';
import type { IssueLink, SimilarIssue } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDate } from '../../app/i18n.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useWords } from './words.ts';

const errText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The card; `onLinked` reloads the issue so the timeline shows the new link. */
export function RelatedCard({ issueId, onLinked }: { issueId: number; onLinked: () => void }) {
  const w = useWords();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const canLink = hasRole('clerk', 'cadre', 'leader');
  const [links, setLinks] = useState<IssueLink[] | null>(null);
  const [similar, setSimilar] = useState<SimilarIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async (signal: { stale: boolean }) => {
    setError(null);
    const [l, s] = await Promise.allSettled([
      get<{ items: IssueLink[] }>(`/api/v1/issues/${issueId}/links`),
      get<{ items: SimilarIssue[] }>(`/api/v1/issues/${issueId}/similar`),
    ]);
    if (signal.stale) return;
    setLinks(l.status === 'fulfilled' ? l.value.items : []);
    setSimilar(s.status === 'fulfilled' ? s.value.items : []);
    const failed = [l, s].find((r) => r.status === 'rejected');
    if (failed) setError(errText(failed.reason));
  }, [issueId]);

  useEffect(() => {
    const signal = { stale: false };
    setLinks(null);
    setSimilar(null);
    void load(signal);
    return () => { signal.stale = true; };
  }, [load]);

  const link = async (other: SimilarIssue, kind: 'repeat' | 'similar') => {
    setBusy(other.id);
    try {
      const r = await post<{ items: IssueLink[] }>(`/api/v1/issues/${issueId}/links`, { relatedIssueId: other.id, kind });
      setLinks(r.items);
      message.success(w('linkedDone', { code: other.trackingCode }));
      onLinked();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(null);
    }
  };

  const linked = new Set((links ?? []).map((l) => l.issueId));
  const pct = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100);

  return (
    <Card size="small" title={w('related')} loading={links === null && !error} data-testid="issue-related">
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w('links')}</Typography.Text>
      {links && links.length === 0 && <div><Typography.Text type="secondary">{w('noLinks')}</Typography.Text></div>}
      {links && links.length > 0 && (
        <List size="small" dataSource={links} data-testid="issue-links" renderItem={(l) => (
          <List.Item key={`${l.direction}-${l.issueId}`} data-testid="issue-link" data-issue-id={l.issueId} data-kind={l.kind} style={{ display: 'block', padding: '6px 0' }}>
            <Flex gap={6} align="center" wrap>
              <Tooltip title={l.direction === 'to' ? w('linkTo') : w('linkFrom')}>
                {l.direction === 'to' ? <ArrowRightOutlined style={{ color: '#8c8c8c' }} /> : <ArrowLeftOutlined style={{ color: '#8c8c8c' }} />}
              </Tooltip>
              <Tag color={l.kind === 'repeat' ? 'volcano' : 'blue'}>{l.kind === 'repeat' ? w('linkRepeat') : w('linkSimilar')}</Tag>
              <Link to={`/issues/${l.issueId}`}>{l.trackingCode}</Link>
              <StatusTag status={l.status} />
            </Flex>
            <Typography.Paragraph ellipsis={{ rows: 1, tooltip: l.title }} style={{ margin: '2px 0 0' }}>{l.title}</Typography.Paragraph>
          </List.Item>
        )} />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w('similarIssues')}</Typography.Text>
      {similar && similar.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noSimilar')} style={{ margin: '8px 0' }} />}
      {similar && similar.length > 0 && (
        <List size="small" dataSource={similar} data-testid="issue-similar" renderItem={(s) => (
          <List.Item key={s.id} data-testid="issue-similar-item" data-issue-id={s.id} style={{ display: 'block', padding: '6px 0' }}>
            <Flex justify="space-between" align="center" gap={6} wrap>
              <Flex gap={6} align="center" wrap>
                <Link to={`/issues/${s.id}`}>{s.trackingCode}</Link>
                <StatusTag status={s.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{w('similarity', { p: pct(s.textSimilarity) })}</Typography.Text>
            </Flex>
            <Typography.Paragraph ellipsis={{ rows: 1, tooltip: s.title }} style={{ margin: '2px 0' }}>{s.title}</Typography.Paragraph>
            <Flex justify="space-between" align="center" gap={6} wrap>
              <Flex gap={4} align="center" wrap>
                {s.samePlace && <Tag color="red">{w('samePlace')}</Tag>}
                {!s.samePlace && s.nearPlace && <Tag color="orange">{w('nearPlace')}</Tag>}
                {s.sameCategory && <Tag color="blue">{w('sameCategory')}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.orgUnitName} · {fmtDate(s.receivedAt)}</Typography.Text>
              </Flex>
              {canLink && (linked.has(s.id) ? <Tag icon={<LinkOutlined />}>{w('linked')}</Tag> : (
                <Dropdown trigger={['click']} menu={{
                  items: [{ key: 'repeat', label: w('linkAsRepeat') }, { key: 'similar', label: w('linkAsSimilar') }],
                  onClick: ({ key }) => void link(s, key as 'repeat' | 'similar'),
                }}>
                  <Button size="small" icon={<LinkOutlined />} loading={busy === s.id} data-testid="issue-similar-link">
                    {w('link')} <DownOutlined style={{ fontSize: 10 }} />
                  </Button>
                </Dropdown>
              ))}
            </Flex>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
