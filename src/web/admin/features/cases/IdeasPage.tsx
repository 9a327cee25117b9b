/**
 * 问计于民: the bank of suggestions heard from residents and cadres, at activities or elsewhere — searched by any
 * words, filtered by adopted or not, and marked adopted with a note of how.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { IDEA_SOURCE_NAMES } from '../../../../shared/enums.ts';
import type { Idea } from '../../../../shared/api/activities.ts';
import { get, patch, qs } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { fmtDateTime, useI18n, wordsHook } from '../../app/i18n.tsx';

const useWords = wordsHook({
  title: ['问计于民 · 建议库', 'Suggestions heard'],
  search: ['检索建议中的任意文字', 'Search any words'],
  all: ['全部', 'All'],
  adopted: ['已采纳', 'Adopted'],
  open: ['未采纳', 'Not adopted'],
  adopt: ['采纳', 'Adopt'],
  unadopt: ['取消采纳', 'Undo'],
  howAdopted: ['怎样采纳的（选填）', 'How it was taken up (optional)'],
  total: ['共 {n} 条', '{n} in all'],
  none: ['没有找到建议', 'No suggestions found'],
} as const);

/** The suggestion bank. */
export default function IdeasPage() {
  const w = useWords();
  const { n } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const adopted = params.get('adopted');
  const [data, setData] = useState<{ items: Idea[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adopting, setAdopting] = useState<Idea | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    get<{ items: Idea[]; total: number }>(`/api/v1/ideas${qs({ q: q || undefined, adopted: adopted ?? undefined, limit: 200 })}`).then(setData, (e: Error) => setError(e.message));
  }, [q, adopted]);
  useEffect(load, [load]);
  const set = (k: string, v: string | null) => { const next = new URLSearchParams(params); if (v) next.set(k, v); else next.delete(k); setParams(next, { replace: true }); };
  const save = async (i: Idea, value: boolean, how: string | null) => {
    try { await patch(`/api/v1/ideas/${i.id}`, { adopted: value, adoptedNote: how }); setAdopting(null); load(); } catch (e) { message.error((e as Error).message); }
  };
  const canEdit = hasRole('cadre', 'leader', 'clerk');
  return (
    <Card size="small" title={w('title')} data-testid="ideas-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={w('search')} defaultValue={q} onSearch={(v) => set('q', v.trim())} style={{ width: 300, maxWidth: '100%' }} />
        <Segmented value={adopted ?? 'all'} onChange={(v) => set('adopted', v === 'all' ? null : String(v))}
          options={[{ value: 'all', label: w('all') }, { value: 'true', label: w('adopted') }, { value: 'false', label: w('open') }]} />
        {data && <Typography.Text type="secondary">{w('total', { n: data.total })}</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <List dataSource={data?.items ?? []} locale={{ emptyText: <Empty description={w('none')} /> }} renderItem={(i) => (
        <List.Item style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <div style={{ flex: '1 1 280px', minWidth: 0 }}>
            <div>{i.text} {i.adopted && <Tag color="success">{w('adopted')}</Tag>}</div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {n(IDEA_SOURCE_NAMES[i.source])}{i.sourceName ? ` ${i.sourceName}` : ''} · {fmtDateTime(i.createdAt)}
              {i.activity && <> · <Link to={`/activities/${i.activity.id}`}>{i.activity.title}</Link></>}
              {i.adoptedNote && <> · {i.adoptedNote}</>}
            </Typography.Text>
          </div>
          {canEdit && <div style={{ flex: 'none' }}>{i.adopted
            ? <Button size="small" onClick={() => void save(i, false, null)}>{w('unadopt')}</Button>
            : <Button size="small" type="primary" ghost onClick={() => { setNote(''); setAdopting(i); }}>{w('adopt')}</Button>}</div>}
        </List.Item>
      )} />
      <Modal open={!!adopting} title={w('adopt')} onCancel={() => setAdopting(null)} onOk={() => adopting && void save(adopting, true, note.trim() || null)} destroyOnHidden>
        <Typography.Paragraph>{adopting?.text}</Typography.Paragraph>
        <Input.TextArea placeholder={w('howAdopted')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
      </Modal>
    </Card>
  );
}
