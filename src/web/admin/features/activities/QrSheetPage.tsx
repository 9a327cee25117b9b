/**
 * The A4 sheet of a lecture's feedback link: its title, time and place, the QR code (drawn by the server) and the
 * link as text, to print and put on the table or show on the screen. The print stylesheet leaves the app's frame out.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Activity } from '../../../../shared/api/activities.ts';
import { get } from '../../api/client.ts';
import { fmtDateTime } from '../../app/i18n.tsx';
import { useWords } from './words.ts';

/** The printable sheet. */
export default function QrSheetPage() {
  const w = useWords();
  const { id } = useParams();
  const navigate = useNavigate();
  const [a, setA] = useState<Activity | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<Activity>(`/api/v1/activities/${id}`).then(setA, (e: Error) => setError(e.message)); }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!a) return <Spin />;
  const url = `${window.location.origin}${a.feedbackPath ?? ''}`;
  return (
    <div>
      <Space className="yx-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="qr-print">{w('print')}</Button>
        <Button onClick={() => navigate(`/activities/${a.id}`)}>{w('back')}</Button>
      </Space>
      <div className="yx-print-sheet" data-testid="qr-sheet">
        <h1>{a.title}</h1>
        <p className="yx-sheet-meta">{fmtDateTime(a.startsAt)}　{a.placeText ?? a.orgUnitName}</p>
        <h2>{w('scanToRate')}</h2>
        <img src={`/api/v1/activities/${a.id}/qr.svg`} alt={w('qr')} className="yx-sheet-qr" data-testid="qr-image" />
        <p className="yx-sheet-hint">{w('scanHint')}</p>
        <p className="yx-sheet-url">{w('orVisit')}<br /><span>{url}</span></p>
      </div>
    </div>
  );
}
