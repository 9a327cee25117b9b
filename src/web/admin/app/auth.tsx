/** Who is logged in; a session that expires mid-work is renewed in a dialog, so the page and its forms stay. */
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionExpired, sessionRenewed } from '../api/client.ts';
import type { Login, Me, Session } from '../api/types.ts';

interface Auth {
  me: Me | null;
  /** Mark the password as changed (after the forced change). */
  passwordChanged: () => void;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: Me['roles'][number]['role'][]) => boolean;
}

const Ctx = createContext<Auth | null>(null);

/**
 * Log in. After many failed logins the server asks for a proof of work (login_proof_needed): fetch a challenge,
 * solve it here (a fraction of a second) and send it with the password — the user only sees the button spin.
 */
async function loginRequest(username: string, password: string): Promise<Login> {
  try {
    return await api<Login>('POST', '/api/v1/auth/login', { username, password }, { silent401: true });
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'login_proof_needed') throw e;
  }
  const { solveWork } = await import('../../../shared/proof-of-work.ts');
  for (let attempt = 0; ; attempt++) {
    const c = await api<{ bits: number; challenge: string }>('GET', `/api/v1/auth/login-challenge?username=${encodeURIComponent(username)}`);
    const proof = { challenge: c.challenge, nonce: await solveWork(c.challenge, c.bits) };
    try {
      return await api<Login>('POST', '/api/v1/auth/login', { username, password, proof }, { silent401: true });
    } catch (e) {
      // The bar may have risen while solving (more failures meanwhile): one more round.
      if (!(e instanceof ApiError) || e.code !== 'login_proof_needed' || attempt >= 2) throw e;
    }
  }
}

// The renewal dialog (a form) loads only when a session actually expires.
const RenewSession = lazy(() => import('./RenewSession.tsx'));

/** Loads the current user and watches for expired sessions. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api<Session>('GET', '/api/v1/auth/session').then((r) => setMe(r.user), () => setMe(null));
  }, []);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await loginRequest(username, password);
    sessionRenewed();
    setMe(r.user);
    setExpired(false);
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/v1/auth/logout', undefined, { silent401: true }).catch(() => undefined);
    // What the service worker kept for offline use (who is logged in, the lists) goes with the session.
    if ('caches' in window) await caches.delete('yixian-lookups').catch(() => false);
    setMe(null);
  }, []);
  const passwordChanged = useCallback(() => setMe((m) => (m ? { ...m, mustChangePassword: false } : m)), []);
  const hasRole = useCallback((...roles: Me['roles'][number]['role'][]) => !!me?.roles.some((r) => roles.includes(r.role)), [me]);

  if (me === undefined) return null;
  return (
    <Ctx.Provider value={{ me, login, logout, hasRole, passwordChanged }}>
      {children}
      {me && expired && <Suspense fallback={null}><RenewSession username={me.username} onDone={login} /></Suspense>}
    </Ctx.Provider>
  );
}

/** The auth state. */
export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
