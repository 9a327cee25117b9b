/** The ledger's filter bar: every control writes to the URL through `onChange`; the controls wrap on narrow screens. */
import { useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CHANNELS, CHANNEL_NAMES, ISSUE_KINDS, ISSUE_KIND_NAMES, LEDGER_SORTS, LEDGER_SORT_NAMES } from '../../../../shared/enums.ts';
import { ISSUE_STATUSES, STATUS_INFO } from '../../../../shared/lifecycle.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CategorySelect } from '../../components/CategorySelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { hasFilters, type LedgerQuery } from './ledger-query.ts';
import { useWords } from './words.ts';

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
  const range: [Dayjs | null, Dayjs | null] | null = query.from || query.to
    ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;

  return (
    <Flex wrap gap={8} align="center" data-testid="ledger-filters">
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
          if (e.type === 'click' && e.target.value === '') onChange({ q: '' });
        }}
        onPressEnter={() => onChange({ q: text.trim() })}
        onBlur={() => { if (text.trim() !== query.q) onChange({ q: text.trim() }); }}
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
      <div style={{ width: 180 }} data-testid="ledger-filter-category">
        <CategorySelect value={query.categoryId} onChange={(v) => onChange({ categoryId: v })} placeholder={w('anyCategory')} />
      </div>
      <div style={{ width: 180 }} data-testid="ledger-filter-unit">
        <UnitSelect value={query.unitId} onChange={(v) => onChange({ unitId: v })} placeholder={w('anyUnit')} />
      </div>
      <div style={{ width: 180 }} data-testid="ledger-filter-responsible">
        <UnitSelect value={query.responsibleUnitId} onChange={(v) => onChange({ responsibleUnitId: v })} placeholder={w('anyResponsible')} />
      </div>
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
      <DatePicker.RangePicker
        style={{ width: 250 }}
        placeholder={[w('receivedFrom'), w('receivedTo')]}
        allowEmpty={[true, true]}
        value={range}
        onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        data-testid="ledger-filter-received"
      />
      <Select
        style={{ width: 180 }}
        value={query.sort}
        onChange={(v) => onChange({ sort: v })}
        options={LEDGER_SORTS.map((s) => ({ value: s, label: n(LEDGER_SORT_NAMES[s]) }))}
        data-testid="ledger-sort"
        aria-label={w('sort')}
      />
      <Button icon={<ClearOutlined />} disabled={!hasFilters(query)} onClick={() => onChange({ ...emptyFilters })} data-testid="ledger-clear">
        {w('clearFilters')}
      </Button>
    </Flex>
  );
}

/** Every filter off (the order stays). */
const emptyFilters: Partial<LedgerQuery> = {
  status: [], channel: [], kind: [], categoryId: null, unitId: null, responsibleUnitId: null, overdue: null, from: null, to: null, q: '',
};
