/**
 * 热点 · 专项治理候选: where one kind of issue clusters or rises (by village or township, top-level category), as the
 * API ranks them, with the count against the window before, a sparkline, keywords, and a link to those issues in
 * the ledger. The window and the level live in the URL (`/hotspots?days=30&level=village`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Empty, Flex, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ApiError, get, qs } from '../../api/client.ts';
import type { Hotspot, HotspotList, HotspotTrend } from '../../api/types.ts';
import { fmtDate } from '../../app/i18n.tsx';
import { usePhone } from '../../lib/media.ts';
import { ledgerLink } from './hotspot-link.ts';
import { Sparkline } from './Sparkline.tsx';
import { useWords } from './words.ts';

const WINDOWS = [7, 30, 90] as const;
const LEVELS = ['village', 'township'] as const;
type Level = (typeof LEVELS)[number];
const MIN_COUNT = 3;
const LIMIT = 20;

const TREND_COLOURS: Record<HotspotTrend, string> = { new: 'magenta', rising: 'red', steady: 'default', falling: 'green' };
const LINE_COLOURS: Record<HotspotTrend, string> = { new: '#c41d7f', rising: '#cf1322', steady: '#1677ff', falling: '#389e0d' };

/** The hot-spots screen. */
export default function HotspotsPage() {
  const w = useWords();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const daysParam = Number(params.get('days'));
  const days = (WINDOWS as readonly number[]).includes(daysParam) ? daysParam : 30;
  const level: Level = params.get('level') === 'township' ? 'township' : 'village';
  const [data, setData] = useState<HotspotList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(() => {
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    get<HotspotList>(`/api/v1/hotspots${qs({ days, level, minCount: MIN_COUNT, limit: LIMIT })}`).then(
      (r) => { if (my === seq.current) setData(r); },
      (e: unknown) => { if (my === seq.current) { setData(null); setError(e instanceof ApiError ? e.message : String(e)); } },
    ).finally(() => { if (my === seq.current) setLoading(false); });
  }, [days, level]);
  useEffect(load, [load]);

  const set = (patch: { days?: number; level?: Level }) => {
    const next = { days: patch.days ?? days, level: patch.level ?? level };
    setParams({ days: String(next.days), level: next.level });
  };

  const bucketDays = Math.round((days * 2) / 8);
  const countCell = (h: Hotspot) => {
    const up = h.trend === 'new' || h.trend === 'rising';
    const colour = up ? '#cf1322' : h.trend === 'falling' ? '#389e0d' : 'rgba(0,0,0,0.45)';
    const Icon = h.trend === 'steady' ? MinusOutlined : up ? ArrowUpOutlined : ArrowDownOutlined;
    return (
      <Flex align="baseline" gap={6} wrap={false} data-testid="hotspot-count">
        <span style={{ fontSize: 18, fontWeight: 600 }}>{h.count}</span>
        <span style={{ color: colour, whiteSpace: 'nowrap' }}>
          <Icon style={{ fontSize: 12 }} />{h.change === null ? '' : ` ${h.change > 0 ? '+' : ''}${Math.round(h.change * 100)}%`}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{w('previous', { n: h.previousCount })}</Typography.Text>
      </Flex>
    );
  };
  const trendTag = (h: Hotspot) => <Tag color={TREND_COLOURS[h.trend]} data-trend={h.trend}>{w(h.trend)}</Tag>;
  const ledgerLinkOf = (h: Hotspot, iconOnly = false) => data && (
    <Tooltip title={w('openLedgerHint')}>
      <Link to={ledgerLink(h, data.from, data.to)} data-testid="hotspot-ledger-link" aria-label={iconOnly ? w('openLedger') : undefined} style={{ whiteSpace: 'nowrap' }}>
        <UnorderedListOutlined />{iconOnly ? null : <> {w('openLedger')}</>}
      </Link>
    </Tooltip>
  );
  const columns: ColumnsType<Hotspot> = [
    { key: 'rank', title: w('rank'), width: 56, align: 'center', render: (_, _h, i) => <Typography.Text strong={i < 3}>{i + 1}</Typography.Text> },
    { key: 'area', title: w('area'), width: 120, render: (_, h) => <Typography.Text strong>{h.areaName}</Typography.Text> },
    { key: 'category', title: w('category'), width: 120, render: (_, h) => (h.categoryId === null ? <Typography.Text type="secondary">{w('uncategorized')}</Typography.Text> : h.categoryName) },
    { key: 'count', title: w('count'), width: 150, render: (_, h) => countCell(h) },
    { key: 'trend', title: w('trend'), width: 84, render: (_, h) => trendTag(h) },
    {
      key: 'series', title: <Tooltip title={w('seriesHint', { n: bucketDays })}><span style={{ borderBottom: '1px dotted #999' }}>{w('series')}</span></Tooltip>, width: 120,
      render: (_, h) => <Sparkline values={h.series} colour={LINE_COLOURS[h.trend]} label={`${w('series')}: ${h.series.join(', ')}`} />,
    },
    {
      key: 'keywords', title: w('keywords'), width: 240,
      render: (_, h) => <Flex wrap gap={4}>{h.keywords.map((k) => <Tag key={k} style={{ marginInlineEnd: 0 }}>{k}</Tag>)}</Flex>,
    },
    {
      key: 'open', title: '', width: 140, fixed: 'right',
      render: (_, h) => ledgerLinkOf(h),
    },
  ];
  // A phone has room for what and where, how many, and the way to the ledger: the rest needs a desk.
  const phoneColumns: ColumnsType<Hotspot> = [
    { ...columns[0]!, width: 48 },
    {
      key: 'what', title: `${w('area')} · ${w('category')}`,
      render: (_, h) => (
        <Flex vertical gap={4}>
          <span><Typography.Text strong>{h.areaName}</Typography.Text> · {h.categoryId === null ? <Typography.Text type="secondary">{w('uncategorized')}</Typography.Text> : h.categoryName}</span>
          <Flex gap={8} align="center" wrap>{countCell(h)}{trendTag(h)}</Flex>
        </Flex>
      ),
    },
    { key: 'open', title: '', width: 44, align: 'center', render: (_, h) => ledgerLinkOf(h, true) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="hotspots">
      <div>
        <h4 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{w('title')}</h4>
        <Typography.Text type="secondary">{w('intro')}</Typography.Text>
      </div>
      <Flex wrap gap={16} align="center" style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4, padding: 12 }}>
        <Space size={8} wrap>
          <span style={{ whiteSpace: 'nowrap' }}>{w('window')}</span>
          <Segmented value={days} onChange={(v) => set({ days: Number(v) })} options={WINDOWS.map((d) => ({ value: d, label: w('days', { n: d }) }))} data-testid="hotspots-days" />
        </Space>
        <Space size={8} wrap>
          <span style={{ whiteSpace: 'nowrap' }}>{w('level')}</span>
          <Segmented value={level} onChange={(v) => set({ level: v as Level })} options={LEVELS.map((l) => ({ value: l, label: w(l) }))} data-testid="hotspots-level" />
        </Space>
        {data && (
          <Typography.Text type="secondary" data-testid="hotspots-range">
            {w('range', { from: fmtDate(data.from), to: fmtDate(data.to), n: days })}
          </Typography.Text>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={w('loadFailed', { msg: error })} action={<Button size="small" onClick={load}>{w('retry')}</Button>} />}
      <div data-testid="hotspots-table">
        <Table<Hotspot>
          rowKey={(h) => `${h.areaId}:${h.categoryId ?? ''}`}
          size="middle"
          columns={phone ? phoneColumns : columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={false}
          scroll={phone ? undefined : { x: 1040 }}
          locale={{ emptyText: loading || error ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('empty', { n: MIN_COUNT })} /> }}
        />
      </div>
    </Space>
  );
}
