/**
 * "待上传 N 条" in the header: the records waiting on this phone (lib/outbox.ts), and those the server refused. It also
 * sends them: when the app opens, when the network comes back, and every half minute while something waits.
 * Loaded on its own (with IndexedDB's wrapper) so the screens' first load stays small.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Tag } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { flush, onOutboxChange, records } from '../lib/outbox.ts';
import { useOnline } from '../lib/media.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';

/** The badge; nothing when the outbox is empty. */
export default function OutboxBadge() {
  const { me } = useAuth();
  const { lang } = useI18n();
  const online = useOnline();
  const [counts, setCounts] = useState({ waiting: 0, refused: 0 });
  const userId = me?.id;
  const refresh = useCallback(() => {
    if (!userId) return;
    void records(userId).then((rs) => setCounts({ waiting: rs.filter((r) => r.state !== 'refused').length, refused: rs.filter((r) => r.state === 'refused').length }));
  }, [userId]);
  useEffect(() => { refresh(); return onOutboxChange(refresh); }, [refresh]);
  useEffect(() => {
    if (!userId || !online) return;
    void flush(userId);
    const t = setInterval(() => { if (navigator.onLine) void flush(userId); }, 30_000);
    return () => clearInterval(t);
  }, [userId, online]);
  if (counts.waiting + counts.refused === 0) return null;
  const zh = lang === 'zh';
  return (
    <Link to="/outbox" data-testid="outbox-badge" style={{ flex: 'none' }}>
      <Tag icon={<CloudUploadOutlined />} color={counts.refused ? 'error' : 'warning'} style={{ marginInlineEnd: 0 }}>
        {zh ? `待上传 ${counts.waiting} 条` : `${counts.waiting} to send`}{counts.refused ? (zh ? `，未通过 ${counts.refused}` : `, ${counts.refused} refused`) : ''}
      </Tag>
    </Link>
  );
}
