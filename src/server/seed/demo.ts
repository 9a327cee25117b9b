/**
 * The demo county 示例县, generated from a fixed seed: townships, villages/communities, grids, departments,
 * one user of every role (password `yixian-demo`), and about 2,000 issues over the last 12 months that went
 * through the real lifecycle commands, so their timelines, clocks and audit entries are what production makes.
 * What the issues say comes from `demo-texts.ts`: each is written from a template of its category at its own place
 * (a village's canal, a community's compound), handled by the unit for that category or the place's township, and
 * answered about that matter, so the suggestion models trained on the demo learn what real ones would.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import type { Channel, ReplyOutcome, Role, Satisfaction } from '../../shared/enums.ts';
import type { IssueAction } from '../../shared/lifecycle.ts';
import { hashPassword } from '../modules/auth/index.ts';
import type { Actor } from '../actor.ts';
import { actorByUsername, insertUnit, insertUser } from '../modules/org/index.ts';
import { deadlineContext, type DeadlineContext, sweepDeadlines } from '../modules/deadlines/index.ts';
import { createIssue, transitionIssue } from '../modules/ledger/index.ts';
import type { TransitionInput } from '../../shared/api/issues.ts';
import { ensureTenant } from './base.ts';
import { prng } from '../../shared/random.ts';
import { seedDemoActivities } from './demo-activities.ts';
import { seedDemoDocuments } from './demo-documents.ts';
import { DEMO_PLACES, DEMO_TOWNSHIPS, say, textSource, urgencyOf, type DemoPlace, type DemoText, type HandlerKey } from './demo-texts.ts';

/** Password of every demo account. */
export const DEMO_PASSWORD = 'yixian-demo';

/** The demo accounts printed at start. */
export const DEMO_ACCOUNTS: readonly { username: string; role: Role; where: string }[] = [
  { username: 'admin', role: 'admin', where: '示例县' },
  { username: 'clerk', role: 'clerk', where: '示例县信访局' },
  { username: 'leader', role: 'leader', where: '示例县' },
  { username: 'handler', role: 'handler', where: '示例县住房和城乡建设局' },
  { username: 'cadre', role: 'cadre', where: '城关镇' },
  { username: 'inspector', role: 'inspector', where: '示例县' },
];

const DEPARTMENTS: readonly { suffix: string; name: string; user: string | null; key: Exclude<HandlerKey, 'town'> | null }[] = [
  { suffix: '01', name: '示例县信访局', user: null, key: null },
  { suffix: '02', name: '示例县住房和城乡建设局', user: 'handler', key: 'housing' },
  { suffix: '03', name: '示例县人力资源和社会保障局', user: 'handler-rsj', key: 'hrss' },
  { suffix: '04', name: '示例县教育局', user: 'handler-jyj', key: 'education' },
  { suffix: '05', name: '示例县卫生健康局', user: 'handler-wjj', key: 'health' },
  { suffix: '06', name: '示例县生态环境局', user: 'handler-sthj', key: 'environment' },
  { suffix: '07', name: '示例县交通运输局', user: 'handler-jtj', key: 'transport' },
  { suffix: '08', name: '示例县市场监督管理局', user: 'handler-scj', key: 'market' },
  { suffix: '09', name: '示例县城市管理局', user: 'handler-cgj', key: 'urban' },
];

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['phone', 30], ['online', 16], ['visit', 12], ['letter', 8], ['portal', 10], ['field', 6], ['outreach', 5],
  ['research', 5], ['onsite', 5], ['open311', 3],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '伟', '芳', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚'];

const DAY = 86_400_000;

