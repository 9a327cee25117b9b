/**
 * 四下基层台账: for a unit's subtree (with its roll-up) and a period, what each cadre and each unit below did and what
 * came of it — outcomes first (issues heard, resolved, residents satisfied), then activities by kind and the villages
 * and communities reached — and the places no one reached. Filters in the URL; the same sheet as Excel.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Empty, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ACTIVITY_KINDS, ACTIVITY_KIND_NAMES } from '../../../../shared/enums.ts';
import type { CadreLedger } from '../../../../shared/api/activities.ts';
import { fetchFile, get, qs, saveFile } from '../../api/client.ts';
import { useI18n, wordsHook } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { usePhone } from '../../lib/media.ts';

const useWords = wordsHook({
  title: ['四下基层台账', 'Cadre ledger'],
  byCadre: ['按干部', 'By cadre'],
  byUnit: ['按单位', 'By unit'],
  unreached: ['未走到的村（社区）{n}', 'Not reached {n}'],
  cadre: ['干部', 'Cadre'],
  unit: ['单位', 'Unit'],
  issues: ['听到的问题', 'Issues heard'],
  resolved: ['已解决', 'Resolved'],
  satisfied: ['满意（含基本满意）', 'Satisfied (incl. basically)'],
  calledBack: ['已回访', 'Called back'],
  activities: ['活动', 'Activities'],
  reached: ['走到村（社区）', 'Places reached'],
  export: ['导出 Excel', 'Export to Excel'],
  note: ['只计已开展的活动。“已解决”为办结且解决（办结未解决不计）；满意占比按已回访计算。', 'Done activities only. "Resolved" means closed as resolved; satisfaction is over the call-backs made.'],
  none: ['这段时间没有活动', 'No activities in this period'],
  allReached: ['都走到了', 'Every place was reached'],
  total: ['合计', 'Total'],
} as const);

type Row = CadreLedger['cadres'][number] | CadreLedger['units'][number];
const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 100)}%` : '—');

/** The page. */
export default function CadreLedgerPage() {
  const w = useWords();
  const { n } = useI18n();
  const { message } = App.useApp();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD');
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const unitId = Number(params.get('unitId')) || undefined;
  const [data, setData] = useState<CadreLedger | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => qs({ from, to, unitId }), [from, to, unitId]);

  useEffect(() => {
    let live = true;
    setError(null);
    get<CadreLedger>(`/api/v1/cadre-ledger${query}`).then((r) => { if (live) setData(r); }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [query]);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };
  const doExport = async () => {
    try { saveFile(await fetchFile(`/api/v1/cadre-ledger/export${query}`, 'cadre-ledger.xlsx')); } catch (e) { message.error((e as Error).message); }
  };

  const outcome = (r: Pick<Row, 'issues' | 'resolved' | 'satisfied' | 'basicallySatisfied' | 'calledBack'>) => (
    <Space size={4} wrap>
      <span>{w('issues')} <b>{r.issues}</b></span>
      <span>{w('resolved')} <b>{r.resolved}</b>（{pct(r.resolved, r.issues)}）</span>
      <span>{w('satisfied')} <b>{r.satisfied + r.basicallySatisfied}</b>/{r.calledBack}</span>
    </Space>
  );
  const columns = (first: 'cadre' | 'unit') => [
    first === 'cadre'
      ? { title: w('cadre'), key: 'name', fixed: 'left' as const, width: 170, render: (_: unknown, r: Row) => <span>{r.name}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{'unitName' in r ? r.unitName : ''}</Typography.Text></span> }
      : { title: w('unit'), key: 'name', fixed: 'left' as const, width: 150, render: (_: unknown, r: Row) => r.name },
    { title: w('issues'), dataIndex: 'issues', width: 90, align: 'right' as const, sorter: (a: Row, b: Row) => a.issues - b.issues },
    { title: w('resolved'), key: 'resolved', width: 110, align: 'right' as const, sorter: (a: Row, b: Row) => a.resolved - b.resolved, render: (_: unknown, r: Row) => <span>{r.resolved}<Typography.Text type="secondary">（{pct(r.resolved, r.issues)}）</Typography.Text></span> },
    { title: w('calledBack'), dataIndex: 'calledBack', width: 80, align: 'right' as const },
    { title: w('satisfied'), key: 'sat', width: 130, align: 'right' as const, sorter: (a: Row, b: Row) => (a.satisfied + a.basicallySatisfied) - (b.satisfied + b.basicallySatisfied), render: (_: unknown, r: Row) => <span>{r.satisfied + r.basicallySatisfied}<Typography.Text type="secondary">（{pct(r.satisfied + r.basicallySatisfied, r.calledBack)}）</Typography.Text></span> },
    ...ACTIVITY_KINDS.map((k) => ({ title: n(ACTIVITY_KIND_NAMES[k]), key: k, width: 70, align: 'right' as const, render: (_: unknown, r: Row) => r.activities[k] })),
    { title: w('reached'), key: 'reached', width: 110, align: 'right' as const, sorter: (a: Row, b: Row) => a.placesReached - b.placesReached, render: (_: unknown, r: Row) => ('places' in r ? `${r.placesReached}/${r.places}` : r.placesReached) },
  ];
  const table = (rows: Row[], first: 'cadre' | 'unit', testId: string) => (phone
    ? <List dataSource={rows} locale={{ emptyText: <Empty description={w('none')} /> }} data-testid={testId} renderItem={(r) => (
      <List.Item style={{ display: 'block' }}>
        <div><b>{r.name}</b> {'unitName' in r && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unitName}</Typography.Text>}</div>
        {outcome(r)}
        <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{ACTIVITY_KINDS.filter((k) => r.activities[k]).map((k) => `${n(ACTIVITY_KIND_NAMES[k])} ${r.activities[k]}`).join(' · ') || '—'} · {w('reached')} {'places' in r ? `${r.placesReached}/${r.places}` : r.placesReached}</Typography.Text></div>
      </List.Item>
    )} />
    : <Table<Row> rowKey={(r) => ('userId' in r ? r.userId : r.id)} size="small" dataSource={rows} columns={columns(first)} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1000 }} locale={{ emptyText: <Empty description={w('none')} /> }} data-testid={testId} />);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="cadre-ledger">
      <Card size="small" title={w('title')} extra={<Button icon={<DownloadOutlined />} onClick={() => void doExport()} data-testid="cadre-ledger-export">{w('export')}</Button>}>
        <Space wrap>
          <UnitSelect style={{ width: 220 }} value={unitId ?? data?.unit.id ?? null} onChange={(v) => set({ unitId: v ? String(v) : null })} levels={['county', 'township', 'village']} />
          <DatePicker.RangePicker value={[dayjs(from), dayjs(to)]} allowClear={false}
            onChange={(r) => { if (r?.[0] && r[1]) set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') }); }} />
        </Space>
        {data && (
          <div style={{ marginTop: 12 }} data-testid="cadre-ledger-total">
            <Typography.Text strong>{data.unit.name}</Typography.Text>　{outcome(data.total)}
            <div><Typography.Text type="secondary">{w('activities')} {data.total.activityTotal}（{ACTIVITY_KINDS.map((k) => `${n(ACTIVITY_KIND_NAMES[k])} ${data.total.activities[k]}`).join('，')}）· {w('reached')} {data.total.placesReached}/{data.total.places}</Typography.Text></div>
          </div>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{w('note')}</Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {data && (
        <Card size="small">
          <Tabs items={[
            { key: 'cadres', label: w('byCadre'), children: table(data.cadres, 'cadre', 'ledger-cadres') },
            { key: 'units', label: w('byUnit'), children: table(data.units, 'unit', 'ledger-units') },
            {
              key: 'unreached', label: w('unreached', { n: data.unreached.length }),
              children: data.unreached.length === 0 ? <Empty description={w('allReached')} /> : (
                <Space wrap data-testid="ledger-unreached">{data.unreached.map((v) => <Tag key={v.id}>{v.township} · {v.name}</Tag>)}</Space>
              ),
            },
          ]} />
        </Card>
      )}
    </Space>
  );
}
