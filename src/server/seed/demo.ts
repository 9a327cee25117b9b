/**
 * The demo county 示例县, generated from a fixed seed: townships, villages/communities, grids, departments,
 * one user of every role (password `yixian-demo`), and about 2,000 issues over the last 12 months that went
 * through the real lifecycle commands, so their timelines, clocks and audit entries are what production makes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import type { Channel, IssueKind, ReplyOutcome, Role, Satisfaction, Urgency } from '../../shared/enums.ts';
import type { IssueAction } from '../../shared/lifecycle.ts';
import { hashPassword } from '../modules/auth/index.ts';
import type { Actor } from '../actor.ts';
import { actorByUsername, insertUnit, insertUser } from '../modules/org/index.ts';
import { deadlineContext, type DeadlineContext, sweepDeadlines } from '../modules/deadlines/index.ts';
import { createIssue, transitionIssue } from '../modules/ledger/index.ts';
import type { TransitionInput } from '../../shared/api/issues.ts';
import { ensureTenant } from './base.ts';
import { prng } from '../../shared/random.ts';

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

const TOWNSHIPS = [
  { suffix: '001', name: '城关镇', villages: ['解放路社区', '人民路社区', '北门社区', '东关村', '西关村'] },
  { suffix: '002', name: '东湖街道', villages: ['湖滨社区', '新华社区', '东湖村', '渔港村'] },
  { suffix: '003', name: '青山乡', villages: ['青山村', '石门村', '竹林村', '杨家坪村'] },
  { suffix: '004', name: '柳河镇', villages: ['柳河社区', '柳树村', '河湾村', '王庄村'] },
  { suffix: '005', name: '白石镇', villages: ['白石社区', '李家村', '新民村', '高岭村'] },
];

const DEPARTMENTS = [
  { suffix: '01', name: '示例县信访局', user: null, topic: null },
  { suffix: '02', name: '示例县住房和城乡建设局', user: 'handler', topic: '城乡建设' },
  { suffix: '03', name: '示例县人力资源和社会保障局', user: 'handler-rsj', topic: '劳动和社会保障' },
  { suffix: '04', name: '示例县教育局', user: 'handler-jyj', topic: '教育文体' },
  { suffix: '05', name: '示例县卫生健康局', user: 'handler-wjj', topic: '卫生计生' },
  { suffix: '06', name: '示例县生态环境局', user: 'handler-sthj', topic: '环境保护' },
  { suffix: '07', name: '示例县交通运输局', user: 'handler-jtj', topic: '交通运输' },
  { suffix: '08', name: '示例县市场监督管理局', user: 'handler-scj', topic: '商贸旅游' },
  { suffix: '09', name: '示例县城市管理局', user: 'handler-cgj', topic: null },
] as const;

/** Issue texts written for the demo: [top category, second category, title, body]. `{v}` is the village. */
const TEMPLATES: readonly [string, string, string, string][] = [
  ['城乡建设', '城市建设和市政管理', '{v}路灯损坏', '{v}主干道有{n}盏路灯已经坏了半个多月，晚上出行很不安全，老人孩子经常摔倒，希望尽快维修。'],
  ['城乡建设', '城市建设和市政管理', '{v}道路破损积水', '{v}进村道路坑洼不平，一下雨就积水，电动车经常陷进去，请求修补路面。'],
  ['城乡建设', '住房保障与房地产', '{v}小区电梯频繁故障', '{v}某小区{n}号楼电梯近一个月坏了三次，有人被困，物业一直拖着不修，请相关部门督促。'],
  ['城乡建设', '住房保障与房地产', '开发商逾期不交房', '我在{v}附近购买的商品房合同约定去年底交房，至今未交付，开发商不给说法，请求协调。'],
  ['城乡建设', '城市建设和市政管理', '{v}供水管道漏水', '{v}路口地下供水管道漏水已有{n}天，水流到路面结冰，请尽快抢修。'],
  ['城乡建设', '安全生产', '{v}自建房存在安全隐患', '{v}一处老旧自建房墙体开裂，临街一侧有倒塌风险，请求排查安全隐患。'],
  ['城乡建设', '村镇建设', '{v}垃圾清运不及时', '{v}垃圾收集点的垃圾已经{n}天没人清运，气味很大，蚊蝇滋生。'],
  ['劳动和社会保障', '劳动保障', '工地拖欠农民工工资', '我们{n}名工人在{v}附近工地干活，包工头拖欠工资三个多月，请求帮助讨薪。'],
  ['劳动和社会保障', '社会保险', '养老保险转移接续办不了', '我在外省缴纳了{n}年养老保险，想转回本县，窗口说系统不通，请问怎么办理。'],
  ['劳动和社会保障', '社会救助', '{v}困难户低保申请', '我家住{v}，丈夫重病无劳动能力，申请低保两个月没有答复，请求帮助。'],
  ['劳动和社会保障', '就业', '咨询灵活就业社保补贴', '我是{v}的灵活就业人员，想咨询社保补贴的申请条件和材料。'],
  ['教育文体', '教育', '{v}学校周边交通拥堵', '{v}小学放学时门口车辆乱停，孩子过马路很危险，建议增设交通协管。'],
  ['教育文体', '教育', '学前教育收费不合理', '{v}一家幼儿园除学费外还收取各种名目的费用，家长负担重，请求核查。'],
  ['教育文体', '文化', '{v}缺少健身场地', '{v}居民没有健身和文化活动场所，建议利用空地建设小广场。'],
  ['卫生计生', '医疗', '乡镇卫生院缺少常用药', '{v}卫生院高血压常用药经常缺货，老人只能跑县城买药，希望解决。'],
  ['卫生计生', '医疗', '医保报销比例咨询', '家人在县医院住院，想咨询新农合报销比例和异地就医备案的流程。'],
  ['环境保护', '环境污染', '{v}企业夜间噪音扰民', '{v}附近一家加工厂每天夜里十一点后还在生产，噪音很大，居民无法休息。'],
  ['环境保护', '环境污染', '{v}河道黑臭', '{v}旁边的小河沟发黑发臭，有生活污水直排，请求治理。'],
  ['环境保护', '环境污染', '{v}秸秆焚烧烟雾大', '{v}田里有人焚烧秸秆，烟雾很大影响呼吸和交通。'],
  ['交通运输', '公路', '{v}公交班次太少', '{v}到县城每天只有{n}班公交，上学上班很不方便，建议增加班次。'],
  ['交通运输', '道路运输', '{v}路段大货车超载', '{v}路段经常有超载大货车通过，路面压坏，存在安全隐患。'],
  ['商贸旅游', '市场监管', '超市出售过期食品', '我在{v}一家超市买到过期{n}天的牛奶，商家拒绝退换，请求处理。'],
  ['商贸旅游', '市场监管', '{v}农贸市场缺斤少两', '{v}农贸市场有摊贩使用不准的秤，短斤少两，请加强监管。'],
  ['农村农业', '农业', '{v}灌溉水渠堵塞', '{v}的灌溉水渠被淤泥堵塞，春耕用水困难，请求清淤。'],
  ['农村农业', '农业', '惠农补贴未到账', '{v}部分农户的耕地地力保护补贴今年还没有到账，请求核查。'],
  ['国土资源', '土地资源管理', '{v}宅基地审批进度', '我在{v}申请宅基地已经半年，一直没有审批结果，想了解进度。'],
  ['政法', '公安', '{v}夜间有人聚众赌博', '{v}一处民房夜间经常有人聚集赌博，影响治安。'],
  ['民政', '民政', '{v}高龄津贴发放咨询', '我父亲今年满{n}岁，住{v}，想咨询高龄津贴的申领办法。'],
  ['城乡建设', '城市建设和市政管理', '{v}占道经营严重', '{v}街道两侧商户占道经营，行人只能走机动车道，建议整治。'],
  ['经济管理', '其他', '对县城发展的建议', '建议在{v}一带规划建设农产品集散中心，方便农户销售，带动就业。'],
];

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['phone', 30], ['online', 16], ['visit', 12], ['letter', 8], ['portal', 10], ['field', 6], ['outreach', 5],
  ['research', 5], ['onsite', 5], ['open311', 3],
];
const KIND_WEIGHTS: [IssueKind, number][] = [
  ['complaint', 35], ['help', 20], ['consult', 18], ['suggestion', 10], ['report', 8], ['appeal', 7], ['accusation', 2],
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
    const villages: { id: number; name: string; township: string; townshipId: number }[] = [];
    const townshipIds: number[] = [];
    for (const t of TOWNSHIPS) {
      const town = await insertUnit(trx, { tenantId, parentId: county.id, code: `990101${t.suffix}000`, name: t.name, level: 'township' }, setupAt);
      townshipIds.push(town.id);
      let communityNo = 1;
      let villageNo = 201;
      for (const v of t.villages) {
        const isCommunity = v.endsWith('社区');
        const no = String(isCommunity ? communityNo++ : villageNo++).padStart(3, '0');
        const vil = await insertUnit(trx, { tenantId, parentId: town.id, code: `990101${t.suffix}${no}`, name: v, level: 'village' }, setupAt);
        villages.push({ id: vil.id, name: v, township: t.name, townshipId: town.id });
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
    for (let i = 0; i < TOWNSHIPS.length; i++) await user(`handler-town${i + 1}`, `${TOWNSHIPS[i]!.name} 承办人`, 'handler', townshipIds[i]!);

    const categories = await trx.selectFrom('categories as c').innerJoin('categories as p', 'p.id', 'c.parentId')
      .select(['c.id', 'c.name', 'p.name as parent']).where('c.tenantId', '=', tenantId).execute();
    const catId = (top: string, second: string) =>
      categories.find((c) => c.parent === top && c.name === second)?.id ?? categories.find((c) => c.parent === top)?.id ?? null;

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
    const env: GenEnv = { rand, pick, weighted, nowMs, villages, depts, townshipIds, catId, actor, openByTemplate: new Map() };
    for (let i = 0; i < total; i++) {
      await generateIssue(trx, ctx, env);
    }
    await sweepDeadlines(trx, new Date(nowMs).toISOString());
    return total;
  });
}

