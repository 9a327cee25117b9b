/**
 * 现场办公纪要: the printable record (A4) of an on-site office session, from what the session recorded — who came (the
 * leaders and cadres, the units at the table), each agenda item with its outcome (solved on the spot with who signed
 * and when; followed up with the owner unit, the deadline and whether it was met; left, with why), and the follow-ups
 * listed once more with owners and dates. The print stylesheet leaves the app's frame out.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { FOLLOWUP_STATE_NAMES, ONSITE_OUTCOME_NAMES } from '../../../../shared/enums.ts';
import { STATUS_INFO } from '../../../../shared/lifecycle.ts';
import type { Activity } from '../../../../shared/api/activities.ts';
import type { Onsite } from '../../../../shared/api/onsite.ts';
import { get } from '../../api/client.ts';
import { fmtDate, fmtDateTime, useI18n } from '../../app/i18n.tsx';

/** The record. */
export default function OnsiteMinutesPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const [d, setD] = useState<{ a: Activity; o: Onsite } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([get<Activity>(`/api/v1/activities/${id}`), get<Onsite>(`/api/v1/activities/${id}/onsite`)])
      .then(([a, o]) => setD({ a, o }), (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!d) return <Spin />;
  const { a, o } = d;
  const followups = o.items.filter((i) => i.followup);
  const count = (k: string) => o.items.filter((i) => i.outcome === k).length;
  return (
    <div>
      <Space className="yx-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="minutes-print">{zh ? '打印' : 'Print'}</Button>
        <Button onClick={() => navigate(`/activities/${a.id}`)}>{zh ? '返回' : 'Back'}</Button>
      </Space>
      <article className="yx-print-sheet yx-report" data-testid="minutes-sheet">
        <h1>{a.title}{zh ? '纪要' : ' — record'}</h1>
        <p className="yx-sheet-meta">{fmtDateTime(a.startsAt)} – {fmtDateTime(a.endsAt)}　{a.orgUnitName}{a.placeText ? `　${a.placeText}` : ''}</p>
        <h2>{zh ? '一、参加人员' : '1. Present'}</h2>
        <table className="yx-report-table" data-testid="minutes-present"><tbody>
          <tr><th>{zh ? '领导干部' : 'Leaders and cadres'}</th><td>{a.cadres.map((c) => c.name).join('、') || '—'}</td></tr>
          <tr><th>{zh ? '参加单位' : 'Units'}</th><td>{o.units.map((u) => u.name).join('、') || '—'}</td></tr>
          <tr><th>{zh ? '议题' : 'Agenda'}</th><td>{zh
            ? `${o.items.length} 项：现场解决 ${count('solved')}，交办跟进 ${count('followup')}，暂缓 ${count('left')}，未议 ${count('pending')}`
            : `${o.items.length}: ${count('solved')} solved, ${count('followup')} followed up, ${count('left')} left, ${count('pending')} not discussed`}</td></tr>
        </tbody></table>
        {a.notes && <p>{a.notes}</p>}
        <h2>{zh ? '二、议题及办理结果' : '2. Items and outcomes'}</h2>
        {o.items.length === 0 && <p>{zh ? '无' : 'None'}</p>}
        {o.items.map((i, idx) => (
          <section key={i.id} data-testid="minutes-item">
            <h3>{idx + 1}. {i.issue.title}（{i.issue.trackingCode}，{i.issue.orgUnitName}）</h3>
            <p><b>{n(ONSITE_OUTCOME_NAMES[i.outcome])}</b>{i.note ? `：${i.note}` : ''}</p>
            {i.outcome === 'solved' && (
              <p>{zh ? '签字确认：' : 'Signed: '}{i.signoffs.map((s) => s.signedAt ? `${s.unit.name}（${s.signerName}，${fmtDateTime(s.signedAt)}）` : `${s.unit.name}（${zh ? '未签' : 'not yet'}）`).join('；')}
                {i.completedAt ? (zh ? `。已于 ${fmtDateTime(i.completedAt)} 答复，问题现为「${n(STATUS_INFO[i.issue.status])}」。` : `. Replied ${fmtDateTime(i.completedAt)}; now ${n(STATUS_INFO[i.issue.status])}.`) : ''}</p>
            )}
            {i.followup && <p>{zh ? '责任单位' : 'Owner'}：{i.followup.unit.name}；{zh ? '期限' : 'due'} {fmtDate(i.followup.dueAt)}；{n(FOLLOWUP_STATE_NAMES[i.followup.state])}</p>}
          </section>
        ))}
        <h2>{zh ? '三、交办事项' : '3. Follow-ups'}</h2>
        {followups.length === 0 ? <p>{zh ? '无' : 'None'}</p> : (
          <table className="yx-report-table" data-testid="minutes-followups">
            <thead><tr><th>{zh ? '问题' : 'Issue'}</th><th>{zh ? '交办事项' : 'Task'}</th><th>{zh ? '责任单位' : 'Owner'}</th><th>{zh ? '期限' : 'Due'}</th><th>{zh ? '完成情况' : 'State'}</th></tr></thead>
            <tbody>{followups.map((i) => (
              <tr key={i.id}><td>{i.issue.trackingCode}</td><td>{i.note}</td><td>{i.followup!.unit.name}</td><td>{fmtDate(i.followup!.dueAt)}</td><td>{n(FOLLOWUP_STATE_NAMES[i.followup!.state])}</td></tr>
            ))}</tbody>
          </table>
        )}
        <p className="yx-sheet-meta" style={{ marginTop: 24 }}>{zh ? `根据系统记录生成，${fmtDate(new Date().toISOString())}` : `Generated from the records, ${fmtDate(new Date().toISOString())}`}</p>
      </article>
    </div>
  );
}
