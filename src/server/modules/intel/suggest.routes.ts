/** POST /suggestions (top 3 categories and units for a text), GET /suggestions/models, POST /suggestions/train (admin). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { SuggestionsOut } from '../../../shared/api/intel.ts';
import { AppError } from '../../plugins/errors.ts';
import { Nullable, errorResponses } from '../../../shared/api/common.ts';
import { isAdmin } from '../org/index.ts';
import { INTAKE_ROLES } from '../../../shared/enums.ts';
import { hasRole } from '../../actor.ts';
import { suggest, trainSuggestionModels, SUGGESTION_KINDS } from './suggest.ts';
import { acceptanceRates } from './suggest-record.repo.ts';
import { activeCategories, assignableUnits, latestModelInfo } from './intel.repo.ts';

const SuggestBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax })),
  body: Type.String({ minLength: 1, maxLength: LIMITS.bodyMax }),
}, { additionalProperties: false });

const ModelOut = Type.Object({
  kind: Type.String(), id: Type.Integer(), trainedAt: Type.String(), examples: Type.Integer(), classes: Type.Integer(),
  metrics: Type.Record(Type.String(), Type.Unknown()),
});
const Rates = Type.Object({ decided: Type.Integer(), top1: Type.Integer(), top3: Type.Integer() });

export const suggestionRoutes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.post('/suggestions', {
    schema: {
      tags: ['intel'], summary: '登记时推荐问题类别和承办单位（前三，含校准后的置信度，把握不大的注明）', body: SuggestBody,
      response: { 200: SuggestionsOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    if (!hasRole(req.actor, ...INTAKE_ROLES)) throw new AppError(403, 'forbidden');
    const text = `${req.body.title ?? ''}\n${req.body.body}`;
    const tenantId = req.actor.tenantId;
    const [cats, units] = await Promise.all([
      activeCategories(db, tenantId),
      // Only units the clerk could assign to: active and within the actor's scope.
      assignableUnits(db, req.actor),
    ]);
    const catById = new Map(cats.map((c) => [String(c.id), c]));
    const unitById = new Map(units.map((u) => [String(u.id), u]));
    const catPath = (id: number | null): string => {
      const parts: string[] = [];
      for (let c = id == null ? undefined : catById.get(String(id)); c; c = c.parentId == null ? undefined : catById.get(String(c.parentId))) parts.unshift(c.name);
      return parts.join(' / ');
    };
    const [category, unit] = await Promise.all([
      suggest(db, tenantId, 'category', text, 3, (l) => catById.has(l)),
      suggest(db, tenantId, 'unit', text, 3, (l) => unitById.has(l)),
    ]);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      category: category && {
        modelId: category.modelId,
        calibrated: category.calibrated,
        items: category.items.map((p) => ({
          id: Number(p.label), name: catById.get(p.label)!.name, path: catPath(Number(p.label)), confidence: round(p.confidence), lowConfidence: p.lowConfidence,
        })),
      },
      unit: unit && {
        modelId: unit.modelId,
        calibrated: unit.calibrated,
        items: unit.items.map((p) => ({
          id: Number(p.label), name: unitById.get(p.label)!.name, path: unitById.get(p.label)!.name, confidence: round(p.confidence), lowConfidence: p.lowConfidence,
        })),
      },
    };
  });

  app.get('/suggestions/models', {
    schema: {
      tags: ['intel'], summary: '推荐模型（最近训练）与采纳率',
      response: { 200: Type.Object({ models: Type.Array(ModelOut), acceptance: Type.Object({ category: Rates, unit: Rates }) }), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const tenantId = req.actor.tenantId;
    const models = [];
    for (const kind of SUGGESTION_KINDS) {
      const m = await latestModelInfo(db, tenantId, kind);
      if (m) models.push({ ...m, metrics: JSON.parse(m.metrics) as Record<string, unknown> });
    }
    return { models, acceptance: await acceptanceRates(db, tenantId) };
  });

  app.post('/suggestions/train', {
    schema: {
      tags: ['intel'], summary: '立即用已办结问题重新训练推荐模型（管理员）',
      response: {
        200: Type.Object({ results: Type.Array(Type.Object({ kind: Type.String(), modelId: Nullable(Type.Integer()), examples: Type.Integer(), classes: Type.Integer(), ms: Type.Integer(), bytes: Type.Integer() })) }),
        ...errorResponses,
      },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
    return { results: await trainSuggestionModels(db, req.actor.tenantId, new Date().toISOString()) };
  });
};
