/**
 * The ledger on a phone: a card per issue instead of the table, so the title is read without scrolling sideways.
 * Each card is one link to the issue (code, status, title, place, deadline, received date); selecting issues for
 * bulk assignment stays with the table on a desk.
 */
import { Link } from 'react-router';
import { Button, Empty, Flex, Spin } from 'antd';
import { fmtDate } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { DueCountdown } from '../../components/DueCountdown.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { TitleWithMatch } from './highlight.tsx';
import type { LedgerIssue } from './ledger-api.ts';
import { useWords } from './words.ts';

/** The card list, with the same loading, empty and "load more" states as the table. */
export function LedgerCards({ items, loading, failed, hasMore, onMore }: {
  items: readonly LedgerIssue[];
  loading: 'first' | 'more' | null;
  /** The first page failed (an alert above says why): show no "empty". */
  failed: boolean;
  hasMore: boolean;
  onMore: () => void;
}) {
  const w = useWords();
  const { unitName } = useLookups();
  if (loading === 'first') return <Flex justify="center" style={{ padding: 32 }}><Spin /></Flex>;
  if (items.length === 0) return failed ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('empty')} />;
  return (
    <Flex vertical gap={8} data-testid="ledger-cards">
      {items.map((i) => (
        <Link key={i.id} to={`/issues/${i.id}`} data-testid="ledger-card" data-issue-id={i.id}
          style={{ display: 'block', background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, padding: '10px 12px', color: 'rgba(0,0,0,0.88)' }}>
          <Flex justify="space-between" align="center" gap={8}>
            <span style={{ color: '#1677ff', fontWeight: 500, whiteSpace: 'nowrap' }}>{i.trackingCode}</span>
            <StatusTag status={i.status} />
          </Flex>
          <div data-testid="ledger-card-title" style={{ fontSize: 15, fontWeight: 500, margin: '4px 0', overflowWrap: 'anywhere' }}>
            {i.match ? <TitleWithMatch title={i.title} match={i.match} /> : i.title}
          </div>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <span className="yx-muted" style={{ fontSize: 13, minWidth: 0 }}>
              {i.orgUnitName ?? unitName(i.orgUnitId)} · {w('receivedAt')} {fmtDate(i.receivedAt)}
            </span>
            <DueCountdown dueAt={i.nextDueAt} />
          </Flex>
        </Link>
      ))}
      {(hasMore || loading === 'more') && (
        <Flex justify="center">
          <Button onClick={onMore} loading={loading === 'more'} disabled={!hasMore || loading !== null} data-testid="ledger-load-more">{w('loadMore')}</Button>
        </Flex>
      )}
    </Flex>
  );
}
