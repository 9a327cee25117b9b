/** /deadline-policies and /calendar: admins edit the clocks' rules and the working-day calendar. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, langOf } from '../../plugins/errors.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import { CalendarBody, CalendarCoverageOut, CalendarOut, PoliciesBody, PoliciesOut } from '../../../shared/api/deadlines.ts';
import { writeAudit } from '../audit/index.ts';
import { isAdmin } from '../org/index.ts';
import type { ModuleManifest } from '../types.ts';
import { sweepDeadlines } from './sweeper.ts';
import * as repo from './deadlines.repo.ts';
import { CHANNEL_POLICY_KEY, calendarCoverage, deadlineContext, invalidateDeadlineContext } from './deadlines.service.ts';
import { DEFAULT_POLICIES } from './engine.ts';
import { OFFICIAL_CALENDAR } from './official-holidays.ts';

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const requireAdmin = async (req: { actor: Parameters<typeof isAdmin>[0] }) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
  };

  app.get('/deadline-policies', {
    schema: { tags: ['deadlines'], summary: '期限规则', response: { 200: PoliciesOut, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    return { items: ctx.policies, channelFamily: ctx.channelFamily };
  });

  app.put('/deadline-policies', {
    schema: {
      tags: ['deadlines'], summary: '修改期限规则（管理员）',
      body: PoliciesBody,
      response: { 200: PoliciesOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => {
    const seen = new Map<string, number>();
    req.body.items.forEach((p, i) => {
      const key = [p.family, p.issueKind, p.urgency, p.clock].join('|');
      if (seen.has(key)) {
        throw new AppError(400, 'validation', { detail: `第 ${seen.get(key)! + 1} 条与第 ${i + 1} 条规则重复`, detail_en: `rules ${seen.get(key)! + 1} and ${i + 1} are the same` }, { [`items.${i}`]: '与前面的规则重复' });
      }
      seen.set(key, i);
    });
    const now = new Date().toISOString();
    const t = req.actor.tenantId;
    await app.tx(async (trx) => {
      await repo.replacePolicies(trx, t, req.body.items, now);
      if (req.body.channelFamily) await repo.putSetting(trx, t, CHANNEL_POLICY_KEY, req.body.channelFamily);
      await writeAudit(trx, { tenantId: t, actorId: req.actor.userId, action: 'deadline_policies.replace', entityType: 'tenant', entityId: t, ip: req.ip, at: now, data: { count: req.body.items.length } });
    });
    invalidateDeadlineContext(t);
    const ctx = await deadlineContext(db, t);
    return { items: ctx.policies, channelFamily: ctx.channelFamily };
  });

  app.get('/calendar', {
    schema: {
      tags: ['deadlines'], summary: '节假日与调休日历', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
      response: { 200: CalendarOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => ({ items: await repo.loadCalendar(db, req.actor.tenantId, req.query.year) }));

  app.get('/calendar/coverage', {
    schema: {
      tags: ['deadlines'], summary: '日历是否录入了期限所需年份的节假日（管理员）：今年、明年和运行中的期限到期的年份',
      response: { 200: CalendarCoverageOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => {
    const c = await calendarCoverage(db, req.actor.tenantId, app.now());
    return { ...c, warning: c.warning && c.warning[langOf(req)] };
  });

  app.put('/calendar', {
    schema: {
      tags: ['deadlines'], summary: '新增或修改日历条目（管理员）',
      body: CalendarBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => {
    if (req.body.items.length === 0 && !req.body.remove?.length) {
      throw new AppError(400, 'validation', { detail: '请至少提供一个要新增、修改或删除的日期', detail_en: 'give at least one date to add, change or remove' }, { items: '请至少提供一个日期' });
    }
    const now = new Date().toISOString();
    const t = req.actor.tenantId;
    await app.tx(async (trx) => {
      await repo.upsertCalendar(trx, t, req.body.items);
      await repo.deleteCalendarDays(trx, t, req.body.remove ?? []);
      await writeAudit(trx, { tenantId: t, actorId: req.actor.userId, action: 'calendar.edit', entityType: 'tenant', entityId: t, ip: req.ip, at: now, data: { upserted: req.body.items.length, removed: req.body.remove?.length ?? 0 } });
    });
    invalidateDeadlineContext(t);
    return reply.status(204).send(null);
  });
};

/** Deadline policies and the working-day calendar. */
export const deadlinesModule: ModuleManifest = {
  name: 'deadlines', routes,
  // A new tenant starts with the statutory deadline rules and the official holiday calendar.
  seedTenant: async (trx, tenantId, now) => {
    await repo.replacePolicies(trx, tenantId, DEFAULT_POLICIES, now);
    await repo.upsertCalendar(trx, tenantId, OFFICIAL_CALENDAR);
  },
  jobs: [{
    name: 'deadline sweep',
    everySeconds: (config) => config.sweepSeconds,
    run: async ({ db, log }) => {
      const r = await sweepDeadlines(db, new Date().toISOString(), { log });
      if (r.escalated || r.warned) log.info(r, 'deadline sweep');
    },
  }],
  commands: [{
    name: 'sweep',
    help: ['sweep                          运行一次期限巡检（预警与自动督办）'],
    run: async ({ db }) => {
      const r = await sweepDeadlines(db, new Date().toISOString());
      console.log(`期限巡检完成：督办 ${r.escalated} 项，预警 ${r.warned} 项`);
      for (const m of r.missingHolidays) console.log(`注意：${m.message}`);
    },
  }],
};
