/** The ledger table's columns, which of them the user shows (remembered in this browser), and the chooser. */
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox, Popover, Space, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SettingOutlined } from '@ant-design/icons';
import { CHANNEL_NAMES, ISSUE_KIND_NAMES, URGENCY_NAMES, type LedgerSort } from '../../../../shared/enums.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { DueCountdown } from '../../components/DueCountdown.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { TitleWithMatch } from './highlight.tsx';
import type { LedgerIssue } from './ledger-api.ts';
import { useWords, type LedgerWord } from './words.ts';

/** Column keys, in table order. `trackingCode` always shows: it is the link to the issue. */
export const COLUMN_KEYS = [
  'trackingCode', 'title', 'status', 'channel', 'kind', 'urgency', 'place', 'responsibleUnit', 'category', 'receivedAt', 'due',
  'updatedAt', 'petitioner',
] as const;
/** A column key. */
export type ColumnKey = (typeof COLUMN_KEYS)[number];

const LABELS: Record<ColumnKey, LedgerWord> = {
  trackingCode: 'trackingCode', title: 'issueTitle', status: 'status', channel: 'channel', kind: 'kind', urgency: 'urgency',
  place: 'place', responsibleUnit: 'responsibleUnit', category: 'category', receivedAt: 'receivedAt', due: 'due',
  updatedAt: 'updatedAt', petitioner: 'petitioner',
};
const ALWAYS: readonly ColumnKey[] = ['trackingCode'];
const HIDDEN_BY_DEFAULT: readonly ColumnKey[] = ['urgency', 'petitioner'];
const STORAGE_KEY = 'yx.ledger.hiddenColumns';

function readHidden(): ColumnKey[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(v)) return v.filter((k): k is ColumnKey => (COLUMN_KEYS as readonly string[]).includes(k) && !ALWAYS.includes(k as ColumnKey));
  } catch {
    // a damaged entry: fall back to the defaults
  }
  return [...HIDDEN_BY_DEFAULT];
}

/** The hidden columns, remembered in localStorage (hidden rather than shown, so columns added later appear). */
export function useHiddenColumns(): [ColumnKey[], (keys: ColumnKey[]) => void] {
  const [hidden, setHiddenState] = useState<ColumnKey[]>(readHidden);
  const setHidden = useCallback((keys: ColumnKey[]) => {
    const clean = keys.filter((k) => !ALWAYS.includes(k));
    localStorage.setItem(STORAGE_KEY, JSON.stringify(clean));
    setHiddenState(clean);
  }, []);
  return [hidden, setHidden];
}

/**
 * The columns to show, with the sort arrows on 收到时间 and 期限 reflecting the current order. While searching,
 * the title column is wider and shows the hits marked, with the matching snippet of the text under the title.
 */
export function useLedgerColumns(hidden: readonly ColumnKey[], sort: LedgerSort, searching = false): ColumnsType<LedgerIssue> {
  const w = useWords();
  const { n } = useI18n();
  const { unitName, categoryName, categoryPath } = useLookups();
  return useMemo(() => {
    const all: Record<ColumnKey, ColumnsType<LedgerIssue>[number]> = {
      trackingCode: {
        width: 150, fixed: 'left',
        render: (_, i) => <Link to={`/issues/${i.id}`} data-testid="ledger-issue-link">{i.trackingCode}</Link>,
      },
      title: searching ? {
        width: 380,
        render: (_, i) => (i.match ? <TitleWithMatch title={i.title} match={i.match} /> : i.title),
      } : {
        width: 240, ellipsis: { showTitle: false },
        render: (_, i) => <Tooltip title={i.title} placement="topLeft"><span>{i.title}</span></Tooltip>,
      },
      status: { width: 104, ellipsis: true, render: (_, i) => <StatusTag status={i.status} /> },
      channel: { width: 84, ellipsis: true, render: (_, i) => n(CHANNEL_NAMES[i.channel]) },
      kind: { width: 84, ellipsis: true, render: (_, i) => n(ISSUE_KIND_NAMES[i.kind]) },
      urgency: { width: 84, ellipsis: true, render: (_, i) => n(URGENCY_NAMES[i.urgency]) },
      place: { width: 110, ellipsis: true, render: (_, i) => i.orgUnitName ?? unitName(i.orgUnitId) },
      responsibleUnit: {
        width: 170, ellipsis: true,
        render: (_, i) => (i.responsibleUnitId == null ? <span className="yx-muted">—</span> : i.responsibleUnitName ?? unitName(i.responsibleUnitId)),
      },
      category: {
        width: 150, ellipsis: { showTitle: false },
        render: (_, i) => (i.categoryId == null ? <span className="yx-muted">—</span>
          : <Tooltip title={categoryPath(i.categoryId)} placement="topLeft"><span>{categoryName(i.categoryId)}</span></Tooltip>),
      },
      receivedAt: {
        width: 142, render: (_, i) => fmtDateTime(i.receivedAt),
        sorter: true, sortOrder: sort === 'received_desc' ? 'descend' : sort === 'received_asc' ? 'ascend' : null,
        // Repeating 'descend' keeps a third click from switching the order off.
        sortDirections: ['descend', 'ascend', 'descend'],
      },
      due: {
        // Kept in view at the right edge: on the ledger the countdown is what the eye looks for.
        width: 150, fixed: 'right', render: (_, i) => <DueCountdown dueAt={i.nextDueAt} />,
        sorter: true, sortOrder: sort === 'due_asc' ? 'ascend' : null, sortDirections: ['ascend', 'ascend'],
      },
      updatedAt: { width: 142, render: (_, i) => fmtDateTime(i.updatedAt) },
      petitioner: {
        width: 110,
        render: (_, i) => (i.anonymous ? <span className="yx-muted">{w('anonymous')}</span> : i.petitioner?.name ?? '—'),
      },
    };
    return COLUMN_KEYS.filter((k) => !hidden.includes(k)).map((k) => ({ ...all[k], key: k, title: w(LABELS[k]) }));
  }, [hidden, sort, searching, w, n, unitName, categoryName, categoryPath]);
}

/** The column chooser: a checkbox per column. */
export function ColumnChooser({ hidden, onChange }: { hidden: readonly ColumnKey[]; onChange: (hidden: ColumnKey[]) => void }) {
  const w = useWords();
  const content = (
    <Space orientation="vertical" size={4} data-testid="ledger-columns-panel">
      {COLUMN_KEYS.map((k) => (
        <Checkbox
          key={k}
          checked={!hidden.includes(k)}
          disabled={ALWAYS.includes(k)}
          onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== k) : [...hidden, k])}
        >
          {w(LABELS[k])}
        </Checkbox>
      ))}
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onChange([...HIDDEN_BY_DEFAULT])}>{w('columnsReset')}</Button>
    </Space>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="ledger-columns">{w('columns')}</Button>
    </Popover>
  );
}
