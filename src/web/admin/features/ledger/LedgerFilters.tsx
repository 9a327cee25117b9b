/** The ledger's filter bar: every control writes to the URL through `onChange`; the controls wrap on narrow screens. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Flex, Input, Select, Spin, Tag } from 'antd';
import { ClearOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { CHANNELS, CHANNEL_NAMES, ISSUE_KINDS, ISSUE_KIND_NAMES, LEDGER_SORT_NAMES } from '../../../../shared/enums.ts';
import { ISSUE_STATUSES, STATUS_INFO } from '../../../../shared/lifecycle.ts';
import { useI18n } from '../../app/i18n.tsx';
import { applySearch, hasFilters, sortOptions, type LedgerQuery } from './ledger-query.ts';
import { useWords } from './words.ts';

const LedgerMoreFilters = lazy(() => import('./LedgerMoreFilters.tsx'));

interface Props {
  query: LedgerQuery;
  onChange: (patch: Partial<LedgerQuery>) => void;
}

/** The filter bar. */
export function LedgerFilters({ query, onChange }: Props) {
  const w = useWords();
  const { n } = useI18n();
  // The search box edits locally and applies on Enter; it follows the URL when back/forward changes it.
  const [text, setText] = useState(query.q);
  useEffect(() => setText(query.q), [query.q]);
  // Place, category and date pickers are the heaviest controls: they load when asked for (or when the URL uses them).
  const [more, setMore] = useState(false);
  const showMore = more || query.categoryId !== null || query.unitId !== null || query.responsibleUnitId !== null || !!query.from || !!query.to;

  return (
    <Flex wrap gap={8} align="center" data-testid="ledger-filters">
      {query.ownerId !== null && (
        <Tag closable color="gold" onClose={() => onChange({ ownerId: null })} data-testid="ledger-filter-owner">{n({ zh: '只看包案领导的问题', en: "Only the owning leader's issues" })}</Tag>
      )}
      {query.repeat !== null && (
        <Tag closable color="orange" onClose={() => onChange({ repeat: null })} data-testid="ledger-filter-repeat">{n(query.repeat ? { zh: '只看重复件', en: 'Repeats only' } : { zh: '不含重复件', en: 'Without repeats' })}</Tag>
      )}
      <Input
        style={{ width: 240 }}
        prefix={<SearchOutlined />}
        placeholder={w('searchText')}
        allowClear
        maxLength={100}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // The clear button empties the box: apply that at once.
          if (e.type === 'click' && e.target.value === '') onChange(applySearch(query, ''));
        }}
        onPressEnter={() => onChange(applySearch(query, text))}
        onBlur={() => { if (text.trim() !== query.q) onChange(applySearch(query, text)); }}
        data-testid="ledger-filter-q"
        aria-label={w('searchText')}
      />
      <Select
        mode="multiple"
        style={{ width: 200 }}
        placeholder={w('anyStatus')}
        allowClear
        maxTagCount="responsive"
        value={query.status}
        onChange={(v) => onChange({ status: v })}
        options={ISSUE_STATUSES.map((s) => ({ value: s, label: n(STATUS_INFO[s]) }))}
        optionFilterProp="label"
        data-testid="ledger-filter-status"
        aria-label={w('status')}
      />
      <Select
        mode="multiple"
        style={{ width: 140 }}
        placeholder={w('anyChannel')}
        allowClear
        maxTagCount="responsive"
        value={query.channel}
        onChange={(v) => onChange({ channel: v })}
        options={CHANNELS.map((c) => ({ value: c, label: n(CHANNEL_NAMES[c]) }))}
        optionFilterProp="label"
        data-testid="ledger-filter-channel"
        aria-label={w('channel')}
      />
      <Select
        mode="multiple"
        style={{ width: 140 }}
        placeholder={w('anyKind')}
        allowClear
        maxTagCount="responsive"
        value={query.kind}
        onChange={(v) => onChange({ kind: v })}
        options={ISSUE_KINDS.map((k) => ({ value: k, label: n(ISSUE_KIND_NAMES[k]) }))}
        optionFilterProp="label"
        data-testid="ledger-filter-kind"
        aria-label={w('kind')}
      />
      <Select
        style={{ width: 120 }}
        placeholder={w('overdueAny')}
        allowClear
        value={query.overdue === null ? undefined : String(query.overdue)}
        onChange={(v?: string) => onChange({ overdue: v === undefined ? null : v === 'true' })}
        options={[{ value: 'true', label: w('overdueYes') }, { value: 'false', label: w('overdueNo') }]}
        data-testid="ledger-filter-overdue"
        aria-label={w('overdueAny')}
      />
      {showMore ? (
        <Suspense fallback={<Spin size="small" />}>
          <LedgerMoreFilters query={query} onChange={onChange} />
        </Suspense>
      ) : (
        <Button icon={<FilterOutlined />} onClick={() => setMore(true)} data-testid="ledger-more-filters">{w('moreFilters')}</Button>
      )}
      <Select
        style={{ width: 180 }}
        value={query.sort}
        onChange={(v) => onChange({ sort: v })}
        options={sortOptions(query).map((s) => ({ value: s, label: n(LEDGER_SORT_NAMES[s]) }))}
        data-testid="ledger-sort"
        aria-label={w('sort')}
      />
      <Button icon={<ClearOutlined />} disabled={!hasFilters(query)} onClick={() => onChange({ ...emptyFilters, ...(query.sort === 'relevance' ? { sort: 'received_desc' as const } : {}) })} data-testid="ledger-clear">
        {w('clearFilters')}
      </Button>
    </Flex>
  );
}

/** Every filter off (the order stays). */
const emptyFilters: Partial<LedgerQuery> = {
  status: [], channel: [], kind: [], categoryId: null, unitId: null, responsibleUnitId: null, ownerId: null, overdue: null, from: null, to: null, q: '',
};