/** Seed the demo county unless it exists. Returns the number of issues generated. */
export async function seedDemo(db: Database, opts: { seed?: number; issues?: number; now?: Date } = {}): Promise<number> {
  const existing = await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirst();
  if (existing) return 0;
  const rand = prng(opts.seed ?? 20231117);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weighted = <T>(ws: readonly [T, number][]): T => {
    const total = ws.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [v, w] of ws) if ((r -= w) < 0) return v;
    return ws[ws.length - 1]![0];
  };
  const nowMs = (opts.now ?? new Date()).getTime();
  const setupAt = new Date(nowMs - 400 * DAY).toISOString();

  const tenantId = await ensureTenant(db, {
    code: 'demo', name: '示例县',
    units: [
      { code: '990000000000', name: '示例省', level: 'province' },
      { code: '990100000000', name: '示例市', level: 'city' },
      { code: '990101000000', name: '示例县', level: 'county' },
    ],
  });
  const county = await db.selectFrom('orgUnits').selectAll().where('tenantId', '=', tenantId).where('code', '=', '990101000000').executeTakeFirstOrThrow();
  const hash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    const villages: Village[] = [];
    const townshipIds: number[] = [];
    for (const t of DEMO_TOWNSHIPS) {
      const town = await insertUnit(trx, { tenantId, parentId: county.id, code: `990101${t.suffix}000`, name: t.name, level: 'township' }, setupAt);
      townshipIds.push(town.id);
      let communityNo = 1;
      let villageNo = 201;
      for (const { name: v } of t.places) {
        const isCommunity = v.endsWith('社区');
        const no = String(isCommunity ? communityNo++ : villageNo++).padStart(3, '0');
        const vil = await insertUnit(trx, { tenantId, parentId: town.id, code: `990101${t.suffix}${no}`, name: v, level: 'village' }, setupAt);
        const place = DEMO_PLACES.find((p) => p.name === v)!;
        villages.push({ id: vil.id, place, townshipId: town.id, townIndex: townshipIds.length });
        for (let g = 1; g <= 2; g++) {
          await insertUnit(trx, { tenantId, parentId: vil.id, code: `990101${t.suffix}${no}${String(g).padStart(3, '0')}`, name: `${v}第${g}网格`, level: 'grid' }, setupAt);
        }
      }
    }
    const depts = new Map<string, number>();
    for (const d of DEPARTMENTS) {
      const unit = await insertUnit(trx, { tenantId, parentId: county.id, code: `9901019${d.suffix}000`, name: d.name, level: 'department' }, setupAt);
      depts.set(d.name, unit.id);
    }
    const petitionOffice = depts.get('示例县信访局')!;
    const user = (username: string, displayName: string, role: Role, orgUnitId: number) => insertUser(trx, {
      tenantId, username, displayName, passwordHash: hash, bindings: [{ role, orgUnitId }],
    }, setupAt);
    await user('admin', '系统管理员', 'admin', county.id);
    await user('clerk', '信访局 周敏', 'clerk', county.id);
    await trx.insertInto('roleBindings').values({ tenantId, userId: (await actorByUsername(trx, 'clerk'))!.userId, role: 'clerk', orgUnitId: petitionOffice, createdAt: setupAt }).execute();
    await user('leader', '副县长 陈建国', 'leader', county.id);
    await user('inspector', '县委督查室 孙丽', 'inspector', county.id);
    await user('cadre', '城关镇 网格员 赵强', 'cadre', townshipIds[0]!);
    for (const d of DEPARTMENTS) if (d.user) await user(d.user, `${d.name.replace('示例县', '')} 承办人`, 'handler', depts.get(d.name)!);
    for (let i = 0; i < DEMO_TOWNSHIPS.length; i++) await user(`handler-town${i + 1}`, `${DEMO_TOWNSHIPS[i]!.name} 承办人`, 'handler', townshipIds[i]!);

    const categories = await trx.selectFrom('categories as c').innerJoin('categories as p', 'p.id', 'c.parentId')
      .select(['c.id', 'c.name', 'p.name as parent']).where('c.tenantId', '=', tenantId).execute();
    const catId = (top: string, second: string) => {
      const c = categories.find((x) => x.parent === top && x.name === second);
      if (!c) throw new Error(`demo category ${top}/${second} is not in the default tree`);
      return c.id;
    };

    const actors = new Map<string, Actor>();
    const actor = async (username: string) => {
      let a = actors.get(username);
      if (!a) {
        a = (await actorByUsername(trx, username))!;
        actors.set(username, a);
      }
      return a;
    };
    const ctx = await deadlineContext(trx as unknown as Kysely<DB>, tenantId);
    const total = opts.issues ?? 2000;
    const places = villages.map((v) => v.place);
    const env: GenEnv = {
      rand, pick, weighted, nowMs, villageOf: new Map(villages.map((v) => [v.place, v])), places,
      // The grid worker registers what they hear in their own township (城关镇).
      cadrePlaces: villages.filter((v) => v.townshipId === townshipIds[0]).map((v) => v.place),
      nextText: textSource(rand), depts, catId, actor, openBySlots: new Map(),
    };
    for (let i = 0; i < total; i++) {
      await generateIssue(trx, ctx, env);
    }
    // The activities the outreach and research issues were heard at, and the rest of the year's lectures.
    if (total > 0) {
      await seedDemoActivities(trx, {
        tenantId, nowMs, rand, actor, ctx, unitOf: (name) => villages.find((v) => v.place.name === name)!.id,
      });
      // The notices and opinions the petition office issued over the last two months.
      await seedDemoDocuments(trx, { tenantId, nowMs, clerk: await actor('clerk') });
    }
    await sweepDeadlines(trx, new Date(nowMs).toISOString());
    return total;
  });
}

interface Village { id: number; place: DemoPlace; townshipId: number; /** 1-based, as in `handler-town<n>` */ townIndex: number }

