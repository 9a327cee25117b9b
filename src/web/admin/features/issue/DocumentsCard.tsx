/**
 * 书面文书 on an issue: the documents issued (each opens its A4 print page) and, for the steps that call for one and
 * have none yet, "出具": a preview filled from the template and the record, with a field for each placeholder the
 * record leaves empty; issuing numbers it and keeps it unchanged.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { DOCUMENT_KIND_NAMES, type DocumentKind } from '../../../../shared/documents.ts';
import type { DocumentPreviewView, DocumentView } from '../../../../shared/api/documents.ts';
import { get, post } from '../../api/client.ts';
import { fmtDateTime, useI18n } from '../../app/i18n.tsx';

interface Listing { items: DocumentView[]; available: Array<{ kind: DocumentKind; eventId: number; at: string }> }

/** The card; `version` reloads it after the issue moved on. */
export function DocumentsCard({ issueId, version, onIssued }: { issueId: number; version: number; onIssued: () => void }) {
  const { n, lang } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [data, setData] = useState<Listing | null>(null);
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [preview, setPreview] = useState<DocumentPreviewView | null>(null);
  // What the record lacks, asked for as fields: fixed when the dialog opens, while the preview follows what is typed.
  const [fields, setFields] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, string>>();
  const load = useCallback(() => { get<Listing>(`/api/v1/issues/${issueId}/documents`).then(setData, () => setData(null)); }, [issueId]);
  useEffect(load, [load, version]);

  const open = async (k: DocumentKind, values?: Record<string, string>) => {
    try {
      const p = await post<DocumentPreviewView>(`/api/v1/issues/${issueId}/documents/preview`, { kind: k, ...(values ? { values } : {}) });
      setPreview(p);
      if (!values) setFields(p.empty);
      setKind(k);
    } catch (e) { message.error((e as Error).message); }
  };
  const issue = async () => {
    if (!kind) return;
    setBusy(true);
    try {
      const values = Object.fromEntries(Object.entries(form.getFieldsValue()).filter(([, v]) => v?.trim()));
      const d = await post<DocumentView>(`/api/v1/issues/${issueId}/documents`, { kind, values });
      message.success(zh ? `已出具 ${d.number}` : `Issued ${d.number}`);
      setKind(null);
      form.resetFields();
      load();
      onIssued();
    } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };

  if (!data || (data.items.length === 0 && data.available.length === 0)) return null;
  return (
    <Card size="small" title={zh ? '书面文书' : 'Documents'} data-testid="issue-documents">
      {data.available.length > 0 && (
        <Space wrap style={{ marginBottom: data.items.length ? 12 : 0 }}>
          {data.available.map((a) => (
            <Button key={a.kind} type="primary" ghost icon={<FileTextOutlined />} onClick={() => void open(a.kind)} data-testid={`document-new-${a.kind}`}>
              {zh ? '出具' : 'Issue '}{n(DOCUMENT_KIND_NAMES[a.kind])}
            </Button>
          ))}
        </Space>
      )}
      {data.items.length > 0 && (
        <List size="small" dataSource={data.items} renderItem={(d) => (
          <List.Item data-testid="issue-document">
            <Space wrap size={[8, 2]}>
              <Link to={`/documents/${d.id}`}>{d.title}</Link>
              <Tag>{d.number}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{d.issuedBy.name} · {fmtDateTime(d.issuedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )} />
      )}
      <Modal open={kind !== null} width={720} onCancel={() => setKind(null)} destroyOnHidden title={preview?.title}
        okText={zh ? '出具（编号存档，此后不能修改）' : 'Issue (numbered, final)'} onOk={() => void issue()} confirmLoading={busy}
        okButtonProps={{ disabled: !!preview && preview.empty.length > 0, ...{ 'data-testid': 'document-issue' } }}>
        {preview && (
          <>
            {fields.length > 0 && (
              <Alert type={preview.empty.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }} message={zh ? `办理记录中没有以下内容，请补充：${fields.join('、')}` : `The record lacks: ${fields.join(', ')}`} />
            )}
            <Form form={form} layout="vertical">
              {fields.map((p) => (
                <Form.Item key={p} name={p} label={p}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`document-value-${p}`} onBlur={() => void open(kind!, form.getFieldsValue())} /></Form.Item>
              ))}
            </Form>
            <div className="yx-document-text" data-testid="document-preview">
              {preview.body.split('\n').map((line, i) => <p key={i}>{line}</p>)}
            </div>
          </>
        )}
        {!preview && <Empty />}
      </Modal>
    </Card>
  );
}
