/**
 * 现场办公 on the session's page: the units present, the agenda of ledger issues picked from the session's place
 * (open ones, the ledger's search), and per item the outcome — solved on the spot with each named department's
 * sign-off, a follow-up with its unit and deadline (met or not), or left for later. The printable record (纪要) is
 * `OnsiteMinutesPage`.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { FOLLOWUP_STATE_NAMES, ONSITE_OUTCOME_NAMES, type FollowupState, type OnsiteOutcome } from '../../../../shared/enums.ts';
import { OPEN_STATUSES } from '../../../../shared/lifecycle.ts';
import type { Activity } from '../../../../shared/api/activities.ts';
import type { AgendaItem, Onsite } from '../../../../shared/api/onsite.ts';
import type { Issue } from '../../api/types.ts';
import { api, get, post, put, qs } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';

export const OUTCOME_COLOURS: Record<OnsiteOutcome, string> = { pending: 'default', solved: 'green', followup: 'blue', left: 'orange' };
export const FOLLOWUP_COLOURS: Record<FollowupState, string> = { met: 'green', late: 'gold', overdue: 'red', running: 'processing' };

type Dialog = { kind: 'solve' | 'followup' | 'leave'; item: AgendaItem } | { kind: 'sign'; item: AgendaItem; unit: { id: number; name: string } } | null;

function dialogTitle(d: Dialog, zh: boolean): string {
  if (!d) return '';
  if (d.kind === 'sign') return `${d.unit.name} ${zh ? '签字确认' : 'sign-off'}`;
  const names = { solve: ['现场解决', 'Solved on the spot'], followup: ['交办跟进', 'Follow up'], leave: ['暂缓', 'Leave for later'] } as const;
  return names[d.kind][zh ? 0 : 1];
}

/** A follow-up's unit, deadline and whether it was met. */
export function FollowupLine({ f }: { f: NonNullable<AgendaItem['followup']> }) {
  const { n, lang } = useI18n();
  return (
    <span data-testid="onsite-followup">
      {f.unit.name} · {lang === 'zh' ? '期限' : 'due'} {fmtDateTime(f.dueAt)} <Tag color={FOLLOWUP_COLOURS[f.state]}>{n(FOLLOWUP_STATE_NAMES[f.state])}</Tag>
      {f.doneAt && <Typography.Text type="secondary">{lang === 'zh' ? '答复于' : 'replied'} {fmtDateTime(f.doneAt)}</Typography.Text>}
    </span>
  );
}

