/**
 * The questionnaire builder: a title and an introduction, then the questions — single choice, multiple choice with
 * how many to pick, text with a length limit, a 1–5 scale, a number with its range — each required or not, with help
 * text, moved up and down with buttons. A question that already has answers keeps its meaning: its type, wording,
 * options and limits are locked (the server refuses such a change too); it can be closed, moved, given help or new
 * options. The server's verdict on each question is shown under it.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { QuestionInput, QuestionnaireView } from '../../../../shared/api/questionnaires.ts';
import { QUESTIONNAIRE_LIMITS as L, QUESTION_TYPES, QUESTION_TYPE_NAMES, type QuestionType } from '../../../../shared/questionnaire.ts';
import { ApiError, get, post, put } from '../../api/client.ts';
import { useI18n, wordsHook } from '../../app/i18n.tsx';

const useWords = wordsHook({
  newTitle: ['新建问卷', 'New questionnaire'],
  editTitle: ['编辑问卷', 'Edit questionnaire'],
  title: ['问卷标题', 'Title'],
  intro: ['开头说明（选填）', 'Introduction (optional)'],
  question: ['第 {n} 题', 'Question {n}'],
  type: ['题型', 'Type'],
  text: ['题目', 'Question'],
  help: ['填写说明（选填）', 'Help (optional)'],
  required: ['必答', 'Required'],
  options: ['选项', 'Options'],
  addOption: ['加选项', 'Add an option'],
  option: ['选项 {n}', 'Option {n}'],
  minChoices: ['至少选', 'At least'],
  maxChoices: ['最多选', 'At most'],
  items: ['项', ''],
  maxLength: ['最多字数', 'Max characters'],
  min: ['最小值', 'Minimum'],
  max: ['最大值', 'Maximum'],
  addQuestion: ['加一题', 'Add a question'],
  up: ['上移', 'Move up'],
  down: ['下移', 'Move down'],
  remove: ['删除这题', 'Delete'],
  closed: ['停用（不再询问，已有回答保留）', 'Closed (no longer asked; answers kept)'],
  locked: ['已有 {n} 份回答：题型、题目、已有选项和限制不能改；可以停用、移动、改说明或加选项。', '{n} answers: type, wording, existing options and limits are locked; it can be closed, moved, given help or new options.'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  saved: ['已保存', 'Saved'],
  needTitle: ['请填写问卷标题', 'Give the questionnaire a title'],
  scaleHint: ['1 分最低，5 分最高', '1 lowest, 5 highest'],
} as const);

interface OptionDraft { key: string; id?: number; text: string }
interface QuestionDraft {
  key: string; id?: number; type: QuestionType; title: string; help: string; required: boolean; options: OptionDraft[];
  minChoices: number | null; maxChoices: number | null; maxLength: number | null; min: number | null; max: number | null; closed: boolean; answered: number;
}

let seq = 0;
const key = () => `k${++seq}`;
const blankQuestion = (type: QuestionType = 'single'): QuestionDraft => ({
  key: key(), type, title: '', help: '', required: true, options: type === 'single' || type === 'multiple' ? [{ key: key(), text: '' }, { key: key(), text: '' }] : [],
  minChoices: null, maxChoices: null, maxLength: null, min: null, max: null, closed: false, answered: 0,
});

const toInput = (q: QuestionDraft): QuestionInput => ({
  ...(q.id ? { id: q.id } : {}), type: q.type, title: q.title, help: q.help, required: q.required, closed: q.closed,
  ...(q.type === 'single' || q.type === 'multiple' ? { options: q.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: o.text })) } : {}),
  ...(q.type === 'multiple' ? { minChoices: q.minChoices, maxChoices: q.maxChoices } : {}),
  ...(q.type === 'text' ? { maxLength: q.maxLength } : {}),
  ...(q.type === 'number' ? { min: q.min, max: q.max } : {}),
});

/** The builder. */
export default function QuestionnaireBuilderPage() {
  const w = useWords();
  const { n } = useI18n();
  const { id, qid } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [existing, setExisting] = useState<QuestionnaireView | null>(null);
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => [blankQuestion()]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(!!qid);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!qid) return;
    get<QuestionnaireView>(`/api/v1/questionnaires/${qid}`).then((v) => {
      setExisting(v);
      setTitle(v.title);
      setIntro(v.intro);
      setQuestions(v.questions.map((q) => ({ ...q, key: key(), options: q.options.map((o) => ({ ...o, key: key() })) })));
      setLoading(false);
    }, (e: Error) => { setError(e.message); setLoading(false); });
  }, [qid]);

  const change = (i: number, patch: Partial<QuestionDraft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) => setQuestions((qs) => {
    const out = [...qs];
    [out[i], out[i + by]] = [out[i + by]!, out[i]!];
    return out;
  });
  const save = async () => {
    if (!title.trim()) { setProblems({ title: w('needTitle') }); return; }
    setBusy(true);
    setProblems({});
    try {
      const body = { title, intro, questions: questions.map(toInput) };
      const v = existing
        ? await put<QuestionnaireView>(`/api/v1/questionnaires/${existing.id}`, { ...body, version: existing.version })
        : await post<QuestionnaireView>(`/api/v1/activities/${id}/questionnaires`, body);
      message.success(w('saved'));
      navigate(`/questionnaires/${v.id}`);
    } catch (e) {
      // The server names each question: `questions.{index}` (or a field inside it).
      if (e instanceof ApiError) {
        const byIndex: Record<string, string> = {};
        for (const [k, msg] of Object.entries(e.fields)) {
          const m = /^questions\.(\d+)/.exec(k);
          byIndex[m ? `q${m[1]}` : k] = msg;
        }
        setProblems(byIndex);
      }
      message.error((e as Error).message);
    } finally { setBusy(false); }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (loading) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 820 }} size="middle" data-testid="q-builder">
      <Typography.Title level={4} style={{ margin: 0 }}>{existing ? w('editTitle') : w('newTitle')}</Typography.Title>
      <Card size="small">
        <Typography.Text strong>{w('title')}</Typography.Text>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={L.titleMax} status={problems.title ? 'error' : undefined} data-testid="q-title" />
        {problems.title && <Typography.Text type="danger">{problems.title}</Typography.Text>}
        <div style={{ marginTop: 8 }}><Typography.Text strong>{w('intro')}</Typography.Text></div>
        <Input.TextArea value={intro} onChange={(e) => setIntro(e.target.value)} maxLength={L.introMax} autoSize={{ minRows: 2 }} data-testid="q-intro" />
      </Card>
      {questions.map((q, i) => {
        const locked = q.answered > 0;
        const choice = q.type === 'single' || q.type === 'multiple';
        const problem = problems[`q${i}`];
        return (
          <Card key={q.key} size="small" data-testid="q-question" style={problem ? { borderColor: '#ff4d4f' } : undefined}
            title={<span>{w('question', { n: i + 1 })} {q.closed && <Tag>{n({ zh: '已停用', en: 'Closed' })}</Tag>}</span>}
            extra={(
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={w('up')} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === questions.length - 1} onClick={() => move(i, 1)} aria-label={w('down')} />
                <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={locked || questions.length === 1} onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))} aria-label={w('remove')} data-testid="q-remove" />
              </Space>
            )}>
            {locked && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={w('locked', { n: q.answered })} />}
            <Space wrap style={{ width: '100%' }} align="start">
              <Select value={q.type} disabled={locked} style={{ width: 170 }} aria-label={w('type')} data-testid="q-type"
                options={QUESTION_TYPES.map((t) => ({ value: t, label: n(QUESTION_TYPE_NAMES[t]) }))}
                onChange={(t: QuestionType) => change(i, { type: t, options: (t === 'single' || t === 'multiple') && q.options.length < 2 ? blankQuestion(t).options : q.options })} />
              <Checkbox checked={q.required} onChange={(e) => change(i, { required: e.target.checked })} data-testid="q-required">{w('required')}</Checkbox>
            </Space>
            <Input style={{ marginTop: 8 }} placeholder={w('text')} value={q.title} disabled={locked} maxLength={L.questionTitleMax} onChange={(e) => change(i, { title: e.target.value })} data-testid="q-text" />
            <Input style={{ marginTop: 8 }} placeholder={w('help')} value={q.help} maxLength={L.helpMax} onChange={(e) => change(i, { help: e.target.value })} data-testid="q-help" />
            {choice && (
              <div style={{ marginTop: 8 }}>
                {q.options.map((o, k) => (
                  <Space.Compact key={o.key} block style={{ marginBottom: 4 }}>
                    <Input placeholder={w('option', { n: k + 1 })} value={o.text} maxLength={L.optionTextMax} disabled={locked && !!o.id} data-testid="q-option"
                      onChange={(e) => change(i, { options: q.options.map((x) => (x.key === o.key ? { ...x, text: e.target.value } : x)) })} />
                    <Button icon={<DeleteOutlined />} disabled={(locked && !!o.id) || q.options.length <= 2} aria-label={n({ zh: '删除选项', en: 'Remove option' })}
                      onClick={() => change(i, { options: q.options.filter((x) => x.key !== o.key) })} />
                  </Space.Compact>
                ))}
                <Button size="small" icon={<PlusOutlined />} disabled={q.options.length >= L.optionsMax} onClick={() => change(i, { options: [...q.options, { key: key(), text: '' }] })} data-testid="q-add-option">{w('addOption')}</Button>
              </div>
            )}
            {q.type === 'multiple' && (
              <Space wrap style={{ marginTop: 8 }}>
                <span>{w('minChoices')}</span><InputNumber min={0} max={q.options.length} value={q.minChoices} disabled={locked} onChange={(v) => change(i, { minChoices: v })} data-testid="q-min-choices" /><span>{w('items')}</span>
                <span>{w('maxChoices')}</span><InputNumber min={1} max={q.options.length} value={q.maxChoices} disabled={locked} onChange={(v) => change(i, { maxChoices: v })} data-testid="q-max-choices" /><span>{w('items')}</span>
              </Space>
            )}
            {q.type === 'text' && (
              <Space style={{ marginTop: 8 }}><span>{w('maxLength')}</span><InputNumber min={1} max={L.textAnswerMax} value={q.maxLength} disabled={locked} placeholder={String(L.textAnswerMax)} onChange={(v) => change(i, { maxLength: v })} data-testid="q-max-length" /></Space>
            )}
            {q.type === 'number' && (
              <Space wrap style={{ marginTop: 8 }}>
                <span>{w('min')}</span><InputNumber value={q.min} disabled={locked} onChange={(v) => change(i, { min: v })} data-testid="q-min" />
                <span>{w('max')}</span><InputNumber value={q.max} disabled={locked} onChange={(v) => change(i, { max: v })} data-testid="q-max" />
              </Space>
            )}
            {q.type === 'scale' && <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{w('scaleHint')}</Typography.Text></div>}
            {q.id && (
              <div style={{ marginTop: 8 }}>
                <Switch size="small" checked={q.closed} onChange={(v) => change(i, { closed: v })} data-testid="q-closed" /> <Typography.Text type="secondary">{w('closed')}</Typography.Text>
              </div>
            )}
            {problem && <Alert type="error" showIcon style={{ marginTop: 8 }} message={problem} data-testid="q-problem" />}
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} block disabled={questions.length >= L.questionsMax} onClick={() => setQuestions((qs) => [...qs, blankQuestion()])} data-testid="q-add">{w('addQuestion')}</Button>
      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="q-save">{w('save')}</Button>
        <Button onClick={() => navigate(existing ? `/questionnaires/${existing.id}` : `/activities/${id}`)}>{w('cancel')}</Button>
      </Space>
    </Space>
  );
}
