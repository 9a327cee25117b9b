/**
 * One questionnaire: its state (open it, close it, open it again), its public link with the QR code, the answers by
 * way in, the results with charts, the text answers searchable, and the answers as Excel (one row per response).
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, FormOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { QuestionnaireView, Results } from '../../../../shared/api/questionnaires.ts';
import { QUESTIONNAIRE_STATUS_NAMES, RESPONSE_VIA_NAMES } from '../../../../shared/questionnaire.ts';
import { fetchFile, get, post, saveFile } from '../../api/client.ts';
import { useI18n, wordsHook } from '../../app/i18n.tsx';
import { QuestionnaireResults } from './QuestionnaireResults.tsx';

export const useQWords = wordsHook({
  questionnaire: ['问卷', 'Questionnaire'],
  trip: ['所属调研', 'Research trip'],
  status: ['状态', 'Status'],
  responses: ['答卷', 'Responses'],
  link: ['公开链接', 'Public link'],
  open: ['开放收集', 'Open for answers'],
  close: ['结束收集', 'Close'],
  reopen: ['重新开放', 'Open again'],
  closeConfirm: ['结束后群众扫码将不能再填写，已收的答卷都保留。', 'Once closed the link takes no answers; every answer is kept.'],
  edit: ['编辑题目', 'Edit questions'],
  fill: ['录入答卷', 'Record answers'],
  qr: ['二维码', 'QR code'],
  export: ['导出 Excel', 'Export to Excel'],
  exported: ['已导出 {n} 份答卷', 'Exported {n} responses'],
  results: ['结果', 'Results'],
  searchText: ['搜索文字回答', 'Search the text answers'],
  copy: ['复制', 'Copy'],
  copied: ['已复制', 'Copied'],
} as const);

const STATUS_COLOURS = { draft: 'default', open: 'processing', closed: 'success' } as const;

/** The page. */
export default function QuestionnairePage() {
  const w = useQWords();
  const { n } = useI18n();
  const { id } = useParams();
  const { message } = App.useApp();
  const [qn, setQn] = useState<QuestionnaireView | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    get<QuestionnaireView>(`/api/v1/questionnaires/${id}`).then(setQn, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  useEffect(() => {
    const t = setTimeout(() => {
      get<Results>(`/api/v1/questionnaires/${id}/results${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`).then(setResults, (e: Error) => setError(e.message));
    }, q ? 250 : 0);
    return () => clearTimeout(t);
  }, [id, q, qn?.responseCount]);

  const setStatus = async (status: 'open' | 'closed') => {
    setBusy(true);
    try { setQn(await post<QuestionnaireView>(`/api/v1/questionnaires/${id}/status`, { status })); } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };
  const doExport = async () => {
    try {
      const file = await fetchFile(`/api/v1/questionnaires/${id}/export`, 'questionnaire.xlsx');
      saveFile(file);
      message.success(w('exported', { n: file.headers.get('x-export-rows') ?? '' }));
    } catch (e) { message.error((e as Error).message); }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!qn) return <Spin />;
  const url = `${window.location.origin}${qn.publicPath}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={<span>{w('questionnaire')}：{qn.title}</span>} data-testid="questionnaire"
        extra={<Tag color={STATUS_COLOURS[qn.status]} data-testid="q-status">{n(QUESTIONNAIRE_STATUS_NAMES[qn.status])}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'trip', label: w('trip'), children: <Link to={`/activities/${qn.activity.id}`}>{qn.activity.title}</Link> },
          {
            key: 'responses', label: w('responses'),
            children: <span data-testid="q-response-count">{qn.responseCount}{results && `（${Object.entries(results.byVia).map(([k, c]) => `${n(RESPONSE_VIA_NAMES[k as keyof typeof RESPONSE_VIA_NAMES])} ${c}`).join('，')}）`}</span>,
          },
          { key: 'link', label: w('link'), children: <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="q-link">{url}</Typography.Text> },
        ]} />
        {qn.intro && <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{qn.intro}</Typography.Paragraph>}
        <Space wrap style={{ marginTop: 8 }}>
          {qn.canEdit && qn.status !== 'open' && <Button type="primary" loading={busy} onClick={() => void setStatus('open')} data-testid="q-open">{qn.status === 'draft' ? w('open') : w('reopen')}</Button>}
          {qn.canEdit && qn.status === 'open' && (
            <Popconfirm title={w('closeConfirm')} onConfirm={() => void setStatus('closed')} okButtonProps={{ ...({ 'data-testid': 'q-close-ok' } as Record<string, string>) }}>
              <Button loading={busy} data-testid="q-close">{w('close')}</Button>
            </Popconfirm>
          )}
          {qn.canEdit && qn.status === 'open' && <Link to={`/questionnaires/${qn.id}/fill`}><Button icon={<FormOutlined />} data-testid="q-fill">{w('fill')}</Button></Link>}
          {qn.canEdit && <Link to={`/questionnaires/${qn.id}/edit`}><Button icon={<EditOutlined />} data-testid="q-edit">{w('edit')}</Button></Link>}
          <Link to={`/questionnaires/${qn.id}/qr`}><Button icon={<QrcodeOutlined />}>{w('qr')}</Button></Link>
          <Button icon={<DownloadOutlined />} onClick={() => void doExport()} disabled={qn.responseCount === 0} data-testid="q-export">{w('export')}</Button>
        </Space>
      </Card>
      <Card size="small" title={w('results')} extra={<Input.Search allowClear placeholder={w('searchText')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} data-testid="q-search" />}>
        {results ? <QuestionnaireResults results={results} /> : <Spin />}
      </Card>
    </Space>
  );
}
