/** The ledger's heavier filters (place, responsible unit, category, received dates), loaded on demand. */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CategorySelect } from '../../components/CategorySelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import type { LedgerQuery } from './ledger-query.ts';
import { useWords } from './words.ts';

/** The extra filter controls. */
export default function LedgerMoreFilters({ query, onChange }: { query: LedgerQuery; onChange: (patch: Partial<LedgerQuery>) => void }) {
  const w = useWords();
  const range: [Dayjs | null, Dayjs | null] | null = query.from || query.to
    ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;
  return (
    <>
      <div style={{ width: 180 }} data-testid="ledger-filter-category">
        <CategorySelect value={query.categoryId} onChange={(v) => onChange({ categoryId: v })} placeholder={w('anyCategory')} />
      </div>
      <div style={{ width: 180 }} data-testid="ledger-filter-unit">
        <UnitSelect value={query.unitId} onChange={(v) => onChange({ unitId: v })} placeholder={w('anyUnit')} />
      </div>
      <div style={{ width: 180 }} data-testid="ledger-filter-responsible">
        <UnitSelect value={query.responsibleUnitId} onChange={(v) => onChange({ responsibleUnitId: v })} placeholder={w('anyResponsible')} />
      </div>
      <DatePicker.RangePicker
        style={{ width: 250 }}
        placeholder={[w('receivedFrom'), w('receivedTo')]}
        allowEmpty={[true, true]}
        value={range}
        onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        data-testid="ledger-filter-received"
      />
    </>
  );
}
