/**
 * The 四下基层 ledger (issue 17, DESIGN §9): for a unit's subtree and a period, what each cadre and each unit below it
 * did and — first — what came of it: the issues heard at their done activities, how many were resolved (coarse type
 * `resolved`: a case closed unresolved does not count) and how the residents rated the call-backs; then the activities
 * by kind and the villages and communities reached (an activity or a visit there), and those not reached at all.
 * Read from the activities, their cadres and visits and the issues they produced; nothing is counted twice: an
 * activity with two cadres counts once for the unit and once for each cadre, a merged duplicate not at all, and the
 * units' rows (with a 本级 row for what was held at the unit itself) add up to the total.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { scopePaths, type Actor } from '../../actor.ts';
import { notFound } from '../../plugins/errors.ts';
import type { CadreLedger, CadreLedgerFilter } from '../../../shared/api/activities.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../shared/enums.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { addDays, startOfShanghaiDay } from '../../../shared/shanghai-date.ts';

type Db = Kysely<DB>;
type Outcomes = Omit<CadreLedger['total'], 'places'>;

const blank = (): Outcomes => ({
  activities: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Outcomes['activities'],
  activityTotal: 0, placesReached: 0, issues: 0, resolved: 0, calledBack: 0, satisfied: 0, basicallySatisfied: 0,
});

/** The unit the ledger is for: the one asked for if the actor's scope holds it, else the actor's own (404 outside). */
async function unitFor(db: Db, actor: Actor, unitId: number | undefined) {
  const paths = scopePaths(actor.bindings);
  const units = db.selectFrom('orgUnits').select(['id', 'name', 'path']).where('tenantId', '=', actor.tenantId);
  const unit = unitId
    ? await units.where('id', '=', unitId).executeTakeFirst()
    : paths[0] ? await units.where('path', '=', paths[0]).executeTakeFirst() : undefined;
  if (!unit || !paths.some((p) => unit.path.startsWith(p))) throw notFound({ zh: '单位', en: 'Unit' });
  return unit;
}

