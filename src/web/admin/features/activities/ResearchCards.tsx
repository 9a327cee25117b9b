/**
 * A research trip's own cards on its page: the visits (who was met, masked), the findings — each registered as an
 * issue in one click, with its live status — and the suggestions heard there (问计于民).
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { IDEA_SOURCES, IDEA_SOURCE_NAMES, VISIT_KINDS, VISIT_KIND_NAMES, type IdeaSource, type VisitKind } from '../../../../shared/enums.ts';
import { RESEARCH_LIMITS, type Activity, type Finding, type Idea, type Visit } from '../../../../shared/api/activities.ts';
import type { QuestionnaireView } from '../../../../shared/api/questionnaires.ts';
import { QUESTIONNAIRE_STATUS_NAMES } from '../../../../shared/questionnaire.ts';
import { ApiError, get, post } from '../../api/client.ts';
import { fmtDateTime, useI18n, wordsHook } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { CategorySelect } from '../../components/CategorySelect.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';

const useWords = wordsHook({
  visits: ['走访记录', 'Visits'],
  addVisit: ['记录走访', 'Record a visit'],
  noVisits: ['还没有走访记录', 'No visits yet'],
  visitKind: ['走访对象类型', 'Visited'],
  place: ['地点', 'Place'],
  placeText: ['具体地点', 'Where exactly'],
  met: ['走访对象', 'Met'],
  metName: ['走访对象（选填）', 'Person met (optional)'],
  metPhone: ['对象电话（选填）', 'Their phone (optional)'],
  seen: ['看到的情况', 'What was seen'],
  findings: ['调研发现', 'Findings'],
  addFinding: ['记录发现', 'Record a finding'],
  noFindings: ['还没有调研发现', 'No findings yet'],
  finding: ['发现的问题', 'The problem found'],
  onVisit: ['所属走访（选填）', 'On visit (optional)'],
  category: ['问题分类（分类解决）', 'Category'],
  toIssue: ['登记为问题', 'Register as an issue'],
  registeredAs: ['已登记为 {code}', 'Registered as {code}'],
  ideas: ['问计于民', 'Suggestions heard'],
  addIdea: ['记录建议', 'Record a suggestion'],
  noIdeas: ['还没有建议', 'No suggestions yet'],
  idea: ['建议内容', 'Suggestion'],
  source: ['来源', 'From'],
  sourceName: ['提出人（选填）', 'Who (optional)'],
  adopted: ['已采纳', 'Adopted'],
  show: ['查看', 'Show'],
  questionnaires: ['问卷调查', 'Questionnaires'],
  addQuestionnaire: ['新建问卷', 'New questionnaire'],
  noQuestionnaires: ['还没有问卷', 'No questionnaires yet'],
  responses: ['{n} 份答卷', '{n} responses'],
  questions: ['{n} 题', '{n} questions'],
  save: ['保存', 'Save'],
  required: ['必填', 'Required'],
} as const);

/** The research cards of one trip. */
export function ResearchCards({ activity, onIssue }: { activity: Activity; onIssue: () => void }) {
  const w = useWords();
  const { n } = useI18n();
  const { message } = App.useApp();
  const { categoryPath } = useLookups();
  const [visits, setVisits] = useState<Visit[]>([]);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [ideas, setIdeas] = useState<Idea[]>([]);
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireView[]>([]);
  const [open, setOpen] = useState<'visit' | 'finding' | 'idea' | null>(null);
  const [revealed, setRevealed] = useState<Record<number, { metName: string | null; metPhone: string | null }>>({});
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const base = `/api/v1/activities/${activity.id}`;
  const canEdit = activity.canEdit && activity.status !== 'cancelled';

  const load = useCallback(() => {
    get<{ items: Visit[] }>(`${base}/visits`).then((r) => setVisits(r.items), () => undefined);
    get<{ items: Finding[] }>(`${base}/findings`).then((r) => setFindings(r.items), () => undefined);
    get<{ items: Idea[] }>(`/api/v1/ideas?activityId=${activity.id}`).then((r) => setIdeas(r.items), () => undefined);
    get<{ items: QuestionnaireView[] }>(`${base}/questionnaires`).then((r) => setQuestionnaires(r.items), () => undefined);
  }, [base, activity.id]);
  useEffect(load, [load]);

  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    try {
      if (open === 'visit') await post(`${base}/visits`, { ...v, orgUnitId: v.orgUnitId ?? null });
      if (open === 'finding') await post(`${base}/findings`, { text: v.text, visitId: v.visitId ?? null, categoryId: v.categoryId ?? null });
      if (open === 'idea') await post('/api/v1/ideas', { text: v.text, source: v.source, sourceName: v.sourceName || null, activityId: activity.id });
      setOpen(null);
      form.resetFields();
      load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(Object.entries(e.fields).map(([k, msg]) => ({ name: k, errors: [msg] })));
      message.error((e as Error).message);
    } finally { setBusy(false); }
  };
  const toIssue = async (f: Finding) => {
    try {
      const r = await post<{ trackingCode: string }>(`${base}/findings/${f.id}/issue`, {});
      message.success(w('registeredAs', { code: r.trackingCode }));
      load();
      onIssue();
    } catch (e) { message.error((e as Error).message); }
  };
  const reveal = async (v: Visit) => {
    try { setRevealed({ ...revealed, [v.id]: await post(`${base}/visits/${v.id}/reveal`) }); } catch (e) { message.error((e as Error).message); }
  };
  const add = (what: 'visit' | 'finding' | 'idea') => { form.resetFields(); setOpen(what); };
  const visitName = (id: number | null) => { const v = visits.find((x) => x.id === id); return v ? `${n(VISIT_KIND_NAMES[v.kind])} · ${v.placeText ?? v.orgUnitName ?? ''}` : ''; };

  return (
    <>
      <Card size="small" title={<span>{w('visits')} <Typography.Text type="secondary">{visits.length}</Typography.Text></span>} data-testid="research-visits"
        extra={canEdit && <Button size="small" icon={<PlusOutlined />} onClick={() => add('visit')} data-testid="visit-add">{w('addVisit')}</Button>}>
        <List size="small" dataSource={visits} locale={{ emptyText: <Empty description={w('noVisits')} /> }} renderItem={(v) => (
          <List.Item style={{ display: 'block' }}>
            <div><Tag color="green">{n(VISIT_KIND_NAMES[v.kind])}</Tag>{v.placeText ?? v.orgUnitName ?? ''} <Typography.Text type="secondary" style={{ fontSize: 13 }}>{fmtDateTime(v.visitedAt)} · {v.createdBy}</Typography.Text></div>
            {v.seen && <div style={{ whiteSpace: 'pre-wrap' }}>{v.seen}</div>}
            {v.masked && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {w('met')}：{revealed[v.id] ? [revealed[v.id]!.metName, revealed[v.id]!.metPhone].filter(Boolean).join(' ') : [v.metName, v.metPhone].filter(Boolean).join(' ')}
                {!revealed[v.id] && <Button size="small" type="link" onClick={() => void reveal(v)}>{w('show')}</Button>}
              </Typography.Text>
            )}
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={<span>{w('findings')} <Typography.Text type="secondary">{findings.length}</Typography.Text></span>} data-testid="research-findings"
        extra={canEdit && <Button size="small" icon={<PlusOutlined />} onClick={() => add('finding')} data-testid="finding-add">{w('addFinding')}</Button>}>
        <List size="small" dataSource={findings} locale={{ emptyText: <Empty description={w('noFindings')} /> }} renderItem={(f) => (
          <List.Item style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }} data-testid="finding">
            <div style={{ flex: '1 1 240px', minWidth: 0 }}>
              <div>{f.text}</div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{[f.categoryId ? categoryPath(f.categoryId) : null, visitName(f.visitId)].filter(Boolean).join(' · ')}</Typography.Text>
            </div>
            <div style={{ flex: 'none' }}>
              {f.issue
                ? <Space><Link to={`/issues/${f.issue.id}`} data-testid="finding-issue-link">{f.issue.trackingCode}</Link><StatusTag status={f.issue.status} /></Space>
                : canEdit && <Button size="small" type="primary" ghost onClick={() => void toIssue(f)} data-testid="finding-to-issue">{w('toIssue')}</Button>}
            </div>
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={<span>{w('questionnaires')} <Typography.Text type="secondary">{questionnaires.length}</Typography.Text></span>} data-testid="research-questionnaires"
        extra={canEdit && <Link to={`/activities/${activity.id}/questionnaires/new`}><Button size="small" icon={<PlusOutlined />} data-testid="questionnaire-add">{w('addQuestionnaire')}</Button></Link>}>
        <List size="small" dataSource={questionnaires} locale={{ emptyText: <Empty description={w('noQuestionnaires')} /> }} renderItem={(q) => (
          <List.Item data-testid="questionnaire-item">
            <div style={{ minWidth: 0 }}>
              <Link to={`/questionnaires/${q.id}`}>{q.title}</Link> <Tag color={q.status === 'open' ? 'processing' : q.status === 'closed' ? 'success' : 'default'}>{n(QUESTIONNAIRE_STATUS_NAMES[q.status])}</Tag>
              <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{w('questions', { n: q.questions.filter((x) => !x.closed).length })} · {w('responses', { n: q.responseCount })}</Typography.Text></div>
            </div>
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={<span>{w('ideas')} <Typography.Text type="secondary">{ideas.length}</Typography.Text></span>} data-testid="research-ideas"
        extra={<Space>{canEdit && <Button size="small" icon={<PlusOutlined />} onClick={() => add('idea')} data-testid="idea-add">{w('addIdea')}</Button>}<Link to="/ideas">{n({ zh: '建议库', en: 'All suggestions' })}</Link></Space>}>
        <List size="small" dataSource={ideas} locale={{ emptyText: <Empty description={w('noIdeas')} /> }} renderItem={(i) => (
          <List.Item style={{ display: 'block' }}>
            <div>{i.text} {i.adopted && <Tag color="success">{w('adopted')}</Tag>}</div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>{n(IDEA_SOURCE_NAMES[i.source])}{i.sourceName ? ` ${i.sourceName}` : ''} · {fmtDateTime(i.createdAt)}{i.adoptedNote ? ` · ${i.adoptedNote}` : ''}</Typography.Text>
          </List.Item>
        )} />
      </Card>
      <Modal open={!!open} title={open === 'visit' ? w('addVisit') : open === 'finding' ? w('addFinding') : w('addIdea')} onCancel={() => setOpen(null)} onOk={() => form.submit()}
        okText={w('save')} confirmLoading={busy} destroyOnHidden okButtonProps={{ ...({ 'data-testid': 'research-save' } as Record<string, string>) }}>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={{ kind: 'household', source: 'resident' }}>
          {open === 'visit' && (
            <>
              <Form.Item name="kind" label={w('visitKind')}><Select options={VISIT_KINDS.map((k) => ({ value: k, label: n(VISIT_KIND_NAMES[k as VisitKind]) }))} /></Form.Item>
              <Form.Item name="orgUnitId" label={w('place')}><UnitSelect levels={['village', 'grid', 'township']} /></Form.Item>
              <Form.Item name="placeText" label={w('placeText')}><Input id="visit-place" /></Form.Item>
              <Space.Compact block>
                <Form.Item name="metName" label={w('metName')} style={{ flex: 1 }}><Input id="visit-name" autoComplete="off" /></Form.Item>
                <Form.Item name="metPhone" label={w('metPhone')} style={{ flex: 1 }} rules={[{ pattern: /^[0-9+\- ()]*$/, message: n({ zh: '电话只能包含数字、+、-、空格和括号', en: 'digits, + - ( ) and spaces only' }) }]}><Input id="visit-phone" inputMode="tel" autoComplete="off" /></Form.Item>
              </Space.Compact>
              <Form.Item name="seen" label={w('seen')} rules={[{ max: RESEARCH_LIMITS.seenMax }]}><Input.TextArea id="visit-seen" autoSize={{ minRows: 3 }} /></Form.Item>
            </>
          )}
          {open === 'finding' && (
            <>
              <Form.Item name="text" label={w('finding')} rules={[{ required: true, whitespace: true, message: w('required') }, { max: RESEARCH_LIMITS.findingMax }]}><Input.TextArea id="finding-text" autoSize={{ minRows: 3 }} /></Form.Item>
              <Form.Item name="visitId" label={w('onVisit')}><Select allowClear options={visits.map((v) => ({ value: v.id, label: visitName(v.id) }))} /></Form.Item>
              <Form.Item name="categoryId" label={w('category')}><CategorySelect id="finding-category" /></Form.Item>
            </>
          )}
          {open === 'idea' && (
            <>
              <Form.Item name="text" label={w('idea')} rules={[{ required: true, whitespace: true, message: w('required') }, { max: RESEARCH_LIMITS.ideaMax }]}><Input.TextArea id="idea-text" autoSize={{ minRows: 3 }} /></Form.Item>
              <Form.Item name="source" label={w('source')}><Select options={IDEA_SOURCES.map((s) => ({ value: s, label: n(IDEA_SOURCE_NAMES[s as IdeaSource]) }))} /></Form.Item>
              <Form.Item name="sourceName" label={w('sourceName')}><Input autoComplete="off" /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
