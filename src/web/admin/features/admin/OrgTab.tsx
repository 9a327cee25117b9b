/** 组织架构: the org tree as a tree table; add a child unit, rename, disable or enable a unit. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ORG_LEVELS, ORG_LEVEL_NAMES, type OrgLevel } from '../../../../shared/enums.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { get, patch, post } from '../../api/client.ts';
import type { OrgUnit } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { ActiveToggle, FormError, MONO, errorMessage, formErrorOf, useAdminT, useSetActive } from './common.tsx';
import { branchKeys, buildTree, filterTree, type TreeNode } from '../../lib/tree.ts';

const unitPath = (id: number) => `/api/v1/org-units/${id}`;


const CHILD_LEVEL: Record<OrgLevel, OrgLevel> = {
  province: 'city', city: 'county', county: 'township', township: 'village', village: 'grid', grid: 'department', department: 'department',
};
/** Where the next segment of a 12-digit code sits under a unit of this level (统计用区划代码: 2+2+2+3+3). */
const SEGMENT: Partial<Record<OrgLevel, [number, number]>> = { province: [2, 4], city: [4, 6], county: [6, 9], township: [9, 12] };

/** An unused code for a new child: the next after its siblings of the same level, else the first in the parent's next segment. */
function suggestCode(parent: OrgUnit, level: OrgLevel, units: readonly OrgUnit[]): string {
  const len = level === 'grid' ? 15 : 12;
  const taken = new Set(units.map((u) => u.code));
  const next = (code: string) => {
    let n = Number(code);
    for (let i = 0; i < 999; i++) {
      n += 1;
      const c = String(n).padStart(len, '0');
      if (c.length !== len) return '';
      if (!taken.has(c)) return c;
    }
    return '';
  };
  const siblings = units.filter((u) => u.parentId === parent.id && u.level === level && u.code.length === len).map((u) => u.code).sort();
  if (siblings.length) return next(siblings[siblings.length - 1]!);
  if (len === 15) {
    if (parent.code.length !== 12) return '';
    const first = parent.code + '001';
    return taken.has(first) ? next(first) : first;
  }
  const seg = parent.code.length === 12 ? SEGMENT[parent.level] : undefined;
  if (!seg) return '';
  const width = seg[1] - seg[0];
  const start = level === 'department' ? (width === 3 ? '901' : '90') : '1'.padStart(width, '0');
  const first = parent.code.slice(0, seg[0]) + start + parent.code.slice(seg[1]);
  return taken.has(first) ? next(first) : first;
}


/** The org tab. */
export default function OrgTab() {
  const t = useAdminT();
  const { n } = useI18n();
  const { message } = App.useApp();
  const lookups = useLookups();
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [adding, setAdding] = useState<OrgUnit | null>(null);
  const [renaming, setRenaming] = useState<OrgUnit | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    get<{ items: OrgUnit[] }>('/api/v1/org-units').then((r) => setUnits(r.items), (e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);
  const changed = useCallback(() => { load(); lookups.reload(); }, [load, lookups]);

  const tree = useMemo(() => buildTree(units ?? []), [units]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => (q ? filterTree(tree, (u) => u.name.toLowerCase().includes(q) || u.code.includes(q)) : tree), [tree, q]);
  // Open down to the townships at first (villages and grids are many).
  const defaultExpanded = useMemo(() => (units ?? []).filter((u) => ['province', 'city', 'county'].includes(u.level) || !u.parentId).map((u) => u.id), [units]);
  const expandedKeys = q ? branchKeys(shown) : expanded ?? defaultExpanded;


  const { busyId, setActive } = useSetActive(unitPath, changed);

  const columns = [
    {
      title: t('unitName'), key: 'name',
      render: (_: unknown, r: TreeNode<OrgUnit>) => (
        <span style={{ color: r.item.active ? undefined : '#999' }} data-testid={`org-unit-${r.item.code}`}>
          {r.item.name}
          {!r.item.active && <Tag style={{ marginLeft: 8 }}>{t('inactive')}</Tag>}
        </span>
      ),
    },
    { title: t('level'), key: 'level', width: 110, render: (_: unknown, r: TreeNode<OrgUnit>) => n(ORG_LEVEL_NAMES[r.item.level]) },
    { title: t('code'), key: 'code', width: 150, render: (_: unknown, r: TreeNode<OrgUnit>) => <span style={MONO}>{r.item.code}</span> },
    {
      title: t('actions'), key: 'actions', width: 220,
      render: (_: unknown, r: TreeNode<OrgUnit>) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setAdding(r.item)} disabled={!r.item.active} data-testid={`org-add-${r.item.id}`}>{t('addChild')}</Button>
          <Button type="link" size="small" onClick={() => setRenaming(r.item)}>{t('rename')}</Button>
          <ActiveToggle id={r.item.id} name={r.item.name} active={r.item.active} hint={t('unitDisableHint')} busy={busyId === r.item.id} onChange={setActive} />
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('searchPlaceholder')} style={{ width: 240 }} onChange={(e) => setQuery(e.target.value)} />
        <Button onClick={() => setExpanded(branchKeys(tree))}>{t('expandAll')}</Button>
        <Button onClick={() => setExpanded([])}>{t('collapseAll')}</Button>
        <Button icon={<ReloadOutlined />} onClick={load}>{t('refresh')}</Button>
        {units && <Typography.Text type="secondary">{t('unitsCount', { n: units.length })}</Typography.Text>}
      </Space>
      {loadError && <FormError error={{ message: t('loadFailed', { error: loadError }) }} />}
      <Table<TreeNode<OrgUnit>>
        size="small"
        rowKey="key"
        loading={!units && !loadError}
        columns={columns}
        dataSource={shown}
        pagination={false}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => { if (!q) setExpanded(keys as number[]); } }}
        scroll={{ x: 640 }}
        data-testid="org-table"
      />
      {adding && <AddUnitModal parent={adding} units={units ?? []} onClose={() => setAdding(null)} onDone={(u) => {
        setAdding(null);
        setExpanded((e) => [...new Set([...(e ?? defaultExpanded), u.parentId!])]);
        message.success(t('saved'));
        changed();
      }} />}
      {renaming && <RenameUnitModal unit={renaming} onClose={() => setRenaming(null)} onDone={() => {
        setRenaming(null);
        message.success(t('saved'));
        changed();
      }} />}
    </div>
  );
}