interface GenEnv {
  rand: () => number;
  pick: <T>(xs: readonly T[]) => T;
  weighted: <T>(ws: readonly [T, number][]) => T;
  nowMs: number;
  villageOf: Map<DemoPlace, Village>;
  places: readonly DemoPlace[];
  cadrePlaces: readonly DemoPlace[];
  nextText: (places: readonly DemoPlace[]) => DemoText;
  depts: Map<string, number>;
  catId: (top: string, second: string) => number;
  actor: (username: string) => Promise<Actor>;
  /** The latest issue written with each set of slots (a repeat's earlier issue: a candidate for 并单). */
  openBySlots: Map<object, number>;
}

async function generateIssue(db: Kysely<DB>, ctx: DeadlineContext, env: GenEnv): Promise<void> {
  const { rand, pick, weighted, nowMs } = env;
  // Skew towards recent months, as a growing system would see.
  const ageDays = Math.floor(Math.pow(rand(), 1.3) * 365);
  let t = nowMs - ageDays * DAY - Math.floor(rand() * DAY);
  const at = () => new Date(t).toISOString();
  // Work left waiting (a returned assignment, a pending approval) is only realistic for recent cases.
  const recent = () => nowMs - t < 20 * DAY;
  const later = (minH: number, maxH: number) => { t += (minH + rand() * (maxH - minH)) * 3600_000; return t < nowMs - 60_000; };

  const channel = weighted(CHANNEL_WEIGHTS);
  const registrar = channel === 'outreach' || channel === 'research' || (channel === 'field' && rand() < 0.5) ? 'cadre' : 'clerk';
  const text = env.nextText(registrar === 'cadre' ? env.cadrePlaces : env.places);
  const { template, place, slots } = text;
  const village = env.villageOf.get(place)!;
  /** The matter with its place, for notes: 东关村东关渠淤塞. */
  const matter = `${place.name}${say(text, 'what')}`;
  const urgency = urgencyOf(template, rand());
  const anonymous = rand() < 0.12;
  const name = pick([...SURNAMES]) + pick(GIVEN);
  const phone = `1${pick(['35', '38', '39', '58', '86', '89'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
  const address = place.kind === 'community' ? `${place.township}${place.name}${slots.compound}${slots.bld}栋`
    : `${place.township}${place.name}${slots.group}${1 + Math.floor(rand() * 60)}号`;
  const receivedAt = at();
  if (!later(0.1, channel === 'letter' ? 72 : 2)) return;
  const { id } = await createIssue(db, ctx, await env.actor(registrar), {
    title: text.title, body: text.body, channel, kind: text.kind, urgency, orgUnitId: village.id, categoryId: env.catId(...template.category), receivedAt,
    anonymous, petitioner: anonymous ? null : { name, phone, address },
  }, at());
  let version = 1;
  const act = async (username: string, input: Omit<TransitionInput, 'version'>) => {
    await transitionIssue(db, ctx, await env.actor(username), id, { ...input, version } as TransitionInput, at());
    version += 1;
  };
  const step = async (minH: number, maxH: number, username: string, input: Omit<TransitionInput, 'version'> & { action: IssueAction }) => {
    if (!later(minH, maxH)) return false;
    await act(username, input);
    return true;
  };

  const earlier = env.openBySlots.get(slots);
  env.openBySlots.set(slots, id);
  if (text.repeat && earlier && rand() < 0.5) {
    const target = await db.selectFrom('issues').select(['status', 'createdAt']).where('id', '=', earlier).executeTakeFirst();
    // Only into an issue that was already there when this one came in (generation order is not time order).
    if (target && target.createdAt < receivedAt && ['registered', 'accepted', 'assigned', 'in_progress'].includes(target.status)) {
      await step(1, 24, 'clerk', { action: 'merge', intoIssueId: earlier, note: '与已登记问题为同一事项，并单办理' });
      return;
    }
  }
  if (template.decline && rand() < 0.25) {
    await step(2, 100, 'clerk', { action: 'decline', ...template.decline });
    return;
  }
  if (!(await step(1, 120, 'clerk', { action: 'accept' }))) return;
  const dept = template.unit === 'town' ? undefined : DEPARTMENTS.find((d) => d.key === template.unit);
  // A department's matter is now and then left to the township (属地), as counties do.
  const toTown = !dept || rand() < 0.1;
  const townHandler = `handler-town${village.townIndex}`;
  let unitId = toTown ? village.townshipId : env.depts.get(dept.name)!;
  let handler = toTown ? townHandler : dept.user!;
  if (!(await step(1, 48, 'clerk', { action: 'assign', unitId }))) return;
  if (!toTown && rand() < (recent() ? 0.3 : 0.06)) {
    if (!(await step(2, 72, handler, { action: 'return', reason: `该事项需属地先行调查核实，建议转交${place.township}办理` }))) return;
    if (recent() && rand() < 0.5) return; // still waiting for the clerk to re-assign
    unitId = village.townshipId;
    handler = townHandler;
    if (!(await step(1, 24, 'clerk', { action: 'assign', unitId }))) return;
  }
  const onSite = text.kind !== 'consult';
  if (!(await step(2, 96, handler, { action: 'start', note: `已电话联系诉求人，了解${matter}的具体情况${onSite ? `，约定到${place.name}现场核实` : ''}` }))) return;
  if (rand() < 0.05) {
    if (!(await step(24, 400, handler, { action: 'request_extension', reason: `${matter}涉及多个部门协调，需进一步调查核实`, days: 30 }))) return;
    if (recent() && rand() < 0.5) return; // awaiting the leader's approval
    if (!(await step(2, 48, 'leader', { action: 'approve_extension', note: '同意延期，请抓紧办理' }))) return;
  }
  if (rand() < 0.08) await step(24, 300, 'leader', { action: 'supervise', note: `请承办单位加快办理${matter}问题，按期答复群众` });
  // Some cases stay open long enough to run past their handling limit.
  const outcome: ReplyOutcome = text.kind === 'consult' ? weighted([['support', 20], ['explain', 80]]) : weighted([['support', 60], ['explain', 32], ['reject', 8]]);
  // A township answering a department's matter speaks for itself: 我局 → 我镇 / 我乡 / 我街道.
  const own = (s: string) => (handler === townHandler ? s.replaceAll('我局', `我${place.gov.replace(/政府|办事处/, '')}`) : s);
  const replyText = own(say(text, outcome === 'support' ? 'support' : outcome === 'explain' ? 'explain' : 'reject'));
  const basis = template.basis ?? '《信访工作条例》及相关政策规定';
  if (!(await step(24, rand() < 0.1 ? 2000 : 500, handler, { action: 'reply', outcome, text: replyText, basis }))) return;
  const resolved = outcome === 'support' ? rand() < 0.92 : rand() < 0.5;
  const satisfaction: Satisfaction = resolved ? weighted([['satisfied', 75], ['basically_satisfied', 25]]) : weighted([['unsatisfied', 70], ['basically_satisfied', 30]]);
  if (!(await step(12, 96, 'clerk', { action: 'callback', resolved, satisfaction }))) return;
  if (!resolved && rand() < 0.3) {
    if (!(await step(2, 48, 'leader', { action: 'reopen', reason: '群众不满意，责成重新办理' }))) return;
    if (recent() && rand() < 0.5) return; // reopened, not yet re-assigned
    if (!(await step(1, 24, 'clerk', { action: 'assign', unitId }))) return;
    if (!(await step(2, 48, handler, { action: 'start', note: `再次到${place.name}上门了解${say(text, 'what')}诉求` }))) return;
    if (!(await step(48, 300, handler, { action: 'reply', outcome: 'support', text: `经重新办理，${matter}问题已协调解决，诉求人表示认可。` }))) return;
    if (!(await step(12, 72, 'clerk', { action: 'callback', resolved: true, satisfaction: 'basically_satisfied' }))) return;
    await step(1, 24, 'clerk', { action: 'close' });
    return;
  }
  if (!(await step(1, 24, 'clerk', { action: 'close' }))) return;
  if (!resolved && rand() < 0.25 && (channel === 'letter' || channel === 'visit' || channel === 'online' || channel === 'field')) {
    if (!(await step(24, 300, 'clerk', { action: 'request_review', note: '信访人对处理意见不服，提出复查请求' }))) return;
    if (recent() && rand() < 0.5) return; // 复查 under way
    if (!(await step(48, 600, 'leader', { action: 'decide_review', outcome: 'explain', text: '经复查，原处理意见认定事实清楚、适用政策正确，予以维持。' }))) return;
    if (rand() < 0.4) {
      if (!(await step(24, 300, 'clerk', { action: 'request_re_review', note: '信访人对复查意见不服，请求复核' }))) return;
      if (recent() && rand() < 0.5) return; // 复核 under way
      if (!(await step(48, 600, 'leader', { action: 'decide_re_review', outcome: 'explain', text: '经复核，维持复查意见。信访人就同一事实和理由再次提出的，不再受理。' }))) return;
    }
    // The 复查/复核 opinion is a new written reply: it is called back and the case closed again.
    if (!(await step(12, 96, 'clerk', { action: 'callback', resolved: false, satisfaction: 'basically_satisfied' }))) return;
    await step(1, 24, 'clerk', { action: 'close' });
  }
}
