/** /deadline-policies and /calendar: admins edit the clocks' rules and the working-day calendar. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CHANNELS, DEADLINE_KINDS, DEADLINE_UNITS, ISSUE_KINDS, POLICY_FAMILIES, URGENCIES } from '../../../shared/enums.ts';
import { AppError, langOf } from '../../plugins/errors.ts';
import { DateOnly, Nullable, StringEnum, errorResponses } from '../../schemas.ts';
import { writeAudit } from '../audit/index.ts';
import { isAdmin } from '../org/index.ts';
import type { ModuleManifest } from '../types.ts';
import * as repo from './deadlines.repo.ts';
import { CHANNEL_POLICY_KEY, calendarCoverage, deadlineContext, invalidateDeadlineContext } from './deadlines.service.ts';

const Policy = Type.Object({
  family: StringEnum(POLICY_FAMILIES),
  issueKind: StringEnum(['*', ...ISSUE_KINDS] as const),
  urgency: StringEnum(['*', ...URGENCIES] as const),
  clock: StringEnum(DEADLINE_KINDS),
  amount: Type.Integer({ minimum: 1, maximum: 3650 }),
  unit: StringEnum(DEADLINE_UNITS),
}, { additionalProperties: false });
/** Channel → policy family. (Type.Record with an enum key compiles to an unchecked empty object, so list the keys.) */
const ChannelFamily = Type.Object(
  Object.fromEntries(CHANNELS.map((c) => [c, StringEnum(POLICY_FAMILIES)])) as Record<(typeof CHANNELS)[number], ReturnType<typeof StringEnum<typeof POLICY_FAMILIES>>>,
  { additionalProperties: false },
);
const ChannelFamilyPatch = Type.Partial(ChannelFamily, { additionalProperties: false });
const Policies = Type.Object({
  items: Type.Array(Policy, { maxItems: 500 }),
  channelFamily: ChannelFamily,
});
const Day = Type.Object({ date: DateOnly, type: StringEnum(['holiday', 'workday'] as const), name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const requireAdmin = async (req: { actor: Parameters<typeof isAdmin>[0] }) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
  };

  app.get('/deadline-policies', {
    schema: { tags: ['deadlines'], summary: '期限规则', response: { 200: Policies, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    return { items: ctx.policies, channelFamily: ctx.channelFamily };
  });

  app.put('/deadline-policies', {
    schema: {
      tags: ['deadlines'], summary: '修改期限规则（管理员）',
      body: Type.Object({ items: Type.Array(Policy, { maxItems: 500 }), channelFamily: Type.Optional(ChannelFamilyPatch) }, { additionalProperties: false }),
      response: { 200: Policies, ...errorResponses },
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
    await db.transaction().execute(async (trx) => {
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
      response: { 200: Type.Object({ items: Type.Array(Day) }), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => ({ items: await repo.loadCalendar(db, req.actor.tenantId, req.query.year) }));

  app.get('/calendar/coverage', {
    schema: {
      tags: ['deadlines'], summary: '日历是否录入了期限所需年份的节假日（管理员）：今年、明年和运行中的期限到期的年份',
      response: {
        200: Type.Object({
          today: DateOnly,
          holidayYears: Type.Array(Type.Integer(), { description: '已录入节假日的年份' }),
          missingYears: Type.Array(Type.Integer(), { description: '期限需要但尚未录入节假日的年份（这些年份按双休日计算）' }),
          latestDueAt: Nullable(Type.String({ format: 'date-time', description: '运行中的期限最晚的到期时间' })),
          warning: Nullable(Type.String()),
        }),
        ...errorResponses,
      },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => {
    const c = await calendarCoverage(db, req.actor.tenantId, app.now());
    return { ...c, warning: c.warning && c.warning[langOf(req)] };
  });

  app.put('/calendar', {
    schema: {
      tags: ['deadlines'], summary: '新增或修改日历条目（管理员）',
      body: Type.Object({ items: Type.Array(Day, { maxItems: 400 }), remove: Type.Optional(Type.Array(DateOnly, { maxItems: 400 })) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => {
    if (req.body.items.length === 0 && !req.body.remove?.length) {
      throw new AppError(400, 'validation', { detail: '请至少提供一个要新增、修改或删除的日期', detail_en: 'give at least one date to add, change or remove' }, { items: '请至少提供一个日期' });
    }
    const now = new Date().toISOString();
    const t = req.actor.tenantId;
    await db.transaction().execute(async (trx) => {
      await repo.upsertCalendar(trx, t, req.body.items);
      await repo.deleteCalendarDays(trx, t, req.body.remove ?? []);
      await writeAudit(trx, { tenantId: t, actorId: req.actor.userId, action: 'calendar.edit', entityType: 'tenant', entityId: t, ip: req.ip, at: now, data: { upserted: req.body.items.length, removed: req.body.remove?.length ?? 0 } });
    });
    invalidateDeadlineContext(t);
    return reply.status(204).send(null);
  });
};

/** Deadline policies and the working-day calendar. */
export const deadlinesModule: ModuleManifest = { name: 'deadlines', routes };
