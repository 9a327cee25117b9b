/** Saved filters: apply one (it becomes the URL), save the current filters under a name, delete one. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Divider, Empty, Flex, Form, Input, Modal, Popconfirm, Popover, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../shared/limits.ts';
import { ApiError } from '../../api/client.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter, type SavedFilter } from './ledger-api.ts';
import { useWords } from './words.ts';

interface Props {
  /** The current query text (canonical, no `?`). */
  current: string;
  /** Apply a saved query text. */
  onApply: (query: string) => void;
  /** Open the list at once (it was loaded by a click on the placeholder button). */
  defaultOpen?: boolean;
}

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** The saved-filters button with its list and the save dialog. */
export function SavedFilters({ current, onApply, defaultOpen = false }: Props) {
  const w = useWords();
  const { message } = App.useApp();
  const [items, setItems] = useState<SavedFilter[]>([]);
  const [open, setOpen] = useState(defaultOpen);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const reload = useCallback(() => {
    listSavedFilters().then(setItems, (e: unknown) => message.error(errText(e)));
  }, [message]);
  useEffect(reload, [reload]);

  const save = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      const existed = items.some((f) => f.name === name.trim());
      await saveFilter(name.trim(), current);
      message.success(w(existed ? 'filterReplaced' : 'filterSaved', { name: name.trim() }));
      setSaving(false);
      reload();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : {};
      if (fields.name) form.setFields([{ name: 'name', errors: [fields.name] }]);
      else message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (f: SavedFilter) => {
    try {
      await deleteSavedFilter(f.id);
      setItems((list) => list.filter((x) => x.id !== f.id));
    } catch (e) {
      message.error(errText(e));
      reload();
    }
  };

  const content = (
    <div style={{ width: 280 }} data-testid="ledger-saved-filters-panel">
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noSavedFilters')} style={{ margin: '8px 0' }} />}
      {items.map((f) => (
        <Flex key={f.id} align="center" justify="space-between" gap={8} style={{ padding: '2px 0' }}>
          <Button
            type="link"
            style={{ padding: 0, maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', fontWeight: f.query === current ? 600 : undefined }}
            title={f.query || '—'}
            onClick={() => { setOpen(false); onApply(f.query); }}
            data-testid="ledger-saved-filter"
          >
            {f.name}
          </Button>
          <Popconfirm title={w('deleteFilterConfirm', { name: f.name })} onConfirm={() => remove(f)} okButtonProps={{ danger: true }}>
            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={w('deleteFilter')} data-testid="ledger-saved-filter-delete" />
          </Popconfirm>
        </Flex>
      ))}
      <Divider style={{ margin: '8px 0' }} />
      <Button
        block
        icon={<SaveOutlined />}
        onClick={() => { setOpen(false); form.resetFields(); setSaving(true); }}
        data-testid="ledger-save-filter"
      >
        {w('saveCurrent')}
      </Button>
    </div>
  );

  return (
    <>
      <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" title={w('savedFilters')}>
        <Button icon={<StarOutlined />} data-testid="ledger-saved-filters">{w('savedFilters')}</Button>
      </Popover>
      <Modal
        open={saving}
        title={w('saveFilterTitle')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>{current ? `?${decodeURIComponentSafe(current)}` : '—'}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={w('filterName')} rules={[{ required: true, whitespace: true }]}>
            <Input autoFocus maxLength={LIMITS.savedFilterNameMax} placeholder={w('filterNameHint')} data-testid="ledger-save-filter-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
