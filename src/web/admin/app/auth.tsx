/** Who is logged in; a session that expires mid-work is renewed in a dialog, so the page and its forms stay. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { ApiError, api, onSessionExpired } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useI18n } from './i18n.tsx';

interface Auth {
  me: Me | null;
  /** Mark the password as changed (after the forced change). */
  passwordChanged: () => void;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: Me['roles'][number]['role'][]) => boolean;
}

const Ctx = createContext<Auth | null>(null);

/** Loads the current user and watches for expired sessions. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api<{ user: Me | null }>('GET', '/api/v1/auth/session').then((r) => setMe(r.user), () => setMe(null));
  }, []);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ user: Me }>('POST', '/api/v1/auth/login', { username, password }, { silent401: true });
    setMe(r.user);
    setExpired(false);
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/v1/auth/logout', undefined, { silent401: true }).catch(() => undefined);
    setMe(null);
  }, []);
  const passwordChanged = useCallback(() => setMe((m) => (m ? { ...m, mustChangePassword: false } : m)), []);
  const hasRole = useCallback((...roles: Me['roles'][number]['role'][]) => !!me?.roles.some((r) => roles.includes(r.role)), [me]);

  if (me === undefined) return null;
  return (
    <Ctx.Provider value={{ me, login, logout, hasRole, passwordChanged }}>
      {children}
      {me && expired && <RenewSession username={me.username} onDone={login} />}
    </Ctx.Provider>
  );
}

function RenewSession({ username, onDone }: { username: string; onDone: (u: string, p: string) => Promise<void> }) {
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

/** The auth state. */
export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
