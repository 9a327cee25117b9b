/**
 * 审计日志 (administrators and inspectors): who did what, when, to which record, from where — filtered by the URL's
 * query (the API's own names), newest first, a page at a time; the Excel export of the same filters. On a phone the
 * entries are cards; on a desk a table.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert, App, Button, DatePicker, Flex, Grid, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ClearOutlined, DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES } from '../../../../shared/enums.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { ApiError, saveFile } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { exportAudit, listAudit, listAuditActors, type AuditActor, type AuditEntry } from './audit-api.ts';
import { auditQueryString, detailText, hasAuditFilters, parseAuditQuery, type AuditQuery } from './audit-query.ts';
import { useWords } from './words.ts';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
/** `2026-03-01 09:30:05`, Beijing time. */
const fmtTime = (iso: string) => timeFmt.format(new Date(iso)).replace(/\//g, '-');

/** Colours of the kinds of action: views and exports of personal data stand out. */
function actionColour(action: string): string | undefined {
  if (action === 'petitioner.reveal' || action === 'attachment.download') return 'volcano';
  if (action.endsWith('export') || action === 'import.error_sheet') return 'orange';
  if (action === 'login' || action === 'password_change' || action.startsWith('user.')) return 'blue';
  if (action.startsWith('issue.')) return 'green';
  return undefined;
}

/** `?status=assigned&…` from the filters an export entry recorded. */
function ledgerSearch(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const p = new URLSearchParams(Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The audit screen, for administrators and inspectors (the API refuses everyone else). */
export default function AuditPage() {
  const { hasRole } = useAuth();
  const w = useWords();
  if (!hasRole('admin', 'inspector')) return <Alert type="warning" showIcon title={w('forbidden')} data-testid="audit-forbidden" />;
  return <AuditLog />;
}

function AuditLog() {
  const w = useWords();
  const { n } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const location = useLocation();
  const navigate = useNavigate();
  const query = useMemo(() => parseAuditQuery(location.search.replace(/^\?/, '')), [location.search]);
  const qs = auditQueryString(query);
  const setQuery = useCallback((patch: Partial<AuditQuery>) => {
    const next = auditQueryString({ ...query, ...patch });
    if (next !== qs) void navigate({ search: next ? `?${next}` : '' });
  }, [query, qs, navigate]);

  const [actors, setActors] = useState<AuditActor[]>([]);
  useEffect(() => { listAuditActors().then(setActors, (e: unknown) => message.error(errText(e))); }, [message]);

  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState<'first' | 'more' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const seq = useRef(0);

  /** The first page for the filters, or the page after `cursor`; answers to older requests are dropped. */
  const load = useCallback((cursor: string | null) => {
    const my = ++seq.current;
    setLoading(cursor ? 'more' : 'first');
    if (!cursor) setLoadError(null);
    listAudit(qs, cursor).then((page) => {
      if (my !== seq.current) return;
      setItems((prev) => (cursor ? [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))] : page.items));
      setNextCursor(page.nextCursor);
    }, (e: unknown) => {
      if (my !== seq.current) return;
      message.error(errText(e));
      if (!cursor) { setItems([]); setNextCursor(null); setLoadError(errText(e)); }
    }).finally(() => { if (my === seq.current) setLoading(null); });
  }, [qs, message]);
  useEffect(() => { load(null); }, [load]);

  const doExport = async () => {
    setExporting(true);
    try {
      const file = await exportAudit(qs);
      saveFile(file);
      if (file.headers.get('x-export-truncated') === '1') message.warning(w('exportTruncated', { max: LIMITS.exportMaxRows }), 8);
      else message.success(w('exported', { n: file.headers.get('x-export-rows') ?? '' }));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setExporting(false);
    }
  };

  const actionLabel = (e: AuditEntry) => <Tag color={actionColour(e.action)} style={{ marginInlineEnd: 0 }}>{n(e.actionName)}</Tag>;
  const actorLabel = (e: AuditEntry): ReactNode => (e.actor
    ? <span>{e.actor.displayName} <Typography.Text type="secondary">{e.actor.username}</Typography.Text></span>
    : <Typography.Text type="secondary">{w('system')}</Typography.Text>);
  const objectLabel = (e: AuditEntry): ReactNode => {
    if (e.entityType === 'issue' && e.trackingCode) return <Link to={`/issues/${e.entityId}`} data-testid="audit-issue-link">{e.trackingCode}</Link>;
    // A ledger export links to the ledger with the filters it was made with.
    if (e.entityType === 'ledger') return <Link to={`/issues${ledgerSearch(e.data.query)}`}>{w('ledger')}</Link>;
    const type = AUDIT_ENTITY_NAMES[e.entityType];
    return <span>{type ? n(type) : e.entityType}{e.entityId && e.entityId !== 'export' ? ` #${e.entityId}` : ''}</span>;
  };
  const details = (e: AuditEntry, rows: number) => {
    const text = detailText(e.data);
    return text ? (
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, wordBreak: 'break-all' }} ellipsis={{ rows, expandable: 'collapsible', tooltip: text.length > 300 ? undefined : text }}>
        {text}
      </Typography.Paragraph>
    ) : null;
  };

  const columns: ColumnsType<AuditEntry> = [
    { key: 'at', title: w('at'), width: 170, render: (_, e) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{fmtTime(e.at)}</span> },
    { key: 'actor', title: w('actor'), width: 200, render: (_, e) => actorLabel(e) },
    { key: 'action', title: w('action'), width: 150, render: (_, e) => actionLabel(e) },
    { key: 'object', title: w('object'), width: 160, render: (_, e) => objectLabel(e) },
    { key: 'ip', title: w('ip'), width: 130, render: (_, e) => e.ip ?? '—' },
    { key: 'details', title: w('details'), render: (_, e) => details(e, 2) },
  ];

  const range: [Dayjs | null, Dayjs | null] | null = query.from || query.to
    ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;
  const more = nextCursor || loading === 'more' ? (
    <Flex justify="center" style={{ padding: 8 }}>
      <Button onClick={() => load(nextCursor)} loading={loading === 'more'} disabled={!nextCursor || loading !== null} data-testid="audit-load-more">{w('loadMore')}</Button>
    </Flex>
  ) : null;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="audit-page">
      <div>
        <h4 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{w('title')}</h4>
        <Typography.Text type="secondary">{w('intro')}</Typography.Text>
      </div>
      <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: 12 }}>
        <Flex wrap gap={8} align="center" data-testid="audit-filters">
          <Select
            id="audit-filter-actor"
            style={{ width: narrow ? '100%' : 200 }}
            placeholder={w('anyActor')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={query.actor ?? undefined}
            onChange={(v?: number) => setQuery({ actor: v ?? null })}
            options={actors.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            aria-label={w('actor')}
          />
          <Select
            id="audit-filter-action"
            mode="multiple"
            style={{ width: narrow ? '100%' : 260 }}
            placeholder={w('anyAction')}
            allowClear
            maxTagCount="responsive"
            showSearch={{ optionFilterProp: 'label' }}
            value={query.action}
            onChange={(v: string[]) => setQuery({ action: v })}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: n(AUDIT_ACTION_NAMES[a]) }))}
            aria-label={w('action')}
          />
          <IssueInput value={query.issue} onApply={(issue) => setQuery({ issue })} placeholder={w('issuePlaceholder')} label={w('issue')} narrow={narrow} />
          <DatePicker.RangePicker
            id={{ start: 'audit-filter-from', end: 'audit-filter-to' }}
            style={{ width: narrow ? '100%' : 250 }}
            placeholder={[w('from'), w('to')]}
            allowEmpty={[true, true]}
            value={range}
            inputReadOnly={narrow}
            onChange={(v) => setQuery({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
            data-testid="audit-filter-dates"
          />
          <Button icon={<ClearOutlined />} disabled={!hasAuditFilters(query)} onClick={() => setQuery({ actor: null, action: [], issue: '', from: null, to: null, ip: '' })} data-testid="audit-clear">
            {w('clear')}
          </Button>
        </Flex>
      </div>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text type="secondary" data-testid="audit-count">
          {w('loaded', { n: items.length })}{items.length > 0 && !nextCursor ? ` · ${w('allLoaded')}` : ''} · {w('beijing')}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="audit-export">{w('export')}</Button>
      </Flex>
      {loadError && <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={() => load(null)}>{w('retry')}</Button>} />}
      {narrow ? (
        <div data-testid="audit-cards">
          {loading === 'first' && <div style={{ padding: 24, textAlign: 'center' }}><Spin /></div>}
          {loading !== 'first' && items.length === 0 && !loadError && <div style={{ padding: 24, textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>{w('empty')}</div>}
          {items.map((e) => (
            <div key={e.id} data-testid="audit-row" style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: '10px 12px', marginBottom: 8 }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                {actionLabel(e)}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>{fmtTime(e.at)}</Typography.Text>
              </Flex>
              <div style={{ marginTop: 6 }}>{actorLabel(e)}</div>
              <Flex justify="space-between" gap={8} wrap style={{ marginTop: 4 }}>
                <span>{w('object')}：{objectLabel(e)}</span>
                {e.ip && <Typography.Text type="secondary" style={{ fontSize: 12 }}>IP {e.ip}</Typography.Text>}
              </Flex>
              {Object.keys(e.data).length > 0 && <div style={{ marginTop: 4 }}>{details(e, 2)}</div>}
            </div>
          ))}
          {more}
        </div>
      ) : (
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={loading === 'first'}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'audit-row' } as HTMLAttributes<HTMLElement>)}
            locale={{ emptyText: loading === 'first' || loadError ? ' ' : w('empty') }}
            footer={more ? () => more : undefined}
          />
        </div>
      )}
    </Space>
  );
}

/** The tracking-code box: edits locally, applies on Enter, on leaving the box, or when cleared. */
function IssueInput({ value, onApply, placeholder, label, narrow }: { value: string; onApply: (v: string) => void; placeholder: string; label: string; narrow: boolean }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input
      id="audit-filter-issue"
      style={{ width: narrow ? '100%' : 220 }}
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      allowClear
      maxLength={40}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.type === 'click' && e.target.value === '') onApply('');
      }}
      onPressEnter={() => onApply(text.trim())}
      onBlur={() => { if (text.trim() !== value) onApply(text.trim()); }}
      aria-label={label}
    />
  );
}
