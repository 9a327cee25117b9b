/** Login with throttling, server-side sessions, logout and password change. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/connect.ts';
import { AppError } from '../../plugins/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { Actor } from '../org/actor.ts';
import { findUserByUsername, setPasswordHash } from '../org/org.repo.ts';
import { writeAudit } from '../audit/audit.repo.ts';
import * as repo from './auth.repo.ts';
import { hashPassword, strongEnough, verifyPassword } from './password.ts';

/** The hash under which a session token is stored. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const minutesLeft = (first: string | null, now: number) =>
  Math.max(1, Math.ceil(((first ? Date.parse(first) : now) + LIMITS.loginWindowMinutes * 60_000 - now) / 60_000));

/** Check a username and password; on success create a session and return its token. */
export async function login(db: Database, input: { username: string; password: string; ip: string; userAgent: string | null }) {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const since = new Date(nowMs - LIMITS.loginWindowMinutes * 60_000).toISOString();
  const byUser = await repo.recentFailures(db, 'username', input.username, since);
  if (byUser.count >= LIMITS.loginFailuresPerAccount) {
    throw new AppError(429, 'login_throttled', { minutes: minutesLeft(byUser.first, nowMs) });
  }
  const byIp = await repo.recentFailures(db, 'ip', input.ip, since);
  if (byIp.count >= LIMITS.loginFailuresPerAddress) {
    throw new AppError(429, 'login_throttled', { minutes: minutesLeft(byIp.first, nowMs) });
  }
  const user = await findUserByUsername(db, input.username);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  const tenantId = user?.tenantId ?? (await repo.defaultTenantId(db));
  await repo.insertAttempt(db, { tenantId, username: input.username, ip: input.ip, at: now, ok: ok && !!user });
  if (!user || !ok) throw new AppError(401, 'login_failed');
  if (user.active !== 1) throw new AppError(403, 'account_disabled');

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(nowMs + LIMITS.sessionHours * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId(token), tenantId: user.tenantId, userId: user.id, createdAt: now, expiresAt, lastSeenAt: now,
      ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(trx, { tenantId: user.tenantId, actorId: user.id, action: 'login', entityType: 'user', entityId: user.id, ip: input.ip, at: now });
  });
  return { token, userId: user.id, expiresAt };
}

/** The actor behind a session token, sliding the session's expiry; undefined when the session is gone. */
export async function resolveSession(db: Database, token: string, ip: string | null): Promise<(Actor & { mustChangePassword: boolean; sessionId: string }) | undefined> {
  const id = sessionId(token);
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const s = await repo.findLiveSession(db, id, now);
  if (!s || s.active !== 1) return undefined;
  // Write the sliding expiry at most once a minute: a read should not cost a write.
  if (nowMs - Date.parse(s.lastSeenAt) > 60_000) {
    await repo.touchSession(db, id, now, new Date(nowMs + LIMITS.sessionHours * 3600_000).toISOString());
  }
  return {
    userId: s.userId, tenantId: s.tenantId, username: s.username, displayName: s.displayName, bindings: s.bindings, ip,
    mustChangePassword: s.mustChangePassword === 1, sessionId: id,
  };
}

/** End a session. */
export async function logout(db: Database, token: string): Promise<void> {
  await repo.deleteSession(db, sessionId(token));
}

/** Change one's own password; other sessions of the user end. */
export async function changePassword(db: Database, actor: Actor, sessionIdKeep: string, oldPassword: string, newPassword: string) {
  const user = await findUserByUsername(db, actor.username);
  if (!user || !(await verifyPassword(user.passwordHash, oldPassword))) {
    throw new AppError(400, 'wrong_password', {}, { oldPassword: '原密码不正确' });
  }
  if (!strongEnough(newPassword)) {
    throw new AppError(400, 'weak_password', { min: LIMITS.passwordMin }, { newPassword: `至少 ${LIMITS.passwordMin} 个字符，含字母和数字` });
  }
  const hash = await hashPassword(newPassword);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, now, false);
    await repo.deleteUserSessions(trx, user.id, sessionIdKeep);
    await writeAudit(trx, { tenantId: user.tenantId, actorId: user.id, action: 'password_change', entityType: 'user', entityId: user.id, ip: actor.ip, at: now });
  });
}