interface AddValues { level: OrgLevel; code: string; name: string }

function AddUnitModal({ parent, units, onClose, onDone }: { parent: OrgUnit; units: OrgUnit[]; onClose: () => void; onDone: (u: OrgUnit) => void }) {
  const t = useAdminT();
  const { n } = useI18n();
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; rest: Record<string, string> } | null>(null);
  const level = Form.useWatch('level', form) ?? CHILD_LEVEL[parent.level];
  const initialLevel = CHILD_LEVEL[parent.level];
  const codes = useMemo(() => new Set(units.map((u) => u.code)), [units]);

  const submit = async (v: AddValues) => {
    setBusy(true);
    setError(null);
    try {
      const u = await post<OrgUnit>('/api/v1/org-units', { parentId: parent.id, code: v.code.trim(), name: v.name.trim(), level: v.level });
      onDone(u);
    } catch (e) {
      setError(formErrorOf(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('addChildTitle', { name: parent.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ level: initialLevel, code: suggestCode(parent, initialLevel, units), name: '' }}
        onFinish={submit}
        onValuesChange={(changedValues: Partial<AddValues>) => {
          if (changedValues.level) form.setFieldsValue({ code: suggestCode(parent, changedValues.level, units) });
        }}
      >
        <Form.Item label={t('parentUnit')}>
          <Typography.Text>{parent.name} <span style={MONO}>{parent.code}</span></Typography.Text>
        </Form.Item>
        <Form.Item name="level" label={t('level')} htmlFor="unit-level" rules={[{ required: true, message: t('levelRequired') }]}>
          <Select id="unit-level" options={ORG_LEVELS.map((l) => ({ value: l, label: n(ORG_LEVEL_NAMES[l]) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('code')}
          htmlFor="unit-code"
          extra={t(level === 'grid' ? 'codeHelp15' : 'codeHelp12')}
          rules={[
            { required: true, whitespace: true, message: t('codeRequired') },
            {
              validator: (_r, value: string | undefined) => {
                const c = (value ?? '').trim();
                if (!c) return Promise.resolve();
                if (level === 'grid' ? !/^\d{15}$/.test(c) : !/^\d{12}$/.test(c)) return Promise.reject(new Error(t(level === 'grid' ? 'codeFormat15' : 'codeFormat12')));
                if (codes.has(c)) return Promise.reject(new Error(t('codeTaken')));
                return Promise.resolve();
              },
            },
          ]}
          dependencies={['level']}
        >
          <Input id="unit-code" inputMode="numeric" maxLength={15} style={MONO} />
        </Form.Item>
        <Form.Item name="name" label={t('unitName')} htmlFor="unit-name" rules={[
          { required: true, whitespace: true, message: t('nameRequired') },
          { max: LIMITS.nameMax, message: t('tooLong', { max: LIMITS.nameMax }) },
        ]}>
          <Input id="unit-name" autoFocus maxLength={LIMITS.nameMax} />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}

function RenameUnitModal({ unit, onClose, onDone }: { unit: OrgUnit; onClose: () => void; onDone: () => void }) {
  const t = useAdminT();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; rest: Record<string, string> } | null>(null);
  return (
    <Modal open title={t('renameTitle', { name: unit.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} mask={{ closable: false }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: unit.name }} onFinish={async (v: { name: string }) => {
        const name = v.name.trim();
        if (name === unit.name) return onClose();
        setBusy(true);
        setError(null);
        try {
          await patch(`/api/v1/org-units/${unit.id}`, { name });
          onDone();
        } catch (e) {
          setError(formErrorOf(form, e));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="name" label={t('unitName')} htmlFor="unit-rename" rules={[
          { required: true, whitespace: true, message: t('nameRequired') },
          { max: LIMITS.nameMax, message: t('tooLong', { max: LIMITS.nameMax }) },
        ]}>
          <Input id="unit-rename" autoFocus maxLength={LIMITS.nameMax} />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}
