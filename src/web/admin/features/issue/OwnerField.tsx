/** 包案: the leader who owns the issue, and for clerks and leaders a way to name one (or none) from those who may. */
import { useState } from 'react';
import { App, Button, Select, Space, Typography } from 'antd';
import type { Issue } from '../../api/types.ts';
import { get, post } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';

/** The field's value in the summary. */
export function OwnerField({ issue, onChanged }: { issue: Issue; onChanged: (i: Issue) => void }) {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const { hasRole } = useAuth();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [options, setOptions] = useState<Array<{ value: number; label: string }> | null>(null);
  const [busy, setBusy] = useState(false);
  const may = hasRole('clerk', 'leader');
  const open = () => {
    setEditing(true);
    get<{ items: Array<{ id: number; name: string; unitName: string }> }>(`/api/v1/issues/${issue.id}/owner-candidates`)
      .then((r) => setOptions(r.items.map((l) => ({ value: l.id, label: `${l.name}（${l.unitName}）` }))), (e: Error) => { message.error(e.message); setEditing(false); });
  };
  const save = async (ownerId: number | null) => {
    setBusy(true);
    try {
      onChanged(await post<Issue>(`/api/v1/issues/${issue.id}/owner`, { ownerId }));
      setEditing(false);
      message.success(ownerId ? (zh ? '已指定包案领导' : 'Owner named') : (zh ? '已取消包案' : 'Owner cleared'));
    } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };
  if (editing) {
    return (
      <Space.Compact style={{ width: '100%', maxWidth: 320 }}>
        <Select autoFocus showSearch={{ optionFilterProp: 'label' }} loading={!options || busy} options={options ?? []} defaultValue={issue.owner?.id} style={{ flex: 1 }}
          placeholder={zh ? '选择包案领导' : 'Choose a leader'} onChange={(v: number) => void save(v)} data-testid="owner-select" />
        {issue.owner && <Button onClick={() => void save(null)} disabled={busy}>{zh ? '取消包案' : 'Clear'}</Button>}
        <Button onClick={() => setEditing(false)}>{zh ? '关闭' : 'Close'}</Button>
      </Space.Compact>
    );
  }
  return (
    <Space size={4} data-testid="issue-owner">
      {issue.owner ? <span>{issue.owner.name}</span> : <Typography.Text type="secondary">{zh ? '未指定' : 'None'}</Typography.Text>}
      {may && <Button type="link" size="small" onClick={open} data-testid="owner-edit">{issue.owner ? (zh ? '更换' : 'Change') : (zh ? '指定包案' : 'Name owner')}</Button>}
    </Space>
  );
}
