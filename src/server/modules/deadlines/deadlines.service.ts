/**
 * What commands need to compute deadlines: the tenant's policies, calendar and channel → policy-family map,
 * cached per process for a minute (edits through the API clear the cache at once).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { CHANNELS, DEFAULT_CHANNEL_POLICY, type Channel, type PolicyFamily } from '../../../shared/enums.ts';
import { WorkCalendar } from './calendar.ts';
import type { PolicyRow } from './engine.ts';
import { getSetting, loadCalendar, loadPolicies } from './deadlines.repo.ts';

/** A tenant's deadline settings. */
export interface DeadlineContext {
  policies: PolicyRow[];
  calendar: WorkCalendar;
  channelFamily: Record<Channel, PolicyFamily>;
}

const TTL_MS = 60_000;
const cache = new Map<number, { at: number; ctx: Promise<DeadlineContext> }>();

/** Setting key of the channel → policy family map. */
export const CHANNEL_POLICY_KEY = 'deadlines.channelPolicy';

/** The deadline settings of a tenant. */
export function deadlineContext(db: Kysely<DB>, tenantId: number): Promise<DeadlineContext> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.ctx;
  const ctx = (async () => {
    const [policies, days, map] = await Promise.all([
      loadPolicies(db, tenantId), loadCalendar(db, tenantId), getSetting(db, tenantId, CHANNEL_POLICY_KEY),
    ]);
    const channelFamily = { ...DEFAULT_CHANNEL_POLICY };
    if (map && typeof map === 'object') {
      for (const c of CHANNELS) {
        const v = (map as Record<string, unknown>)[c];
        if (v === 'petition' || v === 'hotline') channelFamily[c] = v;
      }
    }
    return { policies, calendar: new WorkCalendar(days), channelFamily };
  })();
  ctx.catch(() => cache.delete(tenantId));
  cache.set(tenantId, { at: Date.now(), ctx });
  return ctx;
}

/** Forget a tenant's cached settings after an edit. */
export function invalidateDeadlineContext(tenantId?: number): void {
  if (tenantId === undefined) cache.clear();
  else cache.delete(tenantId);
}
