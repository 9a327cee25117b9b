/**
 * The A4 sheet of a questionnaire's public link: its title, the QR code (drawn by the server) and the link as text,
 * to print and hand out or put up where people gather. The print stylesheet leaves the app's frame out.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { QuestionnaireView } from '../../../../shared/api/questionnaires.ts';
import { get } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The printable sheet. */
export default function QuestionnaireQrPage() {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const { id } = useParams();
  const navigate = useNavigate();
  const [qn, setQn] = useState<QuestionnaireView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<QuestionnaireView>(`/api/v1/questionnaires/${id}`).then(setQn, (e: Error) => setError(e.message)); }, [id]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!qn) return <Spin />;
  return (
    <div>
      <Space className="yx-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{zh ? '打印' : 'Print'}</Button>
        <Button onClick={() => navigate(`/questionnaires/${qn.id}`)}>{zh ? '返回' : 'Back'}</Button>
      </Space>
      <div className="yx-print-sheet" data-testid="q-qr-sheet">
        <h1>{qn.title}</h1>
        <p className="yx-sheet-meta">{qn.activity.title}</p>
        <h2>{zh ? '扫码填写问卷' : 'Scan to answer'}</h2>
        <img src={`/api/v1/questionnaires/${qn.id}/qr.svg`} alt={zh ? '问卷二维码' : 'QR code'} className="yx-sheet-qr" />
        <p className="yx-sheet-hint">{zh ? '用手机微信或相机扫一扫，不用登录，也不记录姓名和电话。' : 'Scan with a phone camera; no login, no name or phone recorded.'}</p>
        <p className="yx-sheet-url">{zh ? '或在浏览器打开' : 'Or open'}<br /><span>{`${window.location.origin}${qn.publicPath}`}</span></p>
      </div>
    </div>
  );
}
