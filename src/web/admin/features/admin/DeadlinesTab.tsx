/** 期限规则: the tenant's deadline policy table and which family each channel uses, saved together. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  CHANNELS, CHANNEL_NAMES, DEADLINE_KINDS, DEADLINE_KIND_NAMES, DEADLINE_UNITS, ISSUE_KINDS, ISSUE_KIND_NAMES, POLICY_FAMILIES,
  URGENCIES, URGENCY_NAMES, type Channel, type DeadlineKind, type DeadlineUnit, type IssueKind, type PolicyFamily, type Urgency,
} from '../../../../shared/enums.ts';
import { ApiError, get, put } from '../../api/client.ts';
import type { Policies, Policy } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { FormError, errorMessage, useAdminT } from './common.tsx';

interface Row extends Omit<Policy, 'amount'> { key: number; amount: number | null }

/** Names of the policy families and time units (not in the shared enums). */
const FAMILY_NAMES: Record<PolicyFamily, { zh: string; en: string }> = {
  petition: { zh: '信访法定期限', en: 'Petition' },
  hotline: { zh: '热线时限', en: 'Hotline' },
};
const UNIT_NAMES: Record<DeadlineUnit, { zh: string; en: string }> = {
  calendar_days: { zh: '日', en: 'days' },
  working_days: { zh: '工作日', en: 'working days' },
  hours: { zh: '小时', en: 'hours' },
};

let nextKey = 1;
const toRows = (items: Policy[]): Row[] => items.map((p) => ({ ...p, key: nextKey++ }));
const strip = (rows: Row[]) => rows.map(({ family, issueKind, urgency, clock, amount, unit }) => ({ family, issueKind, urgency, clock, amount, unit }));
const identity = (r: Pick<Row, 'family' | 'issueKind' | 'urgency' | 'clock'>) => `${r.family}|${r.issueKind}|${r.urgency}|${r.clock}`;

