/**
 * A cadre records one respondent's answers on a phone, at the door or in the field, with the visit they belong to:
 * the questions still asked, checked by the same rules as the server's (`shared/questionnaire.ts`) before sending,
 * each broken rule under its question and the other answers kept; after saving, the form is empty for the next one.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space, Spin, Typography } from 'antd';
import type { Visit } from '../../../../shared/api/activities.ts';
import type { QuestionnaireView } from '../../../../shared/api/questionnaires.ts';
import { QUESTIONNAIRE_LIMITS, checkAnswers, ruleOf, type Question } from '../../../../shared/questionnaire.ts';
import { VISIT_KIND_NAMES } from '../../../../shared/enums.ts';
import { ApiError, api, get, idempotencyKeyFor } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n, wordsHook } from '../../app/i18n.tsx';

const useWords = wordsHook({
  title: ['录入答卷', 'Record answers'],
  visit: ['所属走访（选填）', 'On visit (optional)'],
  submit: ['提交这份答卷', 'Submit these answers'],
  saved: ['已录入，共 {n} 份答卷。可以接着录入下一份。', 'Saved; {n} responses in all. The form is ready for the next one.'],
  notOpen: ['问卷不在收集中，不能录入', 'The questionnaire is not open'],
  back: ['返回问卷', 'Back to the questionnaire'],
  fix: ['有 {n} 题需要修改，其他回答已保留', '{n} answers need fixing; the others are kept'],
} as const);

type Value = number | number[] | string | null;

/** The page. */
export default function QuestionnaireFillPage() {
  const w = useWords();
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { id } = useParams();
  const { message } = App.useApp();
  const [qn, setQn] = useState<QuestionnaireView | null>(null);
  const [visits, setVisits] = useState<Visit[]>([]);
  const [visitId, setVisitId] = useState<number | null>(null);
  const [values, setValues] = useState<Record<number, Value>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const lastKey = useRef<{ body: string; key: string } | null>(null);
  const { me } = useAuth();

  useEffect(() => {
    get<QuestionnaireView>(`/api/v1/questionnaires/${id}`).then((v) => {
      setQn(v);
      get<{ items: Visit[] }>(`/api/v1/activities/${v.activity.id}/visits`).then((r) => setVisits(r.items), () => undefined);
    }, (e: Error) => setError(e.message));
  }, [id]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!qn) return <Spin />;
  const asked = qn.questions.filter((q) => !q.closed);
  const set = (qid: number, v: Value) => {
    setValues((x) => ({ ...x, [qid]: v }));
    setSaved(null);
    // An answer changed: its rule is checked again on submit.
    setProblems((p) => { const { [qid]: _gone, ...rest } = p; return rest; });
  };

  const submit = async () => {
    const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ''));
    const r = checkAnswers(qn.questions as Question[], raw);
    if (!r.ok) {
      setProblems(Object.fromEntries(Object.entries(r.problems).map(([k, m]) => [k, n(m)])));
      return;
    }
    setBusy(true);
    const body = { visitId, answers: raw };
    const key = idempotencyKeyFor(lastKey, body);
    try {
      if (!navigator.onLine) throw new ApiError(0, 'network', '');
      const res = await api<{ responseCount: number }>('POST', `/api/v1/questionnaires/${qn.id}/responses`, body, { headers: { 'idempotency-key': key } });
      setSaved(res.responseCount);
      setValues({});
      setProblems({});
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (me && e instanceof ApiError && e.status === 0) {
        // No signal on the visit: the answers wait on the phone under their key and go up when it returns.
        const { enqueue } = await import('../../lib/outbox.ts');
        await enqueue({ key, userId: me.id, kind: 'response', label: qn.title, url: `/api/v1/questionnaires/${qn.id}/responses`, body });
        setValues({});
        setProblems({});
        message.info(zh ? '没有网络：答卷已保存在手机上，联网后自动上传' : 'No network: the answers are kept on the phone and sent when online');
        return;
      }
      if (e instanceof ApiError) setProblems(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k.replace(/^answers\./, ''), m])));
      message.error((e as Error).message);
    } finally { setBusy(false); }
  };

  const input = (q: QuestionnaireView['questions'][number]) => {
    const v = values[q.id] ?? null;
    if (q.type === 'single') {
      return <Radio.Group value={v} onChange={(e) => set(q.id, e.target.value as number)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {q.options.map((o) => <Radio key={o.id} value={o.id} data-testid="fill-option">{o.text}</Radio>)}
      </Radio.Group>;
    }
    if (q.type === 'multiple') {
      return <Checkbox.Group value={(v as number[] | null) ?? []} onChange={(x) => set(q.id, x as number[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {q.options.map((o) => <Checkbox key={o.id} value={o.id} data-testid="fill-option">{o.text}</Checkbox>)}
      </Checkbox.Group>;
    }
    if (q.type === 'scale') {
      return <Radio.Group value={v} onChange={(e) => set(q.id, e.target.value as number)} optionType="button" buttonStyle="solid" size="large"
        options={[1, 2, 3, 4, 5].map((s) => ({ value: s, label: String(s) }))} data-testid="fill-scale" />;
    }
    if (q.type === 'number') return <InputNumber value={v as number | null} onChange={(x) => set(q.id, x)} style={{ width: '100%' }} inputMode="decimal" data-testid="fill-number" />;
    return <Input.TextArea value={(v as string | null) ?? ''} onChange={(e) => set(q.id, e.target.value)} autoSize={{ minRows: 2 }}
      maxLength={Math.min(q.maxLength ?? QUESTIONNAIRE_LIMITS.textAnswerMax, QUESTIONNAIRE_LIMITS.textAnswerMax)} showCount data-testid="fill-text" />;
  };

  const count = Object.keys(problems).length;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }} size="middle" data-testid="q-fill-page">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>{w('title')}：{qn.title}</Typography.Title>
        <Link to={`/questionnaires/${qn.id}`}>{w('back')}</Link>
      </div>
      {qn.status !== 'open' && <Alert type="warning" showIcon message={w('notOpen')} />}
      {saved !== null && <Alert type="success" showIcon message={w('saved', { n: saved })} data-testid="fill-saved" />}
      {count > 0 && <Alert type="error" showIcon message={w('fix', { n: count })} data-testid="fill-problems" />}
      <Card size="small">
        <Typography.Text strong>{w('visit')}</Typography.Text>
        <Select allowClear style={{ width: '100%' }} value={visitId} onChange={(x: number | undefined) => setVisitId(x ?? null)} data-testid="fill-visit"
          options={visits.map((x) => ({ value: x.id, label: `${n(VISIT_KIND_NAMES[x.kind])} · ${x.placeText ?? x.orgUnitName ?? ''}` }))} />
      </Card>
      {asked.map((q, i) => {
        const rule = ruleOf(q as Question);
        return (
          <Card key={q.id} size="small" data-testid="fill-question" style={problems[q.id] ? { borderColor: '#ff4d4f' } : undefined}
            title={<span style={{ whiteSpace: 'normal' }}>{i + 1}. {q.title}{q.required && <Typography.Text type="danger"> *</Typography.Text>}</span>}>
            {q.help && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{q.help}</Typography.Paragraph>}
            {input(q)}
            {rule && !problems[q.id] && <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{n(rule)}</Typography.Text></div>}
            {problems[q.id] && <div><Typography.Text type="danger" data-testid="fill-problem">{problems[q.id]}</Typography.Text></div>}
          </Card>
        );
      })}
      <Button type="primary" size="large" block loading={busy} disabled={qn.status !== 'open'} onClick={() => void submit()} data-testid="fill-submit">{w('submit')}</Button>
    </Space>
  );
}
