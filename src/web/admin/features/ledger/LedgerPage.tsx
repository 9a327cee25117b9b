/**
 * 问题台账: every issue in the user's scope, filtered and ordered by what the URL says (deep links, back/forward),
 * a page at a time; columns to choose, saved filters, bulk assignment and the Excel export of the same filters.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert, App, Button, Flex, Space, Table } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../shared/limits.ts';
import { ApiError, saveFile } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePhone } from '../../lib/media.ts';
import { ColumnChooser, useHiddenColumns, useLedgerColumns } from './columns.tsx';
import { exportIssues, listIssues, type LedgerIssue } from './ledger-api.ts';
import { ledgerQueryString, parseLedgerQuery, type LedgerQuery } from './ledger-query.ts';
import { LedgerCards } from './LedgerCards.tsx';
import { LedgerFilters } from './LedgerFilters.tsx';
import { useWords } from './words.ts';

// Saved filters (list, save dialog) load on the first click on their button.
const SavedFilters = lazy(() => import('./SavedFilters.tsx').then((m) => ({ default: m.SavedFilters })));
const BulkAssignModal = lazy(() => import('./BulkAssignModal.tsx').then((m) => ({ default: m.BulkAssignModal })));

const countFmt = new Intl.NumberFormat('zh-CN');
const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** The ledger screen. */
export default function LedgerPage() {
  const w = useWords();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const raw = location.search.replace(/^\?/, '');
  const query = useMemo(() => parseLedgerQuery(raw), [raw]);
  const qs = ledgerQueryString(query);

  // A hand-edited or old link is rewritten (in place) to the canonical text the API, the export and saved filters use.
  const normalized = useRef<string | null>(null);
  useEffect(() => {
    if (raw !== qs && normalized.current !== raw) {
      normalized.current = raw;
      void navigate({ search: qs ? `?${qs}` : '' }, { replace: true });
    }
  }, [raw, qs, navigate]);

  /** Change filters: a new history entry, so Back returns to the previous filters. */
  const setQuery = useCallback((patch: Partial<LedgerQuery>) => {
    const next = ledgerQueryString({ ...query, ...patch });
    if (next !== qs) void navigate({ search: next ? `?${next}` : '' });
  }, [query, qs, navigate]);

  const [items, setItems] = useState<LedgerIssue[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  /** How many pass the filters (from the first page): exact, or at least `n`. */
  const [total, setTotal] = useState<{ n: number; exact: boolean } | null>(null);
  /** What is loading: the first page (the table shows a spinner) or the next one (the button does). */
  const [loading, setLoading] = useState<'first' | 'more' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [savedLoaded, setSavedLoaded] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const seq = useRef(0);

  /** Load the first page for the current filters, or the page after `cursor`. Answers to older requests are dropped. */
  const load = useCallback((cursor: string | null) => {
    const my = ++seq.current;
    setLoading(cursor ? 'more' : 'first');
    if (!cursor) setLoadError(null);
    listIssues(qs, cursor).then((page) => {
      if (my !== seq.current) return;
      setItems((prev) => {
        if (!cursor) return page.items;
        const seen = new Set(prev.map((i) => i.id));
        return [...prev, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setNextCursor(page.nextCursor);
      if (!cursor) setTotal(page.total === undefined ? null : { n: page.total, exact: page.totalExact !== false });
    }, (e: unknown) => {
      if (my !== seq.current) return;
      message.error(errText(e));
      // A failed first page shows no stale rows under the new filters; a failed "more" keeps what is shown.
      if (!cursor) {
        setItems([]);
        setNextCursor(null);
        setTotal(null);
        setLoadError(errText(e));
      }
    }).finally(() => {
      if (my === seq.current) setLoading(null);
    });
  }, [qs, message]);

  useEffect(() => {
    setSelected([]);
    load(null);
  }, [load]);

  const [hidden, setHidden] = useHiddenColumns();
  const columns = useLedgerColumns(hidden, query.sort, query.q !== '');

  const onTableChange: TableProps<LedgerIssue>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey;
    if (key === 'due') setQuery({ sort: 'due_asc' });
    else if (key === 'receivedAt') setQuery({ sort: sorter.order === 'ascend' ? 'received_asc' : 'received_desc' });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      const file = await exportIssues(qs);
      saveFile(file);
      if (file.headers.get('x-export-truncated') === '1') message.warning(w('exportTruncated', { max: LIMITS.exportMaxRows }), 8);
      else message.success(w('exported', { n: file.headers.get('x-export-rows') ?? '' }));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setExporting(false);
    }
  };

  // Bulk assignment needs the table's checkboxes: on a desk only.
  const phone = usePhone();
  const canAssign = hasRole('clerk') && !phone;
  const selectedSet = new Set(selected);
  const selectedIssues = items.filter((i) => selectedSet.has(i.id));
  const tooMany = selectedIssues.length > LIMITS.bulkMaxItems;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <h4 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{w('title')}</h4>
      <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: 12 }}>
        <LedgerFilters query={query} onChange={setQuery} />
      </div>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          {canAssign && (
            <>
              <Button
                type="primary"
                icon={<SendOutlined />}
                disabled={selectedIssues.length === 0 || tooMany}
                onClick={() => setBulkOpen(true)}
                data-testid="ledger-bulk-assign"
              >
                {w('bulkAssign')}{selectedIssues.length > 0 ? ` (${selectedIssues.length})` : ''}
              </Button>
              {tooMany && <span style={{ color: '#d48806' }}>{w('bulkTooMany', { max: LIMITS.bulkMaxItems })}</span>}
              {selectedIssues.length > 0 && <Button type="link" onClick={() => setSelected([])}>{w('clearSelection')}</Button>}
            </>
          )}
          <span style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="ledger-count">
            {total && (
              <span data-testid="ledger-total" data-total={total.n} data-exact={String(total.exact)} style={{ color: 'rgba(0,0,0,0.88)' }}>
                {w(total.exact ? 'total' : 'totalOver', { n: countFmt.format(total.n) })}{' · '}
              </span>
            )}
            {total && items.length > 0 && !nextCursor
              ? w('allLoaded')
              : <>{w('loaded', { n: items.length })}{items.length > 0 && !nextCursor ? ` · ${w('allLoaded')}` : ''}</>}
          </span>
        </Flex>
        <Flex wrap gap={8}>
          {savedLoaded ? (
            <Suspense fallback={<Button icon={<StarOutlined />} loading>{w('savedFilters')}</Button>}>
              <SavedFilters defaultOpen current={qs} onApply={(q) => void navigate({ search: q ? `?${q}` : '' })} />
            </Suspense>
          ) : (
            <Button icon={<StarOutlined />} onClick={() => setSavedLoaded(true)} data-testid="ledger-saved-filters">{w('savedFilters')}</Button>
          )}
          {!phone && <ColumnChooser hidden={hidden} onChange={setHidden} />}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="ledger-export">{w('export')}</Button>
        </Flex>
      </Flex>
      {loadError && (
        <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={() => load(null)}>{w('retry')}</Button>} />
      )}
      {phone ? (
        <LedgerCards items={items} loading={loading} failed={!!loadError} hasMore={!!nextCursor} onMore={() => load(nextCursor)} />
      ) : (
      <div data-testid="ledger-table">
        <Table<LedgerIssue>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading === 'first'}
          pagination={false}
          scroll={{ x: 'max-content' }}
          sticky
          onChange={onTableChange}
          locale={{ emptyText: loading === 'first' || loadError ? ' ' : w('empty') }}
          rowSelection={canAssign ? {
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (i) => ({ disabled: !i.allowedActions.includes('assign'), title: i.allowedActions.includes('assign') ? undefined : w('notAssignable') }),
            fixed: true,
            columnWidth: 40,
          } : undefined}
          footer={nextCursor || loading === 'more' ? () => (
            <Flex justify="center">
              <Button onClick={() => load(nextCursor)} loading={loading === 'more'} disabled={!nextCursor || loading !== null} data-testid="ledger-load-more">{w('loadMore')}</Button>
            </Flex>
          ) : undefined}
        />
      </div>
      )}
      {bulkOpen && (
        <Suspense fallback={null}>
        <BulkAssignModal
          issues={selectedIssues}
          onClose={(changed) => {
            setBulkOpen(false);
            if (changed) {
              setSelected([]);
              load(null);
            }
          }}
        />
        </Suspense>
      )}
    </Space>
  );
}
