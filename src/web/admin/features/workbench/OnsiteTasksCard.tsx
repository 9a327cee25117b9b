/**
 * A department's tasks from on-site office sessions (现场办公): items solved at the table that wait for its sign-off
 * (signed here, in one click), and the follow-ups it was given with their deadlines and whether they were met.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, List, Popconfirm, Space, Typography } from 'antd';
import type { OnsiteTasks } from '../../../../shared/api/onsite.ts';
import { get, post } from '../../api/client.ts';
import { fmtDate, useI18n } from '../../app/i18n.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { FollowupLine } from '../activities/OnsiteCards.tsx';

/** The card; nothing when the unit has no tasks. */
export function OnsiteTasksCard() {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [data, setData] = useState<OnsiteTasks | null>(null);
  const load = useCallback(() => { get<OnsiteTasks>('/api/v1/onsite-tasks').then(setData, () => setData(null)); }, []);
  useEffect(load, [load]);
  if (!data || (data.toSign.length === 0 && data.followups.length === 0)) return null;
  const sign = async (sessionId: number, itemId: number, unitId: number) => {
    try {
      await post(`/api/v1/activities/${sessionId}/agenda/${itemId}/sign`, { unitId });
      message.success(zh ? '已签字确认' : 'Signed');
      load();
    } catch (e) { message.error((e as Error).message); }
  };
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="workbench-onsite"
      title={<span>{zh ? '现场办公事项' : 'From on-site sessions'} <Typography.Text type="secondary">{data.toSign.length + data.followups.length}</Typography.Text></span>}>
      <List size="small" dataSource={data.toSign} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '没有待签字的议题' : 'Nothing to sign'} /> }}
        header={<b>{zh ? '待签字' : 'To sign'}</b>}
        renderItem={(t) => (
          <List.Item data-testid="workbench-onsite-sign" extra={
            <Popconfirm title={zh ? `以${t.unit.name}名义确认该解决方案？` : `Sign for ${t.unit.name}?`} onConfirm={() => void sign(t.session.id, t.itemId, t.unit.id)}>
              <Button size="small" type="primary" ghost>{zh ? '签字确认' : 'Sign'}</Button>
            </Popconfirm>}>
            <List.Item.Meta
              title={<Space wrap><Link to={`/issues/${t.issue.id}`}>{t.issue.trackingCode}</Link><StatusTag status={t.issue.status} /><span>{t.issue.title}</span></Space>}
              description={<span>{t.session.title}（{fmtDate(t.session.startsAt)}）：{t.solution}</span>} />
          </List.Item>
        )} />
      {data.followups.length > 0 && (
        <List size="small" dataSource={data.followups} header={<b>{zh ? '交办跟进' : 'Follow-ups'}</b>}
          renderItem={(t) => (
            <List.Item data-testid="workbench-onsite-followup">
              <List.Item.Meta
                title={<Space wrap><Link to={`/issues/${t.issue.id}`}>{t.issue.trackingCode}</Link><StatusTag status={t.issue.status} /><span>{t.task}</span></Space>}
                description={<span>{t.session.title}（{fmtDate(t.session.startsAt)}） · <FollowupLine f={t.followup} /></span>} />
            </List.Item>
          )} />
      )}
    </Card>
  );
}
