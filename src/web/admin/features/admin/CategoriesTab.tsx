/** 问题分类: the category tree including disabled ones; add, rename, edit the keywords (what the picker also matches), disable or enable. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../shared/limits.ts';
import { get, patch, post } from '../../api/client.ts';
import type { Category } from '../../api/types.ts';
import type { CATEGORY_KEYWORDS_MAX, CATEGORY_KEYWORD_LENGTH_MAX } from '../../../../shared/api/issues.ts';
import { useLookups } from '../../app/lookups.tsx';
import { ActiveToggle, FormError, errorMessage, formErrorOf, useAdminT, useSetActive } from './common.tsx';
import { branchKeys, buildTree, filterTree, type TreeNode } from '../../lib/tree.ts';

const categoryPath = (id: number) => `/api/v1/categories/${id}`;
/** The API's limits on keywords (checked against its schema's constants by type, so no value is bundled). */
const KEYWORDS_MAX: typeof CATEGORY_KEYWORDS_MAX = 20;
const KEYWORD_LENGTH_MAX: typeof CATEGORY_KEYWORD_LENGTH_MAX = 20;

type Editing = { mode: 'add'; parent: Category | null } | { mode: 'edit'; cat: Category };

/** The categories tab. */
export default function CategoriesTab() {
  const t = useAdminT();
  const { message } = App.useApp();
  const lookups = useLookups();
  const [cats, setCats] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<number[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    get<{ items: Category[] }>('/api/v1/categories?includeInactive=true').then((r) => setCats(r.items), (e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);
  const changed = useCallback(() => { load(); lookups.reload(); }, [load, lookups]);

  const tree = useMemo(() => buildTree(cats ?? []), [cats]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => (q ? filterTree(tree, (c) => c.name.toLowerCase().includes(q) || c.keywords.some((k) => k.toLowerCase().includes(q))) : tree), [tree, q]);
  const expandedKeys = q ? branchKeys(shown) : expanded;
  const inactive = (cats ?? []).filter((c) => !c.active).length;


  const { busyId, setActive } = useSetActive(categoryPath, changed);

  const columns = [
    {
      title: t('category'), key: 'name',
      render: (_: unknown, r: TreeNode<Category>) => (
        <span style={{ color: r.item.active ? undefined : '#999' }}>
          {r.item.name}
          {r.children && <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>({r.children.length})</Typography.Text>}
          {!r.item.active && <Tag style={{ marginLeft: 8 }}>{t('inactive')}</Tag>}
        </span>
      ),
    },
    {
      title: t('keywords'), key: 'keywords', width: 320,
      render: (_: unknown, r: TreeNode<Category>) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }} data-testid={`category-keywords-${r.item.id}`}>{r.item.keywords.join('、')}</Typography.Text>
      ),
    },
    {
      title: t('actions'), key: 'actions', width: 230,
      render: (_: unknown, r: TreeNode<Category>) => (
        <Space size={0} wrap>
          <Button type="link" size="small" disabled={!r.item.active} onClick={() => setEditing({ mode: 'add', parent: r.item })}>{t('addSubCategory')}</Button>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', cat: r.item })} data-testid={`category-edit-${r.item.id}`}>{t('edit')}</Button>
          <ActiveToggle id={r.item.id} name={r.item.name} active={r.item.active} hint={t('categoryDisableHint')} busy={busyId === r.item.id} onChange={setActive} />
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add', parent: null })} data-testid="admin-new-category">{t('addTopCategory')}</Button>
        <Input.Search allowClear placeholder={t('searchNameOrKeyword')} style={{ width: 220 }} onChange={(e) => setQuery(e.target.value)} />
        <Button onClick={() => setExpanded(branchKeys(tree))}>{t('expandAll')}</Button>
        <Button onClick={() => setExpanded([])}>{t('collapseAll')}</Button>
        <Button icon={<ReloadOutlined />} onClick={load}>{t('refresh')}</Button>
        {cats && <Typography.Text type="secondary">{t('categoriesCount', { n: cats.length, m: inactive })}</Typography.Text>}
      </div>
      {loadError && <FormError error={{ message: t('loadFailed', { error: loadError }) }} />}
      <Table<TreeNode<Category>>
        size="small"
        rowKey="key"
        loading={!cats && !loadError}
        columns={columns}
        dataSource={shown}
        pagination={false}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => { if (!q) setExpanded(keys as number[]); } }}
        scroll={{ x: 960 }}
        data-testid="categories-table"
      />
      {editing && (
        <CategoryModal
          editing={editing}
          siblings={(cats ?? []).filter((c) => (editing.mode === 'add' ? c.parentId === (editing.parent?.id ?? null) : c.parentId === editing.cat.parentId && c.id !== editing.cat.id))}
          onClose={() => setEditing(null)}
          onDone={(c) => {
            setEditing(null);
            if (c.parentId != null) setExpanded((e) => [...new Set([...e, c.parentId!])]);
            message.success(t('saved'));
            changed();
          }}
        />
      )}
    </div>
  );
}

