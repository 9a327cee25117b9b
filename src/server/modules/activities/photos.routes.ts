/**
 * /activities/{id}/photos, /activity-photos/{id}: an activity's photos (现场照片, issue 16) — images only, checked by
 * their content, stored in the ledger's attachment store (fsynced before the row commits), visible exactly when the
 * activity is; uploading is recording on the activity.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { IdParams, errorResponses } from '../../../shared/api/common.ts';
import { ACTIVITY_PHOTO_TYPES, PhotoList } from '../../../shared/api/activities.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { writeAudit } from '../audit/index.ts';
import { discardCreated, openStored, receiveUploads } from '../ledger/index.ts';
import { canRecordAt } from './activities.policy.ts';
import { ACTIVITY } from './commands/activities.ts';
import * as repo from './activities.repo.ts';

const PHOTO = { zh: '照片', en: 'Photo' };
const photoUrl = (id: number) => `/api/v1/activity-photos/${id}`;

export const photoRoutes: FastifyPluginAsync<{ config: Config }> = async (app0, opts) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  await app.register(multipart, { limits: { fileSize: LIMITS.attachmentMaxBytes, files: LIMITS.attachmentsPerUpload, fields: 10 } });
  const list = async (activityId: number) => ({ items: (await repo.photosOf(db, activityId)).map((p) => ({ ...p, url: photoUrl(p.id) })) });

  app.get('/activities/:id/photos', {
    schema: { tags: ['activities'], summary: '活动的现场照片', params: IdParams, response: { 200: PhotoList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const row = await repo.findActivityInScope(db, req.actor, req.params.id);
    if (!row) throw notFound(ACTIVITY);
    return list(row.id);
  });

  app.post('/activities/:id/photos', {
    schema: {
      tags: ['activities'], summary: `上传现场照片（multipart/form-data，字段 file；${ACTIVITY_PHOTO_TYPES.join('、')}）`, params: IdParams, consumes: ['multipart/form-data'],
      response: { 201: PhotoList, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const row = await repo.findActivityInScope(db, req.actor, req.params.id);
    if (!row) throw notFound(ACTIVITY);
    if (!canRecordAt(req.actor, row.unitPath)) throw new AppError(403, 'forbidden');
    if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? '') });
    const stored = await receiveUploads(req.files(), opts.config.dataDir, row.tenantId, ACTIVITY_PHOTO_TYPES);
    const discard = () => discardCreated(opts.config.dataDir, stored.map((s) => s.file));
    const now = new Date().toISOString();
    await app.tx(async (trx) => {
      const ids: number[] = [];
      for (const s of stored) {
        ids.push(await repo.insertPhoto(trx, {
          tenantId: row.tenantId, activityId: row.id, filename: s.filename, mime: s.file.mime, size: s.file.size, sha256: s.file.sha256,
          storageKey: s.file.storageKey, uploadedBy: req.actor.userId, createdAt: now,
        }));
      }
      await writeAudit(trx, { tenantId: row.tenantId, actorId: req.actor.userId, action: 'activity.photo', entityType: 'activity', entityId: row.id, at: now, ip: req.ip, data: { photoIds: ids } });
    }).catch(async (err: unknown) => { await discard(); throw err; });
    return reply.status(201).send(await list(row.id));
  });

  app.get('/activity-photos/:id', {
    schema: { tags: ['activities'], summary: '查看现场照片', params: IdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const p = await repo.findPhoto(db, req.actor.tenantId, req.params.id);
    // A photo is visible exactly when its activity is.
    if (!p || !(await repo.findActivityInScope(db, req.actor, p.activityId))) throw notFound(PHOTO);
    const { stream, size } = await openStored(opts.config.dataDir, p.storageKey);
    return (reply as FastifyReply)
      .header('content-type', p.mime)
      .header('content-length', size)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(p.filename)}`)
      .send(stream);
  });
};
