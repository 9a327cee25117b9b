/**
 * The demo county's on-site office sessions (现场办公, issue 17), made with the activities module's commands: the
 * county's leader holds office in a township with the departments at the table, takes up open issues of that township
 * from the ledger, solves some on the spot (each named department signs: the housing bureau's handler in the app, the
 * others recorded with the signer's name), follows others up with a unit and a deadline (the older session's are past
 * due by now, the recent one's still running), and leaves one; one more session is planned with its agenda set.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../actor.ts';
import {
  addAgendaItem, createActivity, demoOpenIssuesUnder, followUp, leaveItem, runningHandleClock, setOnsiteUnits, signOff, solveOnSpot, unitIdsByName,
} from '../modules/activities/index.ts';
import type { DeadlineContext } from '../modules/deadlines/index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HOUSING = '示例县住房和城乡建设局';

const SESSIONS = [
  { township: '城关镇', days: -20, title: '城关镇民生实事现场办公会', place: '城关镇人民政府三楼会议室', units: [HOUSING, '示例县城市管理局', '示例县交通运输局'] },
  { township: '青山乡', days: -5, title: '青山乡农村饮水和道路现场办公会', place: '青山乡青山村村部', units: ['示例县交通运输局', '示例县卫生健康局', '示例县生态环境局', HOUSING] },
  { township: '柳河镇', days: 6, title: '柳河镇集镇环境整治现场办公会', place: '柳河镇便民服务中心', units: ['示例县城市管理局', '示例县市场监督管理局', HOUSING] },
] as const;
const SIGNERS = ['王志刚', '刘海燕', '张卫东', '李红梅', '陈晓峰', '杨建华'];
const SOLVABLE = ['registered', 'accepted', 'returned', 'reopened', 'assigned', 'in_progress'] as const;

export interface DemoOnsiteEnv {
  tenantId: number;
  nowMs: number;
  actor: (username: string) => Promise<Actor>;
  ctx: DeadlineContext;
}

/** Seed the on-site sessions; returns how many were made. */
export async function seedDemoOnsite(db: Kysely<DB>, env: DemoOnsiteEnv): Promise<number> {
  const leader = await env.actor('leader');
  const clerk = await env.actor('clerk');
  const housing = await env.actor('handler');
  const iso = (ms: number) => new Date(ms).toISOString();
  const names = await unitIdsByName(db, env.tenantId, [...new Set(SESSIONS.flatMap((s) => [s.township, ...s.units]))]);
  const id = (name: string) => names.get(name)!;
  for (const [k, s] of SESSIONS.entries()) {
    // Past sessions in the morning (Beijing 09:00); the planned one the same hour, days ahead.
    const day = Math.floor((env.nowMs + s.days * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    const startMs = day + 9 * HOUR;
    const held = startMs < env.nowMs;
    const session = await createActivity(db, leader, {
      kind: 'onsite', title: s.title, orgUnitId: id(s.township), startsAt: iso(startMs), endsAt: iso(startMs + 3 * HOUR), placeText: s.place,
      cadreIds: [leader.userId, clerk.userId], participantCount: held ? 12 + k * 3 : null, status: held ? 'done' : 'planned',
      notes: held ? '县领导带领有关部门到现场办公，逐件研究群众反映突出的问题，能当场解决的当场解决，不能当场解决的明确责任单位和时限。' : '',
    }, iso(Math.min(startMs - 3 * DAY, env.nowMs - 2 * HOUR)));
    const at = held ? iso(startMs + HOUR) : iso(env.nowMs - HOUR);
    const present = new Set(s.units.map(id));
    // Cases a unit already holds first: the session settles them with that unit (a new case is not given to a unit at random).
    const open = await demoOpenIssuesUnder(db, env.tenantId, id(s.township), held ? iso(startMs) : at, SOLVABLE);
    const candidates = [...open.filter((c) => c.responsibleUnitId && ['assigned', 'in_progress'].includes(c.status)).slice(0, 3), ...open.filter((c) => c.status === 'registered').slice(0, 1)];
    // A unit that already holds a case on the agenda comes to the table too.
    for (const c of candidates) if (c.responsibleUnitId && ['assigned', 'in_progress'].includes(c.status)) present.add(c.responsibleUnitId);
    await setOnsiteUnits(db, leader, session, [...present], at);
    const items: { itemId: number; issueId: number; status: string; resp: number | null }[] = [];
    for (const c of candidates) items.push({ itemId: await addAgendaItem(db, leader, session, c.id, at), issueId: c.id, status: c.status, resp: c.responsibleUnitId });
    if (!held) continue;
    const heldBy = (i: (typeof items)[number]) => (['assigned', 'in_progress'].includes(i.status) ? i.resp : null);
    for (const [n, item] of items.entries()) {
      const when = iso(startMs + (1 + n * 0.5) * HOUR);
      const owner = heldBy(item);
      // The last item of a session is left for later (one that needs the county to decide first).
      const last = n === items.length - 1 && items.length > 1;
      if (!last && owner && (n === 0 || n === 2)) {
        // Solved on the spot: the unit that holds it and another at the table sign.
        const other = [...present].find((u) => u !== owner)!;
        const named = [owner, other];
        await solveOnSpot(db, leader, session, item.itemId, {
          unitIds: named, solution: n === 0 ? '各部门现场会商，明确维修方案和资金来源，当天组织施工。' : '现场核实情况属实，责任部门当场答复并落实整改，相关部门配合。',
        }, when);
        for (const [j, u] of named.entries()) {
          const byHandler = u === id(HOUSING);
          await signOff(db, env.ctx, byHandler ? housing : leader, session, item.itemId, { unitId: u, ...(byHandler ? {} : { signerName: SIGNERS[(k * 3 + n + j) % SIGNERS.length]! }) }, iso(Date.parse(when) + (j + 1) * 10 * 60_000));
        }
      } else if (!last && owner && n === 1) {
        const unit = owner;
        // Ten days, never past the statutory handling limit the case already runs on.
        const clock = await runningHandleClock(db, item.issueId);
        const due = Math.min(startMs + 10 * DAY, clock ? Date.parse(clock.dueAt) - HOUR : Infinity);
        if (due > Date.parse(when) + DAY) await followUp(db, env.ctx, leader, session, item.itemId, { unitId: unit, dueAt: iso(due), task: '会后十日内拿出整改方案并答复群众' }, when);
        else await leaveItem(db, leader, session, item.itemId, '已临近法定办理期限，由承办单位按期办结', when);
      } else {
        await leaveItem(db, leader, session, item.itemId, '涉及规划调整，待县里统一研究后再议', when);
      }
    }
  }
  return SESSIONS.length;
}