/** The deadline rules tab. */
export default function DeadlinesTab() {
  const t = useAdminT();
  const { n } = useI18n();
  const { message, modal } = App.useApp();
  const [saved, setSaved] = useState<Policies | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [channelFamily, setChannelFamily] = useState<Record<Channel, PolicyFamily> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; rest: Record<string, string> } | null>(null);
  const [badRows, setBadRows] = useState<Map<number, Set<string>>>(new Map());
  const [show, setShow] = useState<PolicyFamily | 'all'>('all');
  const [busy, setBusy] = useState(false);

  const apply = useCallback((p: Policies) => {
    setSaved(p);
    setRows(toRows(p.items));
    setChannelFamily(p.channelFamily);
    setError(null);
    setBadRows(new Map());
  }, []);
  const load = useCallback(() => {
    setLoadError(null);
    get<Policies>('/api/v1/deadline-policies').then(apply, (e: unknown) => setLoadError(errorMessage(e)));
  }, [apply]);
  useEffect(load, [load]);

  const dirty = useMemo(() => !!saved && (JSON.stringify(strip(rows)) !== JSON.stringify(saved.items) || JSON.stringify(channelFamily) !== JSON.stringify(saved.channelFamily)), [saved, rows, channelFamily]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (key: number, set: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...set } : r)));
    setBadRows((m) => { if (!m.has(key)) return m; const c = new Map(m); c.delete(key); return c; });
  };
  const addRow = () => {
    const family = show === 'all' ? 'petition' : show;
    setRows((rs) => [...rs, { key: nextKey++, family, issueKind: '*', urgency: '*', clock: 'handle', amount: null, unit: family === 'hotline' ? 'hours' : 'calendar_days' }]);
  };

  /** Client-side checks; null when fine. */
  const check = (): { message: string; rest: Record<string, string>; bad: Map<number, Set<string>> } | null => {
    const bad = new Map<number, Set<string>>();
    const rest: Record<string, string> = {};
    const mark = (key: number, f: string) => bad.set(key, (bad.get(key) ?? new Set()).add(f));
    rows.forEach((r, i) => {
      if (r.amount == null || !Number.isInteger(r.amount) || r.amount < 1 || r.amount > 3650) {
        mark(r.key, 'amount');
        rest[`amount${i}`] = t('ruleAmount', { row: i + 1 });
      }
    });
    const seen = new Map<string, number[]>();
    rows.forEach((r, i) => seen.set(identity(r), [...(seen.get(identity(r)) ?? []), i]));
    for (const [k, idx] of seen) {
      if (idx.length < 2) continue;
      idx.forEach((i) => { for (const f of ['family', 'issueKind', 'urgency', 'clock']) mark(rows[i]!.key, f); });
      rest[`dup${k}`] = t('ruleDuplicate', { rows: idx.map((i) => i + 1).join('、') });
    }
    return bad.size ? { message: t('fixErrors'), rest, bad } : null;
  };

  const doSave = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { items: strip(rows), channelFamily };
      apply(await put<Policies>('/api/v1/deadline-policies', body));
      message.success(t('saved'));
    } catch (e) {
      // Server field names are like items.3.amount: mark that row and say which row.
      const bad = new Map<number, Set<string>>();
      const rest: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const [f, msg] of Object.entries(e.fields)) {
          const m = /^items\.(\d+)\.?(\w*)/.exec(f);
          const row = m ? rows[Number(m[1])] : undefined;
          if (m && row) bad.set(row.key, (bad.get(row.key) ?? new Set()).add(m[2] || 'amount'));
          rest[f] = m ? `#${Number(m[1]) + 1}: ${msg}` : msg;
        }
      }
      setBadRows(bad);
      setError({ message: errorMessage(e), rest });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const problem = check();
    if (problem) {
      setBadRows(problem.bad);
      setError({ message: problem.message, rest: problem.rest });
      return;
    }
    setBadRows(new Map());
    setError(null);
    // Every family a channel uses needs its accept and handle clocks, or issues of that family run without them.
    const used = new Set(Object.values(channelFamily ?? {}));
    const missing: string[] = [];
    for (const f of POLICY_FAMILIES) {
      if (!used.has(f)) continue;
      for (const c of ['accept', 'handle'] as const) {
        if (!rows.some((r) => r.family === f && r.clock === c)) missing.push(t('ruleMissing', { family: n(FAMILY_NAMES[f]), clock: n(DEADLINE_KIND_NAMES[c]) }));
      }
    }
    if (missing.length) {
      modal.confirm({ title: t('saveRules'), content: <div>{missing.map((m, i) => <p key={i}>{m}</p>)}</div>, onOk: doSave });
      return;
    }
    void doSave();
  };

  const status = (key: number, f: string) => (badRows.get(key)?.has(f) ? 'error' as const : undefined);
  const shownRows = show === 'all' ? rows : rows.filter((r) => r.family === show);
  const indexOf = new Map(rows.map((r, i) => [r.key, i]));
  const anyOpt = { value: '*', label: t('any') };

  const columns = [
    { title: '#', key: 'no', width: 32, render: (_: unknown, r: Row) => <Typography.Text type="secondary">{(indexOf.get(r.key) ?? 0) + 1}</Typography.Text> },
    {
      title: t('family'), key: 'family', width: 124,
      render: (_: unknown, r: Row) => (
        <Select size="small" style={{ width: '100%' }} status={status(r.key, 'family')} value={r.family} onChange={(v: PolicyFamily) => edit(r.key, { family: v })}
          options={POLICY_FAMILIES.map((f) => ({ value: f, label: n(FAMILY_NAMES[f]) }))} popupMatchSelectWidth={false} />
      ),
    },
    {
      title: t('issueKind'), key: 'issueKind', width: 96,
      render: (_: unknown, r: Row) => (
        <Select size="small" style={{ width: '100%' }} status={status(r.key, 'issueKind')} value={r.issueKind} onChange={(v: IssueKind | '*') => edit(r.key, { issueKind: v })}
          options={[anyOpt, ...ISSUE_KINDS.map((k) => ({ value: k, label: n(ISSUE_KIND_NAMES[k]) }))]} popupMatchSelectWidth={false} />
      ),
    },
    {
      title: t('urgency'), key: 'urgency', width: 96,
      render: (_: unknown, r: Row) => (
        <Select size="small" style={{ width: '100%' }} status={status(r.key, 'urgency')} value={r.urgency} onChange={(v: Urgency | '*') => edit(r.key, { urgency: v })}
          options={[anyOpt, ...URGENCIES.map((u) => ({ value: u, label: n(URGENCY_NAMES[u]) }))]} popupMatchSelectWidth={false} />
      ),
    },
    {
      title: t('clock'), key: 'clock', width: 120,
      render: (_: unknown, r: Row) => (
        <Select size="small" style={{ width: '100%' }} status={status(r.key, 'clock')} value={r.clock} onChange={(v: DeadlineKind) => edit(r.key, { clock: v })}
          options={DEADLINE_KINDS.map((k) => ({ value: k, label: n(DEADLINE_KIND_NAMES[k]) }))} popupMatchSelectWidth={false} />
      ),
    },
    {
      title: t('amount'), key: 'amount', width: 76,
      render: (_: unknown, r: Row) => (
        <InputNumber size="small" style={{ width: '100%' }} status={status(r.key, 'amount')} min={1} max={3650} precision={0} value={r.amount}
          onChange={(v) => edit(r.key, { amount: typeof v === 'number' ? v : null })} data-testid={`policy-amount-${indexOf.get(r.key)}`} />
      ),
    },
    {
      title: t('unitOfTime'), key: 'unit', width: 90,
      render: (_: unknown, r: Row) => (
        <Select size="small" style={{ width: '100%' }} status={status(r.key, 'unit')} value={r.unit} onChange={(v: DeadlineUnit) => edit(r.key, { unit: v })}
          options={DEADLINE_UNITS.map((u) => ({ value: u, label: n(UNIT_NAMES[u]) }))} popupMatchSelectWidth={false} />
      ),
    },
    {
      title: '', key: 'remove', width: 36,
      render: (_: unknown, r: Row) => (
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
      ),
    },
  ];

  if (loadError) return <FormError error={{ message: t('loadFailed', { error: loadError }) }} />;
  return (
    <div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('policyHelpTitle')} description={t('policyHelp')} data-testid="policy-help" />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={busy} disabled={!dirty} data-testid="policies-save">{t('saveRules')}</Button>
        <Button icon={<UndoOutlined />} onClick={() => saved && apply(saved)} disabled={!dirty || busy}>{t('discard')}</Button>
        {dirty && <Tag color="orange">{t('unsaved')}</Tag>}
      </div>
      <FormError error={error} />
      <Card size="small" title={t('channelFamily')} style={{ marginBottom: 12 }} loading={!channelFamily}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '8px 16px' }}>
          {CHANNELS.map((c) => (
            <label key={c} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <span style={{ flex: 1, minWidth: 0 }}>{n(CHANNEL_NAMES[c])}</span>
              <Select size="small" style={{ width: 128 }} value={channelFamily?.[c]} id={`channel-family-${c}`}
                onChange={(v: PolicyFamily) => setChannelFamily((cf) => (cf ? { ...cf, [c]: v } : cf))}
                options={POLICY_FAMILIES.map((f) => ({ value: f, label: n(FAMILY_NAMES[f]) }))} />
            </label>
          ))}
        </div>
      </Card>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '4px 0 8px' }}>
        <Space>
          <Typography.Text strong>{t('rules')}</Typography.Text>
          <Typography.Text type="secondary">{t('rulesCount', { n: rows.length })}</Typography.Text>
        </Space>
        <Segmented<PolicyFamily | 'all'> size="small" value={show} onChange={setShow}
          options={[{ value: 'all', label: t('all') }, ...POLICY_FAMILIES.map((f) => ({ value: f, label: n(FAMILY_NAMES[f]) }))]} />
      </div>
      <Table<Row>
        size="small"
        rowKey="key"
        loading={!saved}
        columns={columns}
        dataSource={shownRows}
        pagination={false}
        scroll={{ x: 670 }}
        tableLayout="fixed"
        data-testid="policies-table"
      />
      <Button type="dashed" icon={<PlusOutlined />} onClick={addRow} style={{ marginTop: 8 }} data-testid="policy-add">{t('addRule')}</Button>
    </div>
  );
}
