/**
 * 文书模板: the text of each document kind (受理告知书 … 复核意见书), the tenant's default and any category's own, with
 * the placeholders it may use (click one to insert it). Saving a text with a placeholder that does not exist is
 * refused by the server, naming it; removing a category's text (or an edited default) brings the default back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { DOCUMENT_KINDS, DOCUMENT_KIND_NAMES, type DocumentKind } from '../../../../shared/documents.ts';
import type { TemplateView } from '../../../../shared/api/documents.ts';
import { ApiError, api, get, put } from '../../api/client.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';
import { CategorySelect } from '../../components/CategorySelect.tsx';

interface Listing { items: TemplateView[]; placeholders: Record<string, string> }
interface Editing { kind: DocumentKind; categoryId: number; title: string; body: string }

/** The tab. */
export default function TemplatesTab() {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [data, setData] = useState<Listing | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<TextAreaRef>(null);
  const load = useCallback(() => { get<Listing>('/api/v1/document-templates').then(setData, (e: Error) => setError(e.message)); }, []);
  useEffect(load, [load]);

  const insert = (name: string) => {
    if (!editing) return;
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const at = el?.selectionStart ?? editing.body.length;
    const token = `{{${name}}}`;
    setEditing({ ...editing, body: editing.body.slice(0, at) + token + editing.body.slice(el?.selectionEnd ?? at) });
  };
  const save = async () => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    try {
      await put('/api/v1/document-templates', editing);
      message.success(zh ? '已保存' : 'Saved');
      setEditing(null);
      load();
    } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); } finally { setBusy(false); }
  };
  const remove = async (id: number) => {
    try { await api('DELETE', `/api/v1/document-templates/${id}`); load(); } catch (e) { message.error((e as Error).message); }
  };

  if (!data) return error ? <Alert type="error" showIcon message={error} /> : null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="templates-tab">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {zh ? '每种文书有一份默认文本，也可以为某个问题分类另设文本。文本中的 {{占位符}} 在出具时按办理记录填写。' : 'Each kind has a default text and may have one per category; {{placeholders}} are filled from the record when issued.'}
      </Typography.Paragraph>
      {DOCUMENT_KINDS.map((kind) => (
        <Card key={kind} size="small" title={n(DOCUMENT_KIND_NAMES[kind])} data-testid={`template-${kind}`}
          extra={<Button size="small" onClick={() => { setError(null); setEditing({ kind, categoryId: -1, title: data.items.find((t) => t.kind === kind)!.title, body: data.items.find((t) => t.kind === kind)!.body }); }}>{zh ? '为分类另设' : 'For a category'}</Button>}>
          <List size="small" dataSource={data.items.filter((t) => t.kind === kind)} renderItem={(t) => (
            <List.Item actions={[
              <Button key="e" size="small" type="link" onClick={() => { setError(null); setEditing({ kind, categoryId: t.categoryId, title: t.title, body: t.body }); }} data-testid="template-edit">{zh ? '编辑' : 'Edit'}</Button>,
              ...(t.id ? [<Popconfirm key="d" title={zh ? (t.categoryId ? '删除该分类的文本？将使用默认文本' : '恢复系统默认文本？') : 'Remove?'} onConfirm={() => void remove(t.id!)}>
                <Button size="small" type="link" danger>{t.categoryId ? (zh ? '删除' : 'Delete') : (zh ? '恢复默认' : 'Reset')}</Button></Popconfirm>] : []),
            ]}>
              <Space wrap>
                <Tag color={t.categoryId ? 'blue' : 'default'}>{t.categoryId ? t.categoryName : (zh ? '默认' : 'Default')}</Tag>
                <span>{t.title}</span>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t.builtIn ? (zh ? '系统文本' : 'built in') : fmtDateTime(t.updatedAt)}</Typography.Text>
              </Space>
            </List.Item>
          )} />
          {editing?.kind === kind && (
            <Form layout="vertical" style={{ marginTop: 12 }} data-testid="template-form">
              {editing.categoryId !== 0 && (
                <Form.Item label={zh ? '问题分类' : 'Category'} required>
                  <CategorySelect value={editing.categoryId > 0 ? editing.categoryId : null} onChange={(v) => setEditing({ ...editing, categoryId: v ?? -1 })} id="template-category" />
                </Form.Item>
              )}
              <Form.Item label={zh ? '标题' : 'Title'}><Input value={editing.title} maxLength={60} onChange={(e) => setEditing({ ...editing, title: e.target.value })} /></Form.Item>
              <Form.Item label={zh ? '正文（每行一段）' : 'Text (a paragraph a line)'}>
                <Input.TextArea ref={bodyRef} autoSize={{ minRows: 6, maxRows: 16 }} value={editing.body} onChange={(e) => setEditing({ ...editing, body: e.target.value })} data-testid="template-body" />
              </Form.Item>
              <Space wrap size={[4, 4]} style={{ marginBottom: 12 }}>
                {Object.entries(data.placeholders).map(([name, what]) => (
                  <Tag key={name} style={{ cursor: 'pointer' }} title={what} onClick={() => insert(name)}>{`{{${name}}}`}</Tag>
                ))}
              </Space>
              {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} data-testid="template-error" />}
              <Space>
                <Button type="primary" loading={busy} disabled={editing.categoryId < 0} onClick={() => void save()} data-testid="template-save">{zh ? '保存' : 'Save'}</Button>
                <Button onClick={() => setEditing(null)}>{zh ? '取消' : 'Cancel'}</Button>
              </Space>
            </Form>
          )}
        </Card>
      ))}
    </Space>
  );
}
