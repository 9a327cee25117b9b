/** Login. */
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';

/** The login screen. */
export default function LoginPage() {
  const { me, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next') && params.get('next')!.startsWith('/') ? params.get('next')! : '/';
  if (me) return <Navigate to={next} replace />;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #fdf2f0 0%, #f5f5f5 100%)' }}>
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>一线</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{t('loginTitle')}</Typography.Paragraph>
        <Form layout="vertical" requiredMark={false} onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            await login(v.username.trim(), v.password);
            navigate(next, { replace: true });
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}>
            <Input autoFocus autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" id="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login')}</Button>
        </Form>
        <div style={{ textAlign: 'right', marginTop: 12 }}>
          <Button type="link" size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>
        </div>
      </Card>
    </div>
  );
}
