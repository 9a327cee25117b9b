/**
 * 待上传: what this phone holds for the logged-in account (lib/outbox.ts) — each record with what it is, when it was
 * made and where it stands: waiting for the network, or refused by the server with its reason (kept until the cadre
 * fixes the place and sends it again, or deletes it).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { discard, flush, onOutboxChange, records, retry, type OutboxRecord } from '../../lib/outbox.ts';
import { useOnline } from '../../lib/media.ts';

const KIND_NAMES = { issue: ['问题', 'Issue'], activity: ['活动', 'Activity'], response: ['问卷答卷', 'Answers'] } as const;

/** The outbox screen. */
export default function OutboxPage() {
  const { me } = useAuth();
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const online = useOnline();
  const { message } = App.useApp();
  const [items, setItems] = useState<OutboxRecord[] | null>(null);
  const [places, setPlaces] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const { units } = useLookups();
  // A place no longer in the cadre's list shows as empty, not as its id.
  const known = (id: number | undefined) => (id && units.some((u) => u.id === id) ? id : undefined);
  const load = useCallback(() => { if (me) void records(me.id).then(setItems); }, [me]);
  useEffect(() => { load(); return onOutboxChange(load); }, [load]);
  if (!me) return null;

  const sendNow = async () => {
    setBusy(true);
    try {
      const r = await flush(me.id);
      message.info(zh ? `已上传 ${r.sent} 条，未通过 ${r.refused} 条，还剩 ${r.left} 条` : `${r.sent} sent, ${r.refused} refused, ${r.left} left`);
    } finally { setBusy(false); }
  };
  const again = async (r: OutboxRecord) => {
    const place = places[r.key];
    await retry(r.key, place ? { ...(r.body as object), orgUnitId: place } : undefined);
    if (navigator.onLine) await flush(me.id);
  };

  return (
    <Card size="small" title={zh ? '待上传的记录' : 'Waiting on this phone'} data-testid="outbox"
      extra={<Button type="primary" size="small" disabled={!online || !items?.length} loading={busy} onClick={() => void sendNow()} data-testid="outbox-send">{zh ? '立即上传' : 'Send now'}</Button>}>
      {!online && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={zh ? '当前没有网络，联网后自动上传' : 'Offline; they go up when the network returns'} />}
      <List dataSource={items ?? []} loading={items === null} locale={{ emptyText: <Empty description={zh ? '没有待上传的记录' : 'Nothing waiting'} /> }}
        renderItem={(r) => (
          <List.Item style={{ display: 'block' }} data-testid="outbox-item">
            <Space wrap size={[8, 4]}>
              <Tag>{KIND_NAMES[r.kind][zh ? 0 : 1]}</Tag>
              <span>{r.label}</span>
              {r.state === 'refused' ? <Tag color="error">{zh ? '未通过' : 'Refused'}</Tag> : <Tag color="warning">{r.state === 'photo' ? (zh ? '照片待上传' : 'Photo to send') : (zh ? '待上传' : 'Waiting')}</Tag>}
            </Space>
            <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{zh ? '记录于' : 'Recorded'} {fmtDateTime(r.createdAt)}{r.photo ? (zh ? ' · 含照片' : ' · with photo') : ''}{r.attempts ? (zh ? ` · 已尝试 ${r.attempts} 次` : ` · ${r.attempts} tries`) : ''}</Typography.Text></div>
            {r.error && <Alert type="error" showIcon style={{ margin: '6px 0' }} message={r.error} data-testid="outbox-error" />}
            {r.state === 'refused' && (
              <Space wrap style={{ marginTop: 4 }}>
                {r.kind === 'issue' && (
                  <div style={{ minWidth: 220 }}><UnitSelect value={places[r.key] ?? (known((r.body as { orgUnitId?: number }).orgUnitId) ?? null)} allowClear={false} levels={['township', 'village', 'grid']}
                    placeholder={zh ? '改为您可用的地点' : 'A place you may use'} onChange={(v) => setPlaces((p) => ({ ...p, [r.key]: v ?? 0 }))} /></div>
                )}
                <Button size="small" type="primary" ghost onClick={() => void again(r)} data-testid="outbox-retry">{zh ? '重新上传' : 'Send again'}</Button>
                <Popconfirm title={zh ? '删除这条记录？删除后无法恢复' : 'Delete this record for good?'} onConfirm={() => void discard(r.key)}>
                  <Button size="small" danger>{zh ? '删除' : 'Delete'}</Button>
                </Popconfirm>
              </Space>
            )}
          </List.Item>
        )} />
    </Card>
  );
}
