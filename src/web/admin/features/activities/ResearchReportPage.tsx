/**
 * 调研报告: one printable page (A4) per research trip, generated from what was recorded — never retyped: the trip,
 * its visits by kind, the findings by category (分类解决) with the issue each became and its status now, the issues
 * heard and the share resolved, the questionnaires' results with their charts, the suggestions heard. The print stylesheet leaves the app's frame out.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { IDEA_SOURCE_NAMES, VISIT_KINDS, VISIT_KIND_NAMES } from '../../../../shared/enums.ts';
import { STATUS_INFO, type IssueStatus, type StatusType } from '../../../../shared/lifecycle.ts';
import type { Activity, Finding, Idea, Visit } from '../../../../shared/api/activities.ts';
import type { QuestionnaireView, Results } from '../../../../shared/api/questionnaires.ts';
import { QuestionnaireResults } from '../questionnaires/QuestionnaireResults.tsx';
import { get } from '../../api/client.ts';
import { fmtDate, fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';

interface ActivityIssue { id: number; trackingCode: string; title: string; status: IssueStatus; statusType: StatusType; orgUnitName: string }
interface Data { a: Activity; visits: Visit[]; findings: Finding[]; ideas: Idea[]; issues: { items: ActivityIssue[]; resolvedShare: number | null }; surveys: { qn: QuestionnaireView; results: Results }[] }

/** The report. */
export default function ResearchReportPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { categoryPath } = useLookups();
  const [d, setD] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const base = `/api/v1/activities/${id}`;
    Promise.all([
      get<Activity>(base), get<{ items: Visit[] }>(`${base}/visits`), get<{ items: Finding[] }>(`${base}/findings`),
      get<{ items: Idea[] }>(`/api/v1/ideas?activityId=${id}&limit=200`), get<Data['issues']>(`${base}/issues`),
      get<{ items: QuestionnaireView[] }>(`${base}/questionnaires`).then((r) => Promise.all(r.items.filter((q) => q.responseCount > 0)
        .map(async (qn) => ({ qn, results: await get<Results>(`/api/v1/questionnaires/${qn.id}/results`) })))),
    ]).then(([a, v, f, i, s, q]) => setD({ a, visits: v.items, findings: f.items, ideas: i.items, issues: s, surveys: q }), (e: Error) => setError(e.message));
  }, [id]);
  const byCategory = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of d?.findings ?? []) {
      const k = f.categoryId ? categoryPath(f.categoryId) : (zh ? '未分类' : 'Not categorised');
      (m.get(k) ?? m.set(k, []).get(k)!).push(f);
    }
    return [...m].sort((x, y) => y[1].length - x[1].length);
  }, [d, categoryPath, zh]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!d) return <Spin />;
  const { a, visits, findings, ideas, issues, surveys } = d;
  const closed = issues.items.filter((i) => i.statusType !== 'open').length;
  const resolved = issues.items.filter((i) => i.statusType === 'resolved').length;
  const kinds = VISIT_KINDS.map((k) => [k, visits.filter((v) => v.kind === k).length] as const).filter(([, c]) => c > 0);
  return (
    <div>
      <Space className="yx-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">{zh ? '打印' : 'Print'}</Button>
        <Button onClick={() => navigate(`/activities/${a.id}`)}>{zh ? '返回' : 'Back'}</Button>
      </Space>
      <article className="yx-print-sheet yx-report" data-testid="research-report">
        <h1>{a.title}{zh ? '报告' : ' — report'}</h1>
        <p className="yx-sheet-meta">{fmtDateTime(a.startsAt)} – {fmtDateTime(a.endsAt)}　{a.orgUnitName}{a.placeText ? `　${a.placeText}` : ''}</p>
        <p>{zh ? '参加干部' : 'Cadres'}：{a.cadres.map((c) => c.name).join('、') || '—'}{a.participantCount !== null ? `；${zh ? '走访群众' : 'people met'} ${a.participantCount} ${zh ? '人' : ''}` : ''}</p>
        {a.notes && <p>{a.notes}</p>}
        <h2>{zh ? '一、基本情况' : '1. In figures'}</h2>
        <table className="yx-report-table" data-testid="report-figures"><tbody>
          <tr><th>{zh ? '走访' : 'Visits'}</th><td>{visits.length}{kinds.length > 0 && `（${kinds.map(([k, c]) => `${n(VISIT_KIND_NAMES[k])} ${c}`).join('，')}）`}</td></tr>
          <tr><th>{zh ? '发现问题' : 'Findings'}</th><td>{findings.length}{zh ? '，其中登记为问题 ' : ', registered as issues: '}{findings.filter((f) => f.issue).length}</td></tr>
          <tr><th>{zh ? '登记问题' : 'Issues'}</th><td>{issues.items.length}{zh ? `，已办结 ${closed}，其中解决 ${resolved}` : `, closed ${closed}, resolved ${resolved}`}{issues.resolvedShare !== null ? `（${Math.round(issues.resolvedShare * 100)}%）` : ''}</td></tr>
          <tr><th>{zh ? '问卷调查' : 'Questionnaires'}</th><td>{surveys.length}{zh ? `，答卷 ${surveys.reduce((t, x) => t + x.results.responseCount, 0)} 份` : `, ${surveys.reduce((t, x) => t + x.results.responseCount, 0)} responses`}</td></tr>
          <tr><th>{zh ? '群众建议' : 'Suggestions'}</th><td>{ideas.length}{zh ? `，已采纳 ${ideas.filter((i) => i.adopted).length}` : `, adopted ${ideas.filter((i) => i.adopted).length}`}</td></tr>
        </tbody></table>
        <h2>{zh ? '二、发现的问题（按分类）' : '2. Findings by category'}</h2>
        {byCategory.length === 0 && <p>{zh ? '无' : 'None'}</p>}
        {byCategory.map(([cat, fs]) => (
          <section key={cat}>
            <h3>{cat}（{fs.length}）</h3>
            <ol>{fs.map((f) => <li key={f.id}>{f.text}{f.issue && <span className="yx-report-issue">　{f.issue.trackingCode} {n(STATUS_INFO[f.issue.status])}</span>}</li>)}</ol>
          </section>
        ))}
        <h2>{zh ? '三、走访记录' : '3. Visits'}</h2>
        <ol>{visits.map((v) => <li key={v.id}>{fmtDateTime(v.visitedAt)} {n(VISIT_KIND_NAMES[v.kind])} {v.placeText ?? v.orgUnitName ?? ''}：{v.seen || '—'}</li>)}</ol>
        <h2>{zh ? '四、问卷调查结果' : '4. Questionnaire results'}</h2>
        {surveys.length === 0 && <p>{zh ? '无' : 'None'}</p>}
        {surveys.map(({ qn, results }) => (
          <section key={qn.id} data-testid="report-questionnaire">
            <h3>{qn.title}（{zh ? `${results.responseCount} 份答卷` : `${results.responseCount} responses`}）</h3>
            <QuestionnaireResults results={results} compact />
          </section>
        ))}
        <h2>{zh ? '五、群众建议（问计于民）' : '5. Suggestions heard'}</h2>
        {ideas.length === 0 ? <p>{zh ? '无' : 'None'}</p> : <ol>{ideas.map((i) => <li key={i.id}>{i.text}（{n(IDEA_SOURCE_NAMES[i.source])}{i.adopted ? (zh ? '，已采纳' : ', adopted') : ''}{i.adoptedNote ? `：${i.adoptedNote}` : ''}）</li>)}</ol>}
        <h2>{zh ? '六、问题办理情况' : '6. Issues and their status'}</h2>
        <table className="yx-report-table"><thead><tr><th>{zh ? '编号' : 'Code'}</th><th>{zh ? '问题' : 'Issue'}</th><th>{zh ? '地点' : 'Place'}</th><th>{zh ? '状态' : 'Status'}</th></tr></thead>
          <tbody>{issues.items.map((i) => <tr key={i.id}><td>{i.trackingCode}</td><td>{i.title}</td><td>{i.orgUnitName}</td><td>{n(STATUS_INFO[i.status])}</td></tr>)}</tbody></table>
        <p className="yx-sheet-meta" style={{ marginTop: 24 }}>{zh ? `根据系统记录生成，${fmtDate(new Date().toISOString())}` : `Generated from the records, ${fmtDate(new Date().toISOString())}`}</p>
      </article>
    </div>
  );
}
