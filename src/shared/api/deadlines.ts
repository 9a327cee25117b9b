/** TypeBox schemas of the clocks' rules and the working-day calendar, and their types for the web. */
import { Type, type Static } from 'typebox';
import { CHANNELS, DEADLINE_KINDS, DEADLINE_UNITS, ISSUE_KINDS, POLICY_FAMILIES, URGENCIES } from '../enums.ts';
import { DateOnly, Nullable, StringEnum } from './common.ts';

/** One rule: how long a clock runs for a family, kind of issue and urgency (`*`: any). */
export const PolicyIn = Type.Object({
  family: StringEnum(POLICY_FAMILIES),
  issueKind: StringEnum(['*', ...ISSUE_KINDS] as const),
  urgency: StringEnum(['*', ...URGENCIES] as const),
  clock: StringEnum(DEADLINE_KINDS),
  amount: Type.Integer({ minimum: 1, maximum: 3650 }),
  unit: StringEnum(DEADLINE_UNITS),
}, { additionalProperties: false });
/** Channel → policy family. (Type.Record with an enum key compiles to an unchecked empty object, so list the keys.) */
export const ChannelFamily = Type.Object(
  Object.fromEntries(CHANNELS.map((c) => [c, StringEnum(POLICY_FAMILIES)])) as Record<(typeof CHANNELS)[number], ReturnType<typeof StringEnum<typeof POLICY_FAMILIES>>>,
  { additionalProperties: false },
);
/** GET and PUT /deadline-policies: the rules and each channel's family. */
export const PoliciesOut = Type.Object({
  items: Type.Array(PolicyIn, { maxItems: 500 }),
  channelFamily: ChannelFamily,
});
/** Body of PUT /deadline-policies: the whole rule table, and the channels whose family changes. */
export const PoliciesBody = Type.Object({
  items: Type.Array(PolicyIn, { maxItems: 500 }), channelFamily: Type.Optional(Type.Partial(ChannelFamily, { additionalProperties: false })),
}, { additionalProperties: false });

/** A day of the calendar: a public holiday (休) or a make-up working day (班). */
export const CalendarDayIn = Type.Object({ date: DateOnly, type: StringEnum(['holiday', 'workday'] as const), name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });
/** GET /calendar. */
export const CalendarOut = Type.Object({ items: Type.Array(CalendarDayIn) });
/** Body of PUT /calendar. */
export const CalendarBody = Type.Object({ items: Type.Array(CalendarDayIn, { maxItems: 400 }), remove: Type.Optional(Type.Array(DateOnly, { maxItems: 400 })) }, { additionalProperties: false });

/** GET /calendar/coverage: the years the clocks need that have no holidays entered. */
export const CalendarCoverageOut = Type.Object({
  today: DateOnly,
  holidayYears: Type.Array(Type.Integer(), { description: '已录入节假日的年份' }),
  missingYears: Type.Array(Type.Integer(), { description: '期限需要但尚未录入节假日的年份（这些年份按双休日计算）' }),
  latestDueAt: Nullable(Type.String({ format: 'date-time', description: '运行中的期限最晚的到期时间' })),
  warning: Nullable(Type.String()),
});

/** One deadline rule. */
export type Policy = Static<typeof PolicyIn>;
/** The rules and each channel's family. */
export type Policies = Static<typeof PoliciesOut>;
/** A day of the calendar. */
export type CalendarDay = Static<typeof CalendarDayIn>;
/** The calendar's coverage. */
export type CalendarCoverage = Static<typeof CalendarCoverageOut>;
