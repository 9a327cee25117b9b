/**
 * Language intelligence routes: similar issues while typing (POST /issues/similar), category and unit suggestions
 * (POST /suggestions), hot spots (GET /hotspots). The ledger serves an issue's similar issues (GET /issues/{id}/similar).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { HotspotListOut, SimilarList } from '../../../shared/api/intel.ts';
import { Id, Nullable, errorResponses } from '../../../shared/api/common.ts';
import type { ModuleManifest } from '../types.ts';
import { trainIfDue, trainInWorker } from './suggest.ts';
import { classifierCommand } from './classifier.cli.ts';
import { similarCommand } from './similar.cli.ts';
import { findHotspots } from './hotspots.ts';
import { findSimilar, type SimilarIssue } from './similar.ts';
import { suggestionRoutes } from './suggest.routes.ts';

const SimilarBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax })),
  body: Type.String({ minLength: 1, maxLength: LIMITS.bodyMax }),
  orgUnitId: Type.Optional(Id),
  categoryId: Type.Optional(Nullable(Id)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
}, { additionalProperties: false });

export { SimilarList };

const HotspotQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 7, maximum: 365, default: 30 })),
  level: Type.Optional(Type.Union([Type.Literal('village'), Type.Literal('township')], { default: 'village' })),
  minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

/** Similar issues with their status's kind (open, closed, …) for the list. */
export const withStatusType = (items: SimilarIssue[]) => items.map((s) => ({ ...s, status: s.status as IssueStatus, statusType: STATUS_INFO[s.status as IssueStatus]?.type ?? 'open' }));

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.post('/issues/similar', {
    schema: {
      tags: ['intel'], summary: '相似问题（登记时查重：同一问题、同一地点）', body: SimilarBody,
      response: { 200: SimilarList, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const b: Static<typeof SimilarBody> = req.body;
    return { items: withStatusType(await findSimilar(db, req.actor, b, b.limit ?? 5)) };
  });

  app.get('/hotspots', {
    schema: {
      tags: ['intel'], summary: '热点：按区域和类别聚集、上升的问题（专项治理候选）', querystring: HotspotQuery,
      response: { 200: HotspotListOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const now = new Date().toISOString();
    const days = req.query.days ?? 30;
    const items = await findHotspots(db, req.actor, {
      days, level: req.query.level ?? 'village', now, ...(req.query.minCount ? { minCount: req.query.minCount } : {}),
      ...(req.query.limit ? { limit: req.query.limit } : {}),
    });
    return { from: new Date(Date.parse(now) - days * 86_400_000).toISOString(), to: now, items };
  });

  await app.register(suggestionRoutes);
};

/** The language-intelligence module. */
export const intelModule: ModuleManifest = {
  name: 'intel', routes,
  commands: [classifierCommand, similarCommand],
  // Suggestion models: trained in a worker thread at start when missing (the demo county gets its models here), then
  // checked hourly and retrained once a day when issues were closed since.
  jobs: [{
    name: 'suggestion training',
    atStart: true,
    everySeconds: (config) => (config.trainHours > 0 ? 3600 : 0),
    run: async ({ db, config, log }) => {
      if (config.trainHours <= 0) return;
      for (const x of await trainIfDue(db, new Date().toISOString(), config.trainHours, trainInWorker)) {
        if (x.modelId) log.info(x, 'suggestion model trained');
      }
    },
  }],
};