/** The session's units and agenda. */
export function OnsiteCards({ activity }: { activity: Activity }) {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useAuth();
  const { units } = useLookups();
  const [data, setData] = useState<Onsite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editUnits, setEditUnits] = useState<number[] | null>(null);
  const [picking, setPicking] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const base = `/api/v1/activities/${activity.id}`;

  const load = useCallback(() => {
    get<Onsite>(`${base}/onsite`).then((d) => { setData(d); setError(null); }, (e: Error) => setError(e.message));
  }, [base]);
  useEffect(load, [load]);

  const run = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await fn();
      if (done) message.success(done);
      setDialog(null);
      form.resetFields();
      load();
    } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return null;
  const canEdit = data.canEdit;
  const present = data.units;
  const unitOptions = units.filter((u) => u.active && (u.level === 'department' || u.level === 'township')).map((u) => ({ value: u.id, label: u.name }));
  const mine = (unitId: number) => !!me?.roles.some((r) => r.orgUnitId === unitId);
  const counts = { solved: data.items.filter((i) => i.outcome === 'solved').length, followup: data.items.filter((i) => i.outcome === 'followup').length };

  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const url = `${base}/agenda/${dialog.item.id}`;
    if (dialog.kind === 'solve') await run(() => post(`${url}/solve`, { unitIds: v.unitIds, solution: v.solution }), zh ? '已记录，待各单位签字' : 'Recorded; awaiting sign-offs');
    else if (dialog.kind === 'followup') await run(() => post(`${url}/followup`, { unitId: v.unitId, dueAt: (v.dueAt as Dayjs).endOf('day').toISOString(), task: v.task }), zh ? '已交办' : 'Assigned');
    else if (dialog.kind === 'leave') await run(() => post(`${url}/leave`, { reason: v.reason ?? '' }));
    else if (dialog.kind === 'sign') {
      const unit = dialog.unit;
      await run(() => post(`${url}/sign`, { unitId: unit.id, ...(mine(unit.id) ? {} : { signerName: v.signerName }) }), zh ? '已签字' : 'Signed');
    }
  };

  const itemActions = (i: AgendaItem) => {
    if (!canEdit) return [];
    if (i.outcome === 'pending' || i.outcome === 'left' || (i.outcome === 'solved' && !i.completedAt && i.signoffs.every((s) => !s.signedAt))) {
      return [
        <Button key="s" size="small" type="primary" ghost onClick={() => { form.resetFields(); form.setFieldsValue({ unitIds: i.signoffs.map((s) => s.unit.id), solution: i.outcome === 'solved' ? i.note : '' }); setDialog({ kind: 'solve', item: i }); }} data-testid="onsite-solve">{zh ? '现场解决' : 'Solved here'}</Button>,
        <Button key="f" size="small" onClick={() => { form.resetFields(); setDialog({ kind: 'followup', item: i }); }} data-testid="onsite-followup-btn">{zh ? '交办跟进' : 'Follow up'}</Button>,
        ...(i.outcome !== 'left' ? [<Button key="l" size="small" onClick={() => { form.resetFields(); setDialog({ kind: 'leave', item: i }); }} data-testid="onsite-leave">{zh ? '暂缓' : 'Leave'}</Button>] : []),
        ...(i.outcome !== 'solved' ? [
          <Popconfirm key="r" title={zh ? '移出议题？' : 'Take off the agenda?'} onConfirm={() => void run(() => api('DELETE', `${base}/agenda/${i.id}`))}>
            <Button size="small" type="link" danger>{zh ? '移出' : 'Remove'}</Button>
          </Popconfirm>,
        ] : []),
      ];
    }
    return [];
  };

  return (
    <>
      <Card size="small" title={zh ? '参加单位' : 'Units present'} data-testid="onsite-units"
        extra={canEdit && <Button size="small" onClick={() => setEditUnits(present.map((u) => u.id))} data-testid="onsite-units-edit">{zh ? '设定' : 'Set'}</Button>}>
        {present.length ? <Space wrap>{present.map((u) => <Tag key={u.id} color="geekblue">{u.name}</Tag>)}</Space>
          : <Typography.Text type="secondary">{zh ? '尚未设定参加的部门和乡镇' : 'No units set yet'}</Typography.Text>}
      </Card>

      <Card size="small" data-testid="onsite-agenda"
        title={<span>{zh ? '议题' : 'Agenda'} <Typography.Text type="secondary">{zh ? `${data.items.length} 项，现场解决 ${counts.solved}，交办 ${counts.followup}` : `${data.items.length} items, ${counts.solved} solved, ${counts.followup} followed up`}</Typography.Text></span>}
        extra={<Space>
          {canEdit && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="onsite-add">{zh ? '从台账选取' : 'From the ledger'}</Button>}
          <Button size="small" icon={<FileTextOutlined />} onClick={() => navigate(`/activities/${activity.id}/minutes`)} data-testid="onsite-minutes">{zh ? '纪要' : 'Record'}</Button>
        </Space>}>
        <List dataSource={data.items} locale={{ emptyText: <Empty description={zh ? '还没有议题：从问题台账中选取本地的问题' : 'No items yet'} /> }}
          renderItem={(i, idx) => (
            <List.Item style={{ display: 'block' }} data-testid="onsite-item">
              <Space wrap size={[8, 4]}>
                <b>{idx + 1}.</b>
                <Link to={`/issues/${i.issue.id}`}>{i.issue.trackingCode}</Link>
                <span>{i.issue.title}</span>
                <StatusTag status={i.issue.status} />
                <Tag color={OUTCOME_COLOURS[i.outcome]} data-testid="onsite-outcome">{n(ONSITE_OUTCOME_NAMES[i.outcome])}{i.outcome === 'solved' && !i.completedAt ? (zh ? '（待签字）' : ' (awaiting sign-off)') : ''}</Tag>
              </Space>
              <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{i.issue.orgUnitName}{i.issue.responsibleUnitName ? ` → ${i.issue.responsibleUnitName}` : ''}</Typography.Text></div>
              {i.note && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{i.note}</Typography.Paragraph>}
              {i.signoffs.length > 0 && (
                <Space wrap style={{ marginTop: 4, maxWidth: '100%' }} data-testid="onsite-signoffs">
                  {i.signoffs.map((s) => s.signedAt
                    ? <Tag key={s.unit.id} icon={<CheckCircleOutlined />} color="success" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{s.unit.name} · {s.signerName}{s.inApp ? '' : (zh ? '（代记）' : ' (recorded)')} · {fmtDateTime(s.signedAt)}</Tag>
                    : (canEdit || mine(s.unit.id))
                      ? <Button key={s.unit.id} size="small" onClick={() => { form.resetFields(); setDialog({ kind: 'sign', item: i, unit: s.unit }); }} data-testid="onsite-sign">{s.unit.name} {zh ? '签字' : 'sign'}</Button>
                      : <Tag key={s.unit.id}>{s.unit.name} {zh ? '待签字' : 'to sign'}</Tag>)}
                </Space>
              )}
              {i.followup && <div style={{ marginTop: 4 }}><FollowupLine f={i.followup} /></div>}
              {itemActions(i).length > 0 && <Space wrap style={{ marginTop: 6 }}>{itemActions(i)}</Space>}
            </List.Item>
          )} />
      </Card>

      <Modal open={editUnits !== null} title={zh ? '参加单位' : 'Units present'} onCancel={() => setEditUnits(null)} confirmLoading={busy} okText={zh ? '保存' : 'Save'}
        onOk={() => void run(async () => { await put(`${base}/onsite/units`, { unitIds: editUnits }); setEditUnits(null); })}>
        <Select mode="multiple" style={{ width: '100%' }} value={editUnits ?? []} onChange={setEditUnits} options={unitOptions} optionFilterProp="label"
          placeholder={zh ? '选择到场的部门、乡镇' : 'Departments and townships at the table'} data-testid="onsite-units-select" />
      </Modal>

      <AgendaPicker open={picking} activity={activity} onClose={() => setPicking(false)} taken={new Set(data.items.map((i) => i.issue.id))}
        onPick={(issueId) => run(() => post(`${base}/agenda`, { issueId }), zh ? '已列入议题' : 'Added')} />

      <Modal open={dialog !== null} onCancel={() => setDialog(null)} onOk={() => void submit()} confirmLoading={busy} okText={zh ? '确定' : 'OK'} destroyOnHidden
        title={dialogTitle(dialog, zh)}>
        {dialog && <Typography.Paragraph type="secondary">{dialog.item.issue.trackingCode} {dialog.item.issue.title}</Typography.Paragraph>}
        <Form form={form} layout="vertical" data-testid="onsite-dialog">
          {dialog?.kind === 'solve' && <>
            <Form.Item name="unitIds" label={zh ? '解决单位（须到场，各自签字）' : 'Units that solve it (present; each signs)'} rules={[{ required: true, message: zh ? '请选择解决单位' : 'Choose the units' }]}>
              <Select mode="multiple" options={present.map((u) => ({ value: u.id, label: u.name }))} data-testid="onsite-solve-units" />
            </Form.Item>
            <Form.Item name="solution" label={zh ? '解决方案' : 'What was decided'} rules={[{ required: true, message: zh ? '请写明解决方案' : 'Say what was decided' }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="onsite-solution" />
            </Form.Item>
          </>}
          {dialog?.kind === 'followup' && <>
            <Form.Item name="unitId" label={zh ? '责任单位' : 'Owner unit'} rules={[{ required: true, message: zh ? '请选择责任单位' : 'Choose the unit' }]}>
              <Select showSearch optionFilterProp="label" options={[...present.map((u) => ({ value: u.id, label: u.name })), ...unitOptions.filter((o) => !present.some((p) => p.id === o.value))]} data-testid="onsite-followup-unit" />
            </Form.Item>
            <Form.Item name="dueAt" label={zh ? '完成期限' : 'Deadline'} rules={[{ required: true, message: zh ? '请选择期限' : 'Choose a date' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="onsite-followup-due" />
            </Form.Item>
            <Form.Item name="task" label={zh ? '交办事项' : 'Task'} rules={[{ required: true, message: zh ? '请写明交办事项' : 'Say what is to be done' }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="onsite-followup-task" />
            </Form.Item>
          </>}
          {dialog?.kind === 'leave' && (
            <Form.Item name="reason" label={zh ? '暂缓原因' : 'Why'}><Input.TextArea rows={2} maxLength={2000} data-testid="onsite-leave-reason" /></Form.Item>
          )}
          {dialog?.kind === 'sign' && (mine(dialog.unit.id)
            ? <Typography.Paragraph>{zh ? `以「${me?.displayName}」的身份确认本单位同意该解决方案。` : `Confirm as ${me?.displayName} that your unit agrees.`}</Typography.Paragraph>
            : <Form.Item name="signerName" label={zh ? '签字人姓名（代为记录）' : 'Who signed (recorded on their behalf)'} rules={[{ required: true, message: zh ? '请写明签字人姓名' : 'Name the signer' }]}>
              <Input maxLength={50} data-testid="onsite-signer" />
            </Form.Item>)}
        </Form>
      </Modal>
    </>
  );
}

/** The ledger's open issues of the session's place, searched, to put on the agenda. */
function AgendaPicker({ open, activity, taken, onClose, onPick }: { open: boolean; activity: Activity; taken: Set<number>; onClose: () => void; onPick: (id: number) => Promise<void> }) {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const [items, setItems] = useState<Issue[] | null>(null);
  useEffect(() => {
    if (!open) return;
    const params = { unitId: activity.orgUnitId, q: q.trim() || undefined, status: all ? undefined : OPEN_STATUSES.join(','), sort: 'due_asc', limit: 20 };
    get<{ items: Issue[] }>(`/api/v1/issues${qs(params)}`).then((r) => setItems(r.items), () => setItems([]));
  }, [open, q, all, activity.orgUnitId]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={720} title={zh ? `从台账选取议题（${activity.orgUnitName}）` : `Pick from the ledger (${activity.orgUnitName})`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={zh ? '搜索问题（编号、标题、内容）' : 'Search issues'} onSearch={setQ} style={{ width: 320 }} data-testid="onsite-pick-search" />
        <Select value={all ? 'all' : 'open'} onChange={(v) => setAll(v === 'all')} options={[{ value: 'open', label: zh ? '未办结' : 'Open' }, { value: 'all', label: zh ? '全部' : 'All' }]} />
      </Space>
      <List size="small" loading={items === null} dataSource={items ?? []} data-testid="onsite-pick-list"
        renderItem={(i) => (
          <List.Item extra={taken.has(i.id) ? <Tag>{zh ? '已列入' : 'On the agenda'}</Tag> : <Button size="small" type="primary" ghost onClick={() => void onPick(i.id)} data-testid="onsite-pick">{zh ? '列入' : 'Add'}</Button>}>
            <List.Item.Meta title={<Space wrap><span>{i.trackingCode}</span><StatusTag status={i.status} /><span>{i.title}</span></Space>}
              description={`${i.orgUnitName}${i.responsibleUnitName ? ` → ${i.responsibleUnitName}` : ''} · ${fmtDateTime(i.receivedAt)}`} />
          </List.Item>
        )} />
    </Modal>
  );
}
