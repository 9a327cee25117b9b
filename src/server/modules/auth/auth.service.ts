/** Login with throttling, server-side sessions, logout and password change. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/connect.ts';
import { transactorOf } from '../../db/transaction.ts';
import { AppError } from '../../plugins/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { provesWork } from '../../../shared/proof-of-work.ts';
import type { Actor } from '../../actor.ts';
import { writeAudit } from '../audit/index.ts';
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

/** The challenge's contents (and its id, what is stored when it is spent) when it is ours, unexpired and for this account and address. */
function readChallenge(secret: string, challenge: string, username: string, ip: string, nowMs: number): (Challenge & { id: string }) | undefined {
  const parts = challenge.split('.');
  if (parts.length !== 2) return undefined;
  const [body = '', mac = ''] = parts;
  const expected = sign(secret, body);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return undefined;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Challenge;
    return c.u === username && c.ip === ip && c.exp > nowMs ? { ...c, id: `${body}.${mac}` } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The network a client address counts as for throttling: an IPv4 address itself, an IPv6 address's /64 (one
 * client is usually given a whole /64, and could otherwise pick a fresh address for every guess).
 */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * How hard logging in to this account from this address is now: the seconds to wait before the next attempt
 * (failures of this account from this network beyond `loginFreeFailures`: 1 s, doubling, at most
 * `loginDelayMaxSeconds`), and the proof of work needed (many failures of the account from anywhere, or of anyone
 * from this network). No count ever refuses the right password outright: an owner elsewhere waits for nothing, an
 * owner behind the attacker's address waits at most a minute and spends a second of the browser's time, and a
 * browser the owner logged in from before (its device cookie) is not slowed at all.
 *
 * The account's own count is not reset by a success (only by an administrator's unlock): otherwise anyone could
 * read from the challenge's `bits` whether, and when, the owner logged in.
 */
export async function loginHurdles(db: Database, username: string, ip: string, nowMs = Date.now()): Promise<{ waitSeconds: number; bits: number }> {
  const net = networkOf(ip);
  const windowStart = new Date(nowMs - LIMITS.loginWindowMinutes * 60_000).toISOString();
  const later = (a: string | null) => (a && a > windowStart ? a : windowStart);
  const [pairReset, unlocked] = await Promise.all([repo.lastReset(db, username, windowStart, net), repo.lastUnlock(db, username, windowStart)]);
  const [pair, account, address] = await Promise.all([
    repo.failures(db, { username, net }, later(pairReset)),
    repo.failures(db, { username }, later(unlocked)),
    repo.failures(db, { net }, windowStart),
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

/**
 * Logins of one account, and from one network, are checked against their counts one at a time in this process, and
 * each is counted (as a failure until its password proves right) before its password is checked: a burst of
 * concurrent guesses meets the same limits as guesses one after another. (Several processes on one PostgreSQL
 * share the counts; there the window between reading and counting is a few milliseconds.)
 */
const gates = new Map<string, Promise<void>>();
async function withGates<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
  const release: (() => void)[] = [];
  try {
    for (const key of keys) {
      const prior = gates.get(key) ?? Promise.resolve();
      let open!: () => void;
      const mine = new Promise<void>((r) => { open = r; });
      const chained = prior.then(() => mine);
      gates.set(key, chained);
      release.push(() => { open(); if (gates.get(key) === chained) gates.delete(key); });
      await prior;
    }
    return await fn();
  } finally {
    for (const r of release.reverse()) r();
  }
}

/** A login's optional proof of work: a challenge from `GET /auth/login-challenge` and its nonce. */
export interface LoginProof {
  challenge: string;
  nonce: string;
}

/** Check a username and password; on success create a session and return its token. */
export async function login(db: Database, input: {
  username: string; password: string; ip: string; userAgent: string | null; proof?: LoginProof; secret: string;
  /** The browser presented this account's device cookie (it logged in here before): no waits, no proof. */
  trustedDevice?: boolean;
}) {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const user = await repo.findUserByUsername(db, input.username);
  const tenantId = user?.tenantId ?? (await repo.defaultTenantId(db));
  const net = networkOf(input.ip);
  const attemptId = await withGates([`u:${input.username}`, `n:${net}`], async () => {
    let spent: string | null = null;
    if (!input.trustedDevice) {
      const { waitSeconds, bits } = await loginHurdles(db, input.username, input.ip, nowMs);
      if (waitSeconds > 0) throw new AppError(429, 'login_slowed', { seconds: waitSeconds });
      if (bits > 0) {
        const p = input.proof;
        const c = p && readChallenge(input.secret, p.challenge, input.username, input.ip, nowMs);
        if (!p || !c || c.b < bits || !provesWork(p.challenge, p.nonce, c.b)) throw new AppError(429, 'login_proof_needed');
        spent = c.id;
      }
    }
    // Counted now, as a failure; made a success below if the password is right. A proof is spent here, once: the
    // unique index refuses it a second time, also from another process.
    return repo.insertAttempt(db, { tenantId, username: input.username, ip: input.ip, net, at: now, ok: false, proof: spent })
      .catch((err: unknown) => {
        if (spent && /unique|duplicate/i.test(String((err as Error).message))) throw new AppError(429, 'login_proof_needed');
        throw err;
      });
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (ok && user) await repo.markAttemptOk(db, attemptId);
  if (!user || !ok) throw new AppError(401, 'login_failed');
  if (user.active !== 1) throw new AppError(403, 'account_disabled');

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(nowMs + LIMITS.sessionHours * 3600_000).toISOString();
  await transactorOf(db)(async (trx) => {
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
  const user = await repo.findUserByUsername(db, actor.username);
  if (!user || !(await verifyPassword(user.passwordHash, oldPassword))) {
    throw new AppError(400, 'wrong_password', {}, { oldPassword: '原密码不正确' });
  }
  if (!strongEnough(newPassword)) {
    throw new AppError(400, 'weak_password', { min: LIMITS.passwordMin }, { newPassword: `至少 ${LIMITS.passwordMin} 个字符，含字母和数字` });
  }
  const hash = await hashPassword(newPassword);
  const now = new Date().toISOString();
  await transactorOf(db)(async (trx) => {
    await repo.setPasswordHash(trx, user.id, hash, now, false);
    await repo.deleteUserSessions(trx, user.id, sessionIdKeep);
    await writeAudit(trx, { tenantId: user.tenantId, actorId: user.id, action: 'password_change', entityType: 'user', entityId: user.id, ip: actor.ip, at: now });
  });
}

/** An administrator ends the slowing of an account (its failures no longer count), audited. */
export async function unlockLogin(db: Database, actor: Actor, user: { id: number; tenantId: number; username: string }): Promise<void> {
  const now = new Date().toISOString();
  await transactorOf(db)(async (trx) => {
    await repo.insertAttempt(trx, { tenantId: user.tenantId, username: user.username, ip: actor.ip ?? '', net: networkOf(actor.ip ?? ''), at: now, ok: true, kind: 'unlock' });
    await writeAudit(trx, { tenantId: user.tenantId, actorId: actor.userId, action: 'user.unlock_login', entityType: 'user', entityId: user.id, ip: actor.ip, at: now });
  });
}
