/**
 * 案例库: the county's local cases (地方特色案例) that lectures tell — found by any words of their title, story or tags
 * (the ledger's search tokens), by tag; added by hand or drafted from a closed issue (身边事) with the person's data
 * taken out; each shows the lectures it was used in.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ACTIVITY_LIMITS, type Case } from '../../../../shared/api/activities.ts';
import { ApiError, get, post, put, qs } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDate } from '../../app/i18n.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { wordsHook } from '../../app/i18n.tsx';

const useWords = wordsHook({
  title: ['案例库', 'Case library'],
  ideas: ['问计于民 · 建议库', 'Suggestions heard'],
  search: ['检索标题、内容、标签中的任意文字', 'Search any words of title, story or tags'],
  add: ['新增案例', 'Add a case'],
  edit: ['修改案例', 'Edit the case'],
  caseTitle: ['标题', 'Title'],
  story: ['案例内容', 'Story'],
  place: ['地点', 'Place'],
  tags: ['标签', 'Tags'],
  tagsHint: ['输入后回车，最多 10 个', 'Type and press Enter; at most 10'],
  source: ['来源问题', 'Source issue'],
  draftNote: ['已按问题 {code} 生成草稿，当事人姓名、电话、身份证号已去除，请通读后再保存。', 'Drafted from {code}; the person’s name, phone and ID were taken out. Read it through before saving.'],
  usedIn: ['用于 {n} 次宣讲', 'Used in {n} lectures'],
  notUsed: ['尚未用于宣讲', 'Not used in a lecture yet'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  total: ['共 {n} 个案例', '{n} cases'],
  none: ['没有找到案例', 'No cases found'],
  required: ['必填', 'Required'],
} as const);

interface Values { title: string; story: string; orgUnitId?: number | null; tags?: string[] }

/** The case library screen. */
export default function CasesPage() {
  const w = useWords();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const canEdit = hasRole('cadre', 'leader', 'clerk');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const [data, setData] = useState<{ items: Case[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ case?: Case; sourceIssueId?: number; draftCode?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => {
    get<{ items: Case[]; total: number }>(`/api/v1/cases${qs({ q: q || undefined, tag: tag || undefined, limit: 100 })}`).then(setData, (e: Error) => setError(e.message));
  }, [q, tag]);
  useEffect(load, [load]);

  // ?open=id opens a case; ?fromIssue=id drafts one from a closed issue.
  useEffect(() => {
    const open = Number(params.get('open'));
    const from = Number(params.get('fromIssue'));
    if (open) {
      get<Case>(`/api/v1/cases/${open}`).then((c) => { setEditing({ case: c }); form.setFieldsValue({ title: c.title, story: c.story, orgUnitId: c.orgUnitId, tags: c.tags }); }, (e: Error) => setError(e.message));
    } else if (from) {
      get<{ title: string; story: string; orgUnitId: number; sourceIssueId: number }>(`/api/v1/cases/draft?issueId=${from}`).then(async (d) => {
        const issue = await get<{ trackingCode: string }>(`/api/v1/issues/${from}`).catch(() => ({ trackingCode: `#${from}` }));
        setEditing({ sourceIssueId: d.sourceIssueId, draftCode: issue.trackingCode });
        form.setFieldsValue({ title: d.title, story: d.story, orgUnitId: d.orgUnitId, tags: [] });
      }, (e: Error) => setError(e.message));
    }
  }, [params, form]);

  const close = () => {
    setEditing(null);
    form.resetFields();
    const next = new URLSearchParams(params);
    next.delete('open');
    next.delete('fromIssue');
    setParams(next, { replace: true });
  };
  const save = async (v: Values) => {
    setBusy(true);
    const body = { title: v.title, story: v.story, orgUnitId: v.orgUnitId ?? null, tags: v.tags ?? [], sourceIssueId: editing?.case?.sourceIssue?.id ?? editing?.sourceIssueId ?? null };
    try {
      if (editing?.case) await put(`/api/v1/cases/${editing.case.id}`, body);
      else await post('/api/v1/cases', body);
      message.success(w('saved'));
      close();
      load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(Object.entries(e.fields).map(([k, msg]) => ({ name: k.split('/')[0] as keyof Values, errors: [msg] })));
      message.error((e as Error).message);
    } finally { setBusy(false); }
  };
  const setQuery = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <Card size="small" title={w('title')} data-testid="cases-page"
      extra={<Space><Link to="/ideas">{w('ideas')}</Link>{canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing({}); }} data-testid="case-new">{w('add')}</Button>}</Space>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={w('search')} defaultValue={q} onSearch={(v) => setQuery('q', v.trim())} style={{ width: 320, maxWidth: '100%' }} data-testid="case-search" />
        {tag && <Tag closable onClose={() => setQuery('tag', '')} color="blue">{tag}</Tag>}
        {data && <Typography.Text type="secondary">{w('total', { n: data.total })}</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <List grid={{ gutter: 12, xs: 1, md: 2, xl: 3 }} dataSource={data?.items ?? []} locale={{ emptyText: <Empty description={w('none')} /> }} data-testid="case-list"
        renderItem={(c) => (
          <List.Item>
            <Card size="small" hoverable title={c.title} onClick={() => { setEditing({ case: c }); form.setFieldsValue({ title: c.title, story: c.story, orgUnitId: c.orgUnitId, tags: c.tags }); }}
              extra={c.orgUnitName && <Typography.Text type="secondary">{c.orgUnitName}</Typography.Text>} data-testid="case-card">
              <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 8 }}>{c.story}</Typography.Paragraph>
              <Space wrap size={4}>
                {c.tags.map((t) => <Tag key={t} color="blue" onClick={(e) => { e.stopPropagation(); setQuery('tag', t); }} style={{ cursor: 'pointer' }}>{t}</Tag>)}
              </Space>
              <div style={{ marginTop: 6, fontSize: 13 }}>
                <Typography.Text type="secondary">{c.usedIn.length ? w('usedIn', { n: c.usedIn.length }) : w('notUsed')}</Typography.Text>
                {c.usedIn[0] && <> · <Link to={`/activities/${c.usedIn[0].id}`} onClick={(e) => e.stopPropagation()}>{c.usedIn[0].title}</Link> {fmtDate(c.usedIn[0].startsAt)}</>}
                {c.sourceIssue && <> · {w('source')} <Link to={`/issues/${c.sourceIssue.id}`} onClick={(e) => e.stopPropagation()}>{c.sourceIssue.trackingCode}</Link></>}
              </div>
            </Card>
          </List.Item>
        )} />
      <Modal open={!!editing} title={editing?.case ? w('edit') : w('add')} onCancel={close} onOk={() => form.submit()} okText={w('save')} confirmLoading={busy}
        okButtonProps={{ disabled: !canEdit, ...({ 'data-testid': 'case-save' } as Record<string, string>) }} destroyOnHidden width={640}>
        {editing?.draftCode && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={w('draftNote', { code: editing.draftCode })} />}
        <Form form={form} layout="vertical" onFinish={save} disabled={!canEdit}>
          <Form.Item name="title" label={w('caseTitle')} rules={[{ required: true, whitespace: true, message: w('required') }, { max: ACTIVITY_LIMITS.titleMax }]}>
            <Input id="case-title" />
          </Form.Item>
          <Form.Item name="story" label={w('story')} rules={[{ required: true, whitespace: true, message: w('required') }, { max: ACTIVITY_LIMITS.caseStoryMax }]}>
            <Input.TextArea id="case-story" autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
          <Form.Item name="orgUnitId" label={w('place')}>
            <UnitSelect levels={['county', 'township', 'village', 'grid']} />
          </Form.Item>
          <Form.Item name="tags" label={w('tags')} extra={w('tagsHint')}>
            <Select mode="tags" maxCount={ACTIVITY_LIMITS.tagsMax} tokenSeparators={[' ', '，', ',']} open={false} suffixIcon={null} id="case-tags" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