interface GenEnv {
  rand: () => number;
  pick: <T>(xs: readonly T[]) => T;
  weighted: <T>(ws: readonly [T, number][]) => T;
  nowMs: number;
  villages: { id: number; name: string; township: string; townshipId: number }[];
  depts: Map<string, number>;
  townshipIds: number[];
  catId: (top: string, second: string) => number | null;
  actor: (username: string) => Promise<Actor>;
  /** The latest issue generated from each template (candidates for 并单). */
  openByTemplate: Map<string, number>;
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

  const [top, second, title, body] = pick(TEMPLATES);
  const village = pick(env.villages);
  const n = 2 + Math.floor(rand() * 9);
  const fill = (s: string) => s.replace('{v}', `${village.township}${village.name}`).replace('{n}', String(n));
  const channel = weighted(CHANNEL_WEIGHTS);
  const kind = weighted(KIND_WEIGHTS);
  const urgency: Urgency = weighted([['normal', 80], ['urgent', 10], ['complex', 8], ['emergency', 2]]);
  const anonymous = rand() < 0.12;
  const name = pick([...SURNAMES]) + pick(GIVEN);
  const phone = `1${pick(['35', '38', '39', '58', '86', '89'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
  const registrar = channel === 'outreach' || channel === 'research' || (channel === 'field' && rand() < 0.5) ? 'cadre' : 'clerk';
  const orgUnitId = registrar === 'cadre' ? env.villages.filter((v) => v.townshipId === env.townshipIds[0]).map((v) => v.id)[Math.floor(rand() * 5)] ?? village.id : village.id;
  const receivedAt = at();
  if (!later(0.1, channel === 'letter' ? 72 : 2)) return;
  const { id } = await createIssue(db, ctx, await env.actor(registrar), {
    title: fill(title), body: fill(body), channel, kind, urgency, orgUnitId, categoryId: env.catId(top, second), receivedAt,
    anonymous, petitioner: anonymous ? null : { name, phone, address: `${village.township}${village.name}${1 + Math.floor(rand() * 60)}号` },
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

  const earlier = env.openByTemplate.get(title);
  env.openByTemplate.set(title, id);
  if (earlier && rand() < 0.25) {
    const target = await db.selectFrom('issues').select(['status', 'createdAt']).where('id', '=', earlier).executeTakeFirst();
    // Only into an issue that was already there when this one came in (generation order is not time order).
    if (target && target.createdAt < receivedAt && ['registered', 'accepted', 'assigned', 'in_progress'].includes(target.status)) {
      await step(1, 24, 'clerk', { action: 'merge', intoIssueId: earlier, note: '与已登记问题为同一事项，并单办理' });
      return;
    }
  }
  if (rand() < 0.05) {
    await step(2, 100, 'clerk', { action: 'decline', reason: '该事项属于民事纠纷，应通过诉讼途径解决', properChannel: '向人民法院提起诉讼' });
    return;
  }
  if (!(await step(1, 120, 'clerk', { action: 'accept' }))) return;
  const dept = DEPARTMENTS.find((d) => d.topic === top && d.user);
  const toTown = !dept || rand() < 0.15;
  const townIndex = env.townshipIds.indexOf(village.townshipId);
  const unitId = toTown ? village.townshipId : env.depts.get(dept.name)!;
  const handler = toTown ? `handler-town${townIndex + 1}` : dept.user!;
  if (!(await step(1, 48, 'clerk', { action: 'assign', unitId }))) return;
  if (rand() < (recent() ? 0.3 : 0.06)) {
    if (!(await step(2, 72, handler, { action: 'return', reason: '该事项不属于本单位职责，建议转交属地乡镇办理' }))) return;
    if (recent() && rand() < 0.5) return; // still waiting for the clerk to re-assign
    if (!(await step(1, 24, 'clerk', { action: 'assign', unitId }))) return;
  }
  if (!(await step(2, 96, handler, { action: 'start', note: '已电话联系诉求人，了解具体情况，约定现场核实时间' }))) return;
  if (rand() < 0.05) {
    if (!(await step(24, 400, handler, { action: 'request_extension', reason: '涉及多个部门协调，需进一步调查核实', days: 30 }))) return;
    if (recent() && rand() < 0.5) return; // awaiting the leader's approval
    if (!(await step(2, 48, 'leader', { action: 'approve_extension', note: '同意延期，请抓紧办理' }))) return;
  }
  if (rand() < 0.08) await step(24, 300, 'leader', { action: 'supervise', note: '请承办单位加快办理进度，按期答复群众' });
  // Some cases stay open long enough to run past their handling limit.
  const outcome: ReplyOutcome = weighted([['support', 60], ['explain', 32], ['reject', 8]]);
  const replyText = outcome === 'support'
    ? '经现场核实，反映情况属实。我单位已安排人员处理，问题已解决，后续将加强日常巡查。'
    : outcome === 'explain' ? '经核实，相关政策规定如下，已向诉求人作出解释说明，并告知办理渠道和所需材料。'
      : '经调查，反映的问题不符合相关政策规定，依据有关规定不予支持，已向诉求人说明理由。';
  if (!(await step(24, rand() < 0.1 ? 2000 : 500, handler, { action: 'reply', outcome, text: replyText, basis: '《信访工作条例》及相关政策规定' }))) return;
  const resolved = outcome === 'support' ? rand() < 0.92 : rand() < 0.5;
  const satisfaction: Satisfaction = resolved ? weighted([['satisfied', 75], ['basically_satisfied', 25]]) : weighted([['unsatisfied', 70], ['basically_satisfied', 30]]);
  if (!(await step(12, 96, 'clerk', { action: 'callback', resolved, satisfaction }))) return;
  if (!resolved && rand() < 0.3) {
    if (!(await step(2, 48, 'leader', { action: 'reopen', reason: '群众不满意，责成重新办理' }))) return;
    if (recent() && rand() < 0.5) return; // reopened, not yet re-assigned
    if (!(await step(1, 24, 'clerk', { action: 'assign', unitId }))) return;
    if (!(await step(2, 48, handler, { action: 'start', note: '再次上门了解诉求' }))) return;
    if (!(await step(48, 300, handler, { action: 'reply', outcome: 'support', text: '经重新办理，问题已协调解决。' }))) return;
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
