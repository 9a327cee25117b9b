/**
 * Language intelligence routes: similar issues while typing (POST /issues/similar) and for an issue
 * (GET /issues/{id}/similar), category and unit suggestions (POST /suggestions), hot spots (GET /hotspots).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { notFound } from '../../plugins/errors.ts';
import { Id, IdParams, Nullable, errorResponses } from '../../schemas.ts';
import { findIssueInScope } from '../ledger/ledger.repo.ts';
import type { ModuleManifest } from '../types.ts';
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

const SimilarOut = Type.Object({
  id: Type.Integer(), trackingCode: Type.String(), title: Type.String(), status: Type.String(), statusType: Type.String(),
  orgUnitId: Type.Integer(), orgUnitName: Type.String(), categoryId: Nullable(Type.Integer()), receivedAt: Type.String(),
  mergedIntoId: Nullable(Type.Integer()),
  textSimilarity: Type.Number({ description: '文本相似度 0–1（共有词元占比）' }),
  samePlace: Type.Boolean(), nearPlace: Type.Boolean({ description: '同一上级单位（同镇/同街道）' }), sameCategory: Type.Boolean(),
  score: Type.Number(),
});
const SimilarList = Type.Object({ items: Type.Array(SimilarOut) });

const HotspotQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 7, maximum: 365, default: 30 })),
  level: Type.Optional(Type.Union([Type.Literal('village'), Type.Literal('township')], { default: 'village' })),
  minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

const HotspotOut = Type.Object({
  areaId: Type.Integer(), areaName: Type.String(), categoryId: Nullable(Type.Integer()), categoryName: Type.String(),
  count: Type.Integer(), previousCount: Type.Integer(), change: Nullable(Type.Number()),
  trend: Type.Union([Type.Literal('new'), Type.Literal('rising'), Type.Literal('steady'), Type.Literal('falling')]),
  series: Type.Array(Type.Integer()), keywords: Type.Array(Type.String()), issueIds: Type.Array(Type.Integer()), score: Type.Number(),
});

const withStatusType = (items: SimilarIssue[]) => items.map((s) => ({ ...s, statusType: STATUS_INFO[s.status as IssueStatus]?.type ?? 'open' }));

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

  app.get('/issues/:id/similar', {
    schema: { tags: ['intel'], summary: '与此问题相似的问题', params: IdParams, response: { 200: SimilarList, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const issue = await findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound({ zh: '问题', en: 'Issue' });
    const items = await findSimilar(db, req.actor, {
      title: issue.title, body: issue.body, orgUnitId: issue.orgUnitId, categoryId: issue.categoryId, excludeId: issue.id,
    });
    return { items: withStatusType(items) };
  });

  app.get('/hotspots', {
    schema: {
      tags: ['intel'], summary: '热点：按区域和类别聚集、上升的问题（专项治理候选）', querystring: HotspotQuery,
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), items: Type.Array(HotspotOut) }), ...errorResponses },
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
export const intelModule: ModuleManifest = { name: 'intel', routes };
