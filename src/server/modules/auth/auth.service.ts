/** Login with throttling, server-side sessions, logout and password change. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/connect.ts';
import { AppError } from '../../plugins/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { provesWork } from '../../../shared/proof-of-work.ts';
import type { Actor } from '../org/actor.ts';
import { findUserByUsername, setPasswordHash } from '../org/org.repo.ts';
import { writeAudit } from '../audit/audit.repo.ts';
import * as repo from './auth.repo.ts';
import { hashPassword, strongEnough, verifyPassword } from './password.ts';

/** The hash under which a session token is stored. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A proof-of-work challenge's contents (signed; the client cannot choose them). */
interface Challenge {
  /** Username, address, bits, expiry (ms), random. */
  u: string;
  ip: string;
  b: number;
  exp: number;
  r: string;
}

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`login-proof:${body}`).digest('base64url');

/** A signed challenge for this account and address, asking for `bits` of work. */
export function makeChallenge(secret: string, username: string, ip: string, bits: number, nowMs = Date.now()): string {
  const c: Challenge = { u: username, ip, b: bits, exp: nowMs + LIMITS.loginProofMinutes * 60_000, r: randomBytes(9).toString('base64url') };
  const body = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The challenge's contents when it is ours, unexpired and for this account and address. */
function readChallenge(secret: string, challenge: string, username: string, ip: string, nowMs: number): Challenge | undefined {
  const [body = '', mac = ''] = challenge.split('.');
  const expected = sign(secret, body);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return undefined;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Challenge;
    return c.u === username && c.ip === ip && c.exp > nowMs ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How hard logging in to this account from this address is now: the seconds to wait before the next attempt
 * (failures of this account from this address beyond `loginFreeFailures`: 1 s, doubling, at most
 * `loginDelayMaxSeconds`), and the proof of work needed (many failures of the account from anywhere, or of anyone
 * from this address). No count ever refuses the right password outright: an owner elsewhere waits for nothing,
 * and an owner behind the attacker's address waits at most a minute and spends a second of the browser's time.
 */
export async function loginHurdles(db: Database, username: string, ip: string, nowMs = Date.now()): Promise<{ waitSeconds: number; bits: number }> {
  const windowStart = new Date(nowMs - LIMITS.loginWindowMinutes * 60_000).toISOString();
  const later = (a: string | null) => (a && a > windowStart ? a : windowStart);
  const [pairReset, accountReset] = await Promise.all([repo.lastReset(db, username, ip), repo.lastReset(db, username)]);
  const [pair, account, address] = await Promise.all([
    repo.failures(db, { username, ip }, later(pairReset)),
    repo.failures(db, { username }, later(accountReset)),
    repo.failures(db, { ip }, windowStart),
  ]);
  let waitSeconds = 0;
  if (pair.count >= LIMITS.loginFreeFailures && pair.last) {
    const delay = Math.min(2 ** (pair.count - LIMITS.loginFreeFailures), LIMITS.loginDelayMaxSeconds) * 1000;
    waitSeconds = Math.max(0, Math.ceil((Date.parse(pair.last) + delay - nowMs) / 1000));
  }
  const over = Math.max(account.count - LIMITS.loginProofAfterAccountFailures, address.count - LIMITS.loginProofAfterAddressFailures);
  const bits = over < 0 ? 0 : Math.min(LIMITS.loginProofBits + Math.floor(over / 10), LIMITS.loginProofMaxBits);
  return { waitSeconds, bits };
}

/** A login's optional proof of work: a challenge from `GET /auth/login-challenge` and its nonce. */
export interface LoginProof {
  challenge: string;
  nonce: string;
}

/** Check a username and password; on success create a session and return its token. */
export async function login(db: Database, input: { username: string; password: string; ip: string; userAgent: string | null; proof?: LoginProof; secret: string }) {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const { waitSeconds, bits } = await loginHurdles(db, input.username, input.ip, nowMs);
  if (waitSeconds > 0) throw new AppError(429, 'login_slowed', { seconds: waitSeconds });
  let spent: string | null = null;
  if (bits > 0) {
    const p = input.proof;
    const c = p && readChallenge(input.secret, p.challenge, input.username, input.ip, nowMs);
    if (!p || !c || c.b < bits || !provesWork(p.challenge, p.nonce, c.b) || (await repo.proofSpent(db, p.challenge))) {
      throw new AppError(429, 'login_proof_needed');
    }
    spent = p.challenge;
  }
  const user = await findUserByUsername(db, input.username);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  const tenantId = user?.tenantId ?? (await repo.defaultTenantId(db));
  await repo.insertAttempt(db, { tenantId, username: input.username, ip: input.ip, at: now, ok: ok && !!user, proof: spent });
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

/** An administrator ends the slowing of an account (its failures no longer count), audited. */
export async function unlockLogin(db: Database, actor: Actor, user: { id: number; tenantId: number; username: string }): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.insertAttempt(trx, { tenantId: user.tenantId, username: user.username, ip: actor.ip ?? '', at: now, ok: true, kind: 'unlock' });
    await writeAudit(trx, { tenantId: user.tenantId, actorId: actor.userId, action: 'user.unlock_login', entityType: 'user', entityId: user.id, ip: actor.ip, at: now });
  });
}
