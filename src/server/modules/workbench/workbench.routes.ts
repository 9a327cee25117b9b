/** /workbench: the signed-in user's to-dos by urgency, with counts, and recently updated issues in scope. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../shared/api/common.ts';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../../shared/shanghai-date.ts';
import { findIssuesInScope, renderIssues } from '../ledger/index.ts';
import { WORKBENCH_BUCKETS, WorkbenchOut } from '../../../shared/api/workbench.ts';
import type { ModuleManifest } from '../types.ts';
import { receivedSince, recentIds, todoCounts, todoIds, type Boundaries, type Bucket } from './workbench.repo.ts';

const BUCKETS: readonly Exclude<Bucket, 'all'>[] = WORKBENCH_BUCKETS;

/** Now, the end of today and the end of this week (Sunday) in Shanghai. */
export function boundaries(nowMs = Date.now()): Boundaries {
  const now = new Date(nowMs).toISOString();
  const today = shanghaiDate(now);
  const weekday = new Date(today + 'T00:00:00Z').getUTCDay(); // 0 = Sunday
  return { now, endOfToday: endOfShanghaiDay(today), endOfWeek: endOfShanghaiDay(addDays(today, (7 - weekday) % 7)) };
}

/** Issues received per Shanghai day over the last 30 days (oldest first, days without issues included). */
async function trend(db: Parameters<typeof receivedSince>[0], actor: Parameters<typeof receivedSince>[1], now: string) {
  const today = shanghaiDate(now);
  const first = addDays(today, -29);
  const counts = new Map<string, number>();
  for (let d = first; d <= today; d = addDays(d, 1)) counts.set(d, 0);
  for (const at of await receivedSince(db, actor, new Date(Date.parse(first + 'T00:00:00+08:00')).toISOString())) {
    const d = shanghaiDate(at);
    if (counts.has(d)) counts.set(d, counts.get(d)! + 1);
  }
  return [...counts].map(([date, received]) => ({ date, received }));
}

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.get('/workbench', {
    schema: {
      tags: ['workbench'], summary: '工作台：我的待办（按紧急程度）与最近更新',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, { additionalProperties: false }),
      response: { 200: WorkbenchOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const limit = req.query.limit ?? 10;
    const b = boundaries();
    const counts = await todoCounts(db, req.actor, b);
    const buckets = {} as Record<(typeof BUCKETS)[number], Awaited<ReturnType<typeof renderIssues>>>;
    for (const bucket of BUCKETS) {
      const rows = await findIssuesInScope(db, req.actor, await todoIds(db, req.actor, bucket, b, limit));
      buckets[bucket] = await renderIssues(db, req.actor, rows, b.now);
    }
    const recent = await renderIssues(db, req.actor, await findIssuesInScope(db, req.actor, await recentIds(db, req.actor, limit)), b.now);
    return { counts, buckets, recent, trend: await trend(db, req.actor, b.now) };
  });
};

/** The workbench. */
export const workbenchModule: ModuleManifest = { name: 'workbench', routes };