/** Compute the ledger. */
export async function cadreLedger(db: Db, actor: Actor, f: CadreLedgerFilter): Promise<CadreLedger> {
  const unit = await unitFor(db, actor, f.unitId);
  const from = startOfShanghaiDay(f.from);
  const to = startOfShanghaiDay(addDays(f.to, 1));
  const under = `${unit.path}%`;

  const activities = await db.selectFrom('activities as a').innerJoin('orgUnits as u', 'u.id', 'a.orgUnitId')
    .select(['a.id', 'a.kind', 'u.path']).where('a.tenantId', '=', actor.tenantId).where('a.status', '=', 'done')
    .where('a.startsAt', '>=', from).where('a.startsAt', '<', to).where('u.path', 'like', under).execute();
  const ids = activities.map((a) => a.id);
  const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));
  const cadreRows: { activityId: number; userId: number; name: string }[] = [];
  const visitRows: { activityId: number; path: string }[] = [];
  const issueRows: { activityId: number; status: string; satisfaction: string | null }[] = [];
  for (const part of chunks(ids)) {
    cadreRows.push(...await db.selectFrom('activityCadres as c').innerJoin('users', 'users.id', 'c.userId')
      .select(['c.activityId', 'c.userId', 'users.displayName as name']).where('c.activityId', 'in', part).execute());
    visitRows.push(...await db.selectFrom('activityVisits as v').innerJoin('orgUnits as u', 'u.id', 'v.orgUnitId')
      .select(['v.activityId', 'u.path']).where('v.activityId', 'in', part).execute());
    // A duplicate merged into another issue was heard once, as that issue: it is not counted again.
    issueRows.push(...(await db.selectFrom('issues').select(['sourceActivityId', 'status', 'satisfaction'])
      .where('tenantId', '=', actor.tenantId).where('sourceActivityId', 'in', part).where('status', '!=', 'merged').execute()).map((i) => ({ activityId: i.sourceActivityId!, status: i.status, satisfaction: i.satisfaction })));
  }
  // The villages and communities of the subtree (their grids belong to them), and the units just below the chosen one.
  const villages = await db.selectFrom('orgUnits as v').leftJoin('orgUnits as t', 't.id', 'v.parentId').select(['v.id', 'v.name', 'v.path', 't.name as township'])
    .where('v.tenantId', '=', actor.tenantId).where('v.level', '=', 'village').where('v.path', 'like', under).orderBy('v.path').execute();
  const children = await db.selectFrom('orgUnits').select(['id', 'name', 'path']).where('tenantId', '=', actor.tenantId)
    .where('parentId', '=', (await db.selectFrom('orgUnits').select('id').where('path', '=', unit.path).executeTakeFirstOrThrow()).id)
    .where('level', '!=', 'department').orderBy(sql`path`).execute();
  const villageOf = (path: string) => villages.find((v) => path.startsWith(v.path))?.id;

  const places = new Map<number, Set<number>>();
  const addPlace = (activityId: number, path: string) => {
    const v = villageOf(path);
    if (v) (places.get(activityId) ?? places.set(activityId, new Set()).get(activityId)!).add(v);
  };
  for (const a of activities) addPlace(a.id, a.path);
  for (const v of visitRows) addPlace(v.activityId, v.path);
  const issuesOf = new Map<number, typeof issueRows>();
  for (const i of issueRows) (issuesOf.get(i.activityId) ?? issuesOf.set(i.activityId, []).get(i.activityId)!).push(i);

  /** Sum the outcomes of a set of activities. */
  const sum = (acts: readonly { id: number; kind: string }[]): Outcomes => {
    const o = blank();
    const reached = new Set<number>();
    for (const a of acts) {
      o.activities[a.kind as ActivityKind]++;
      o.activityTotal++;
      for (const v of places.get(a.id) ?? []) reached.add(v);
      for (const i of issuesOf.get(a.id) ?? []) {
        o.issues++;
        if (STATUS_INFO[i.status as IssueStatus]?.type === 'resolved') o.resolved++;
        if (i.satisfaction) {
          o.calledBack++;
          if (i.satisfaction === 'satisfied') o.satisfied++;
          if (i.satisfaction === 'basically_satisfied') o.basicallySatisfied++;
        }
      }
    }
    o.placesReached = reached.size;
    return o;
  };
  // Outcomes first: resolved, then residents satisfied, then how much was done.
  const byOutcome = (x: Outcomes, y: Outcomes) => y.resolved - x.resolved || (y.satisfied + y.basicallySatisfied) - (x.satisfied + x.basicallySatisfied) || y.activityTotal - x.activityTotal;

  const cadreIds = [...new Set(cadreRows.map((c) => c.userId))];
  const homes = cadreIds.length ? await db.selectFrom('roleBindings as b').innerJoin('orgUnits as u', 'u.id', 'b.orgUnitId').select(['b.userId', 'u.name'])
    .where('b.userId', 'in', cadreIds).orderBy('u.path').execute() : [];
  const cadres = cadreIds.map((userId) => {
    const mine = new Set(cadreRows.filter((c) => c.userId === userId).map((c) => c.activityId));
    return {
      userId, name: cadreRows.find((c) => c.userId === userId)!.name, unitName: homes.find((h) => h.userId === userId)?.name ?? '',
      ...sum(activities.filter((a) => mine.has(a.id))),
    };
  }).sort((x, y) => byOutcome(x, y) || x.name.localeCompare(y.name, 'zh'));
  const units = children.map((c) => ({
    id: c.id, name: c.name, places: villages.filter((v) => v.path.startsWith(c.path)).length,
    ...sum(activities.filter((a) => a.path.startsWith(c.path))),
  })).sort((x, y) => byOutcome(x, y));
  // Activities held at the unit itself or at one of its departments: a row of their own, so the rows add up to the total.
  const own = activities.filter((a) => !children.some((c) => a.path.startsWith(c.path)));
  if (own.length > 0) units.push({ id: unit.id, name: `${unit.name}（本级）`, places: 0, ...sum(own) });
  const reachedAll = new Set([...places.values()].flatMap((s) => [...s]));
  return {
    unit: { id: unit.id, name: unit.name }, from: f.from, to: f.to, cadres, units,
    total: { places: villages.length, ...sum(activities) },
    unreached: villages.filter((v) => !reachedAll.has(v.id)).map((v) => ({ id: v.id, name: v.name, township: v.township ?? '' })),
  };
}
