/** One issued document on an A4 sheet, as it was issued: its title, number, text, issuing unit and date; printable. */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { DocumentView } from '../../../../shared/api/documents.ts';
import { get } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';

/** 2026-12-04T… → 2026年12月4日 (Beijing). */
const cnDay = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** The sheet. */
export default function DocumentPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const [d, setD] = useState<DocumentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<DocumentView>(`/api/v1/documents/${id}`).then(setD, (e: Error) => setError(e.message)); }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!d) return <Spin />;
  const lines = d.body.split('\n');
  return (
    <div>
      <Space className="yx-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="document-print">{zh ? '打印' : 'Print'}</Button>
        <Button onClick={() => navigate(`/issues/${d.issueId}`)}>{zh ? '返回问题' : 'Back to the issue'}</Button>
      </Space>
      <article className="yx-print-sheet yx-document" data-testid="document-sheet">
        <h1>{d.title}</h1>
        <p className="yx-document-number">{d.number}</p>
        {lines.map((line, i) => <p key={i} className={i === 0 ? 'yx-document-to' : undefined}>{line}</p>)}
        <p className="yx-document-sign">{cnDay(d.issuedAt)}</p>
      </article>
    </div>
  );
}
