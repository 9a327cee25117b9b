/**
 * Idempotent creates. A client that may retry (a phone on a bad line, an integration) sends `Idempotency-Key` with a
 * create; the same key with the same request answers the first result again (the record it made, as it is now) and
 * makes nothing; the same key with another request is a 422; keys are kept 24 hours. The key is claimed in the same
 * transaction as the create, before the create runs, so concurrent duplicates make one record on both databases:
 * on SQLite writes are serial, on PostgreSQL the second claim waits for the first transaction and then sees its row.
 * A create that fails keeps no key: the client may retry it with the same key.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Transactor } from '../../db/transaction.ts';
import { AppError } from '../../plugins/errors.ts';
import * as repo from './idempotency.repo.ts';

/** The request header. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key is remembered. */
export const KEY_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The outcome of an idempotent create: the record's id, and whether this is a replay of an earlier request. */
export interface Idempotent {
  id: number;
  replayed: boolean;
}

/** The request's key, undefined when it sent none; a 400 when it is not 1–200 visible ASCII characters. */
export function idempotencyKeyOf(req: Pick<FastifyRequest, 'headers'>): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] ?? '' : raw;
  if (!KEY_PATTERN.test(key)) {
    const zh = 'Idempotency-Key 须为 1–200 个可见 ASCII 字符';
    const en = 'Idempotency-Key must be 1–200 visible ASCII characters';
    throw new AppError(400, 'validation', { detail: zh, detail_en: en }, { 'Idempotency-Key': { zh, en } });
  }
  return key;
}

/** JSON with every object's keys sorted: the same request however a client orders its fields. */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]))
    : x));
}

/** A stable hash of what a request asks for (its parsed body, or any parts the caller lists), whatever its key order. */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(canonical(parts)).digest('hex');
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed: idempotency_keys/.test(e.message ?? '');
};

/**
 * Run a create at most once per key. Without a key `create` simply runs in a transaction. `create` returns the id
 * of the record it made; the route renders it (for a replay, as it is now).
 */
export async function idempotentCreate(
  app: Pick<FastifyInstance, 'tx'>,
  req: Pick<FastifyRequest, 'headers'> & { actor: { tenantId: number; userId: number } },
  scope: string,
  hashOf: unknown,
  create: (trx: Transaction<DB>) => Promise<number>,
): Promise<Idempotent> {
  return runOnce(app.tx, req.actor, idempotencyKeyOf(req), scope, hashOf, create);
}

/**
 * The same for a caller that is not a route (a command such as `registerIssue`): `key` is the client's
 * Idempotency-Key, or undefined to run `create` once in a transaction.
 */
export async function runOnce(
  tx: Transactor,
  by: { tenantId: number; userId: number },
  key: string | undefined,
  scope: string,
  hashOf: unknown,
  create: (trx: Transaction<DB>) => Promise<number>,
): Promise<Idempotent> {
  if (key === undefined) return { id: await tx(create), replayed: false };
  const hash = requestHash(hashOf);
  const { tenantId, userId } = by;
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx(async (trx) => {
        const nowMs = Date.now();
        const since = new Date(nowMs - KEY_HOURS * 3600_000).toISOString();
        const prior = await repo.findKey(trx, userId, scope, key, since);
        if (prior) {
          if (prior.requestHash !== hash) throw new AppError(422, 'idempotency_mismatch');
          return { id: prior.resourceId!, replayed: true };
        }
        await repo.deleteExpired(trx, tenantId, since);
        const claim = await repo.claimKey(trx, { tenantId, userId, scope, key, requestHash: hash, createdAt: new Date(nowMs).toISOString() });
        const id = await create(trx);
        await repo.completeKey(trx, claim, id);
        return { id, replayed: false };
      });
    } catch (err) {
      // Another transaction claimed the key first and committed: look again, and answer what it made.
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
