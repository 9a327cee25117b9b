/** Log in again in a dialog when the session expired, so the page underneath and its forms stay as they were. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from './i18n.tsx';

/** The dialog. */
export default function RenewSession({ username, onDone }: { username: string; onDone: (u: string, p: string) => Promise<void> }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={t('login')} footer={null} closable={false} maskClosable={false}>
      <Alert type="warning" showIcon message={t('sessionExpired')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" initialValues={{ username }} onFinish={async (v: { username: string; password: string }) => {
        setBusy(true);
        setError(null);
        try {
          await onDone(v.username, v.password);
        } catch (e) {
          setError(e instanceof ApiError ? e.message : String(e));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true }]}><Input autoComplete="username" /></Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}><Input.Password autoFocus autoComplete="current-password" /></Form.Item>
        {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} block>{t('login')}</Button>
      </Form>
    </Modal>
  );
}

