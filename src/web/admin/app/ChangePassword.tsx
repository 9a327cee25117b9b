/** Change one's own password: required after an admin set it, available from the user menu any time. */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { ApiError, post } from '../api/client.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { useI18n } from './i18n.tsx';

/** The dialog. `forced`: it cannot be dismissed. */
export function ChangePassword({ open, forced, onDone, onCancel }: { open: boolean; forced: boolean; onDone: () => void; onCancel: () => void }) {
  const { lang } = useI18n();
  const zh = lang === 'zh';
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open={open} title={zh ? '修改密码' : 'Change password'} okText={zh ? '保存' : 'Save'} confirmLoading={busy}
      closable={!forced} maskClosable={!forced} keyboard={!forced} cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      onCancel={onCancel} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'password-submit' } as Record<`data-${string}`, string>}>
      {forced && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={zh ? '首次登录或密码被重置后，请先设置自己的密码。' : 'Please set your own password first.'} />}
      <Form form={form} layout="vertical" onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          await post('/api/v1/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
          message.success(zh ? '密码已修改' : 'Password changed');
          form.resetFields();
          onDone();
        } catch (e) {
          if (e instanceof ApiError) {
            setError(e.message);
            form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name as 'oldPassword', errors: [msg] })));
          } else setError(String(e));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="oldPassword" label={zh ? '当前密码' : 'Current password'} rules={[{ required: true }]}><Input.Password id="password-old" autoComplete="current-password" /></Form.Item>
        <Form.Item name="newPassword" label={zh ? '新密码' : 'New password'} rules={[{ required: true }, { min: LIMITS.passwordMin, message: zh ? `至少 ${LIMITS.passwordMin} 个字符` : `At least ${LIMITS.passwordMin} characters` },
          { pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: zh ? '须同时包含字母和数字' : 'Use letters and digits' }]}>
          <Input.Password id="password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={zh ? '再次输入新密码' : 'Repeat the new password'} dependencies={['newPassword']} rules={[{ required: true }, ({ getFieldValue }) => ({
          validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(zh ? '两次输入不一致' : 'Does not match'))),
        })]}>
          <Input.Password id="password-confirm" autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" message={error} />}
      </Form>
    </Modal>
  );
}
