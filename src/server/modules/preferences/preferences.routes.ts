/** /saved-filters: each user's named filters of the ledger screen. A user sees and deletes only their own. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { IdParams, errorResponses } from '../../../shared/api/common.ts';
import type { ModuleManifest } from '../types.ts';
import * as repo from './preferences.repo.ts';
import { SavedFilterBody, SavedFilterOut } from '../../../shared/api/preferences.ts';

const SAVED_FILTER = { zh: '筛选条件', en: 'Saved filter' };

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.get('/saved-filters', {
    schema: { tags: ['preferences'], summary: '我保存的台账筛选条件', response: { 200: Type.Object({ items: Type.Array(SavedFilterOut) }), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => ({ items: await repo.listSavedFilters(db, req.actor.tenantId, req.actor.userId) }));

  app.post('/saved-filters', {
    schema: {
      tags: ['preferences'], summary: '保存台账筛选条件（同名则替换）', body: SavedFilterBody,
      response: { 200: SavedFilterOut, 201: SavedFilterOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const { tenantId, userId } = req.actor;
    const name = req.body.name.trim();
    const query = req.body.query.replace(/^\?/, '');
    const now = new Date().toISOString();
    const created = await app.tx(async (trx) => {
      const existing = await repo.findSavedFilterByName(trx, tenantId, userId, name);
      if (existing) {
        await repo.updateSavedFilterQuery(trx, userId, existing.id, query, now);
        return false;
      }
      if (await repo.countSavedFilters(trx, tenantId, userId) >= LIMITS.savedFiltersPerUser) {
        throw new AppError(422, 'saved_filters_full', { max: LIMITS.savedFiltersPerUser });
      }
      await repo.insertSavedFilter(trx, { tenantId, userId, name, query, now });
      return true;
    });
    const row = (await repo.findSavedFilterByName(db, tenantId, userId, name))!;
    return reply.status(created ? 201 : 200).send(row);
  });

  app.delete('/saved-filters/:id', {
    schema: { tags: ['preferences'], summary: '删除我保存的筛选条件', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const deleted = await app.tx((trx) => repo.deleteSavedFilter(trx, req.actor.tenantId, req.actor.userId, req.params.id));
    if (!deleted) throw notFound(SAVED_FILTER);
    return reply.status(204).send(null);
  });
};

/** Per-user preferences: saved ledger filters. */
export const preferencesModule: ModuleManifest = { name: 'preferences', routes };