function CategoryModal({ editing, siblings, onClose, onDone }: { editing: Editing; siblings: Category[]; onClose: () => void; onDone: (c: Category) => void }) {
  const t = useAdminT();
  const [form] = Form.useForm<{ name: string; keywords: string[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; rest: Record<string, string> } | null>(null);
  const names = new Set(siblings.map((c) => c.name.trim()));
  const title = editing.mode === 'edit' ? t('editCategoryTitle', { name: editing.cat.name })
    : editing.parent ? t('addSubCategoryTitle', { name: editing.parent.name }) : t('addCategoryTitle');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} mask={{ closable: false }} destroyOnHidden
      okButtonProps={{ 'data-testid': 'category-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ name: editing.mode === 'edit' ? editing.cat.name : '', keywords: editing.mode === 'edit' ? editing.cat.keywords : [] }}
        onFinish={async (v: { name: string; keywords?: string[] }) => {
        const name = v.name.trim();
        const keywords = [...new Set((v.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
        const sameKeywords = editing.mode === 'edit' && keywords.join('\n') === editing.cat.keywords.join('\n');
        if (editing.mode === 'edit' && name === editing.cat.name && sameKeywords) return onClose();
        setBusy(true);
        setError(null);
        try {
          const c = editing.mode === 'edit'
            ? await patch<Category>(`/api/v1/categories/${editing.cat.id}`, { ...(name !== editing.cat.name ? { name } : {}), ...(sameKeywords ? {} : { keywords }) })
            : await post<Category>('/api/v1/categories', { ...(editing.parent ? { parentId: editing.parent.id } : {}), name, ...(keywords.length ? { keywords } : {}) });
          onDone(c);
        } catch (e) {
          setError(formErrorOf(form, e));
        } finally {
          setBusy(false);
        }
      }}>
        {editing.mode === 'add' && (
          <Form.Item label={t('parentCategory')}>
            <Typography.Text>{editing.parent ? editing.parent.name : t('topLevel')}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="name" label={t('name')} htmlFor="category-name" rules={[
          { required: true, whitespace: true, message: t('nameRequired') },
          { max: LIMITS.nameMax, message: t('tooLong', { max: LIMITS.nameMax }) },
          { validator: (_r, v: string | undefined) => (v && names.has(v.trim()) ? Promise.reject(new Error(t('nameDuplicate'))) : Promise.resolve()) },
        ]}>
          <Input id="category-name" autoFocus maxLength={LIMITS.nameMax} />
        </Form.Item>
        <Form.Item name="keywords" label={t('keywords')} htmlFor="category-keywords" extra={t('keywordsHelp', { n: KEYWORDS_MAX, m: KEYWORD_LENGTH_MAX })} rules={[
          { type: 'array', max: KEYWORDS_MAX, message: t('keywordsTooMany', { n: KEYWORDS_MAX }) },
          { validator: (_r, v: string[] | undefined) => (v?.some((k) => k.trim().length > KEYWORD_LENGTH_MAX) ? Promise.reject(new Error(t('keywordTooLong', { m: KEYWORD_LENGTH_MAX }))) : Promise.resolve()) },
        ]}>
          <Select id="category-keywords" mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} placeholder={t('keywordsPlaceholder')} />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}
