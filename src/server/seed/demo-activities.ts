/**
 * The demo county's grassroots activities (issue 16): a year of outreach lectures and field research, made with the
 * activities module's commands so they read as a cadre would have recorded them. The outreach and research issues
 * the demo ledger already holds were heard somewhere: they are grouped by village and day into the lecture or
 * research trip they came from (same place, starting shortly before the first of them). Further lectures in the other
 * townships are given by the county's leader, a few are planned for the coming weeks and one was cancelled; a case
 * library of local stories is used by the lectures; the field petitions were received by the county's leader going
 * down (下访), and the county holds a weekly reception day (the next four scheduled); and the recent lectures have their audience's feedback; the latest
 * research trips carry questionnaires with their answers (`demo-questionnaires.ts`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../actor.ts';
import {
  adoptIdea, createActivity, createCase, demoIssuesOfChannel, feedbackToIssue, findActivityInScope, linkDemoIssues, markFindingIssue, recordFinding, recordIdea, recordVisit,
  submitFeedback, updateActivity,
} from '../modules/activities/index.ts';
import type { DeadlineContext } from '../modules/deadlines/index.ts';
import { setIssueOwner } from '../modules/ledger/index.ts';
import type { Transactor } from '../db/transaction.ts';
import type { AudienceType } from '../../shared/enums.ts';
import { DEMO_PLACES, type DemoPlace } from './demo-texts.ts';
import { seedDemoQuestionnaires } from './demo-questionnaires.ts';
import { seedDemoOnsite } from './demo-onsite.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Topics of lectures, with the audience they suit and their study materials. */
const LECTURES: ReadonlyArray<{ title: string; audience: AudienceType[]; materials: string[]; tags: string[]; where?: 'village' | 'community' }> = [
  { title: '《信访工作条例》进村入户', audience: ['farmers', 'residents'], materials: ['《信访工作条例》学习读本', '信访事项办理流程图'], tags: ['信访', '依法'] },
  { title: '惠农补贴政策明白纸', audience: ['farmers'], materials: ['2026 年耕地地力保护补贴标准', '农机购置补贴申请指南'], tags: ['惠农', '补贴'], where: 'village' },
  { title: '防范电信网络诈骗', audience: ['residents', 'students', 'farmers'], materials: ['反诈十不要', '国家反诈中心 App 使用说明'], tags: ['反诈', '治安'] },
  { title: '城乡居民医保怎么交、怎么报', audience: ['residents', 'farmers'], materials: ['居民医保缴费与报销问答'], tags: ['医保', '民生'] },
  { title: '安全生产月：身边的隐患', audience: ['workers', 'employees'], materials: ['安全生产法要点', '事故案例汇编'], tags: ['安全生产'] },
  { title: '垃圾分类从我做起', audience: ['residents', 'students'], materials: ['垃圾分类指南'], tags: ['环境', '垃圾'], where: 'community' },
  { title: '农村人居环境整治', audience: ['farmers', 'party_members'], materials: ['美丽乡村建设三年行动方案'], tags: ['人居环境', '乡村振兴'], where: 'village' },
  { title: '学习二十届三中全会精神', audience: ['party_members'], materials: ['全会公报', '学习辅导百问'], tags: ['理论', '党建'] },
  { title: '根治欠薪与劳动权益', audience: ['workers', 'employees'], materials: ['保障农民工工资支付条例', '劳动仲裁申请指引'], tags: ['欠薪', '劳动'] },
  { title: '防汛抗旱与水利设施管护', audience: ['farmers'], materials: ['山塘水库安全管理要点'], tags: ['水利', '防汛'], where: 'village' },
  { title: '物业服务与业主权益', audience: ['residents'], materials: ['物业管理条例要点', '业主大会议事规则'], tags: ['物业', '住房'], where: 'community' },
];

/** What research trips look into, by the kind of place. */
const RESEARCH_TOPICS = { village: ['春耕生产', '农村饮水安全', '产业发展', '人居环境', '农村养老'], community: ['老旧小区改造', '社区养老服务', '小区停车', '物业管理'] } as const;

/** Lectures are held in the morning, the afternoon or the evening (Beijing time, UTC+8). */
const SLOTS_UTC = [1, 6.5, 11] as const;
/** The latest slot starting at least half an hour before `ms` (that day in Beijing, or the evening before). */
function slotBefore(ms: number, slots: readonly number[] = SLOTS_UTC): number {
  const day = Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  for (const h of [...slots].reverse()) {
    const start = day + (h + 8) * HOUR;
    if (start <= ms - HOUR / 2) return start;
  }
  return day - DAY + (slots[slots.length - 1]! + 8) * HOUR;
}

/** Local cases (地方特色案例): `{place}` is filled with a village of the right kind. */
const CASES: ReadonlyArray<{ title: string; story: string; tags: string[]; kind: 'village' | 'community' }> = [
  { title: '{place}水渠三天清淤通水', story: '春耕前{place}的灌溉水渠被淤泥堵了一段，二十多户的秧田放不进水。村民在宣讲会上提出后，镇水利站第二天带挖机进场，三天清淤通水，村里定了每年汛前一次清淤的规矩。', tags: ['水利', '当下改', '长久立'], kind: 'village' },
  { title: '{place}路灯修好之后', story: '{place}几条巷子的路灯坏了半个月，老人晚上不敢出门。网格员把问题登记进台账，城管局五天内换好灯具，社区又建了“每月一查”的巡查表，同类问题再没反映过。', tags: ['市政', '身边事'], kind: 'community' },
  { title: '{place}拖欠工资一周追回', story: '{place}十几名村民在县城工地务工，工程结束后工资迟迟不发。人社局接到反映后约谈包工头和总包单位，一周内追回工资，并把这个工地列入重点监管。', tags: ['欠薪', '劳动'], kind: 'village' },
  { title: '{place}老旧小区加装电梯', story: '{place}一栋六层老楼住着不少七八十岁的老人，上下楼难。社区召开居民议事会，住建局讲清补贴政策，低层住户也同意了，电梯半年后投入使用。', tags: ['住房', '议事协商'], kind: 'community' },
  { title: '{place}村道破损的修复', story: '{place}通组公路被重车压坏，雨天满是泥坑，学生上学绕远路。镇里把它列入当年民生实事，交通运输局安排修复，并设了限重标志。', tags: ['交通', '民生实事'], kind: 'village' },
  { title: '{place}噪音扰民怎么调解', story: '{place}楼下一家烧烤店营业到深夜，油烟和噪音让楼上住户睡不好。社区请店主和居民坐下来商量，店铺加装了净化器、晚上十点后不再外摆，双方都签了承诺书。', tags: ['环境', '调解'], kind: 'community' },
  { title: '{place}惠农补贴发放公开', story: '{place}有村民怀疑补贴少发了。村里把每户的补贴面积、标准和到账时间在公示栏和村务群里公开，镇财政所现场答疑，疑问当场解开。', tags: ['惠农', '村务公开'], kind: 'village' },
  { title: '{place}反诈宣传挽回损失', story: '{place}一位老人接到“冒充公检法”的电话，正要去银行转账，想起宣讲会上讲过的案例，先给社区民警打了电话，避免了八万元损失。', tags: ['反诈', '身边事'], kind: 'community' },
  { title: '{place}山塘加固保平安', story: '汛前排查发现{place}一座山塘坝体渗水，下游有三十多户人家。水利局当月安排除险加固，村里确定了巡塘责任人，汛期每天巡查上报。', tags: ['水利', '防汛'], kind: 'village' },
  { title: '{place}医保报销“一站式”', story: '{place}的村民以前住院报销要跑好几趟。县医保局在乡镇卫生院开通一站式结算，出院当天就能报销，村医也学会了帮村民在手机上查询。', tags: ['医保', '一站式'], kind: 'village' },
];

const QUESTIONS = [
  '村口的路灯坏了很久，什么时候能修？', '医保今年涨了多少，能不能分期交？', '我们组的水渠堵了，春耕前能不能清一下？',
  '耕地补贴什么时候发？去年的好像没到账。', '小区门口晚上乱停车，消防通道都堵了。', '希望多讲讲养老保险怎么补缴。',
  '孩子上学的校车能不能经过我们组？', '垃圾站离家太近，夏天味道很大。', '工地欠我三个月工资，找谁能解决？', '讲得很好，希望以后常来。',
];

/** What a visit saw, by the kind of place. */
const VISIT_NOTES = {
  village: ['春耕备耕基本到位，部分田块灌溉不畅。', '村道两侧垃圾已清理，个别农户房前屋后仍有堆放。', '留守老人较多，反映看病、取药不方便。', '合作社今年扩种蔬菜，销路是最大的担心。'],
  community: ['老旧小区楼道杂物较多，消防通道偶有占用。', '居民反映夜间停车难，小区内车位不足。', '独居老人家中走访，身体尚可，希望有人定期上门。', '物业服务满意度一般，维修响应慢。'],
} as const;

/** Suggestions residents and cadres gave (问计于民): where they fit, and how the adopted ones were taken up. */
const IDEAS: ReadonlyArray<{ text: string; where: 'village' | 'community'; adopted?: string }> = [
  { text: '建议在村部设农资代购点，统一采购化肥、种子更便宜。', where: 'village', adopted: '镇供销社 3 月起在村部代购，每亩省约 20 元。' },
  { text: '希望每月固定一天有医生到村卫生室坐诊。', where: 'village', adopted: '卫生院每周三派医生到村坐诊。' },
  { text: '小区可以划出夜间临时停车位，早上七点前挪走。', where: 'community' },
  { text: '网格员每月固定一天到各组收集问题，比等群众上门好。', where: 'village' },
  { text: '村里的闲置小学可以改成老年活动中心。', where: 'village' },
  { text: '建议公交在赶集日加开班次。', where: 'village' },
  { text: '垃圾分类可以先在一个小区试点，做好了再推开。', where: 'community', adopted: '已在三个小区试点，下季度推广。' },
  { text: '农产品可以搞直播带货，请镇里统一培训。', where: 'village' },
  { text: '河道巡查可以请村里的退休老党员参与。', where: 'village', adopted: '各村组建老党员巡河队，每周巡查一次。' },
  { text: '建议把惠农补贴的发放明细在村务群里公开。', where: 'village' },
  { text: '社区食堂可以给独居老人送餐上门。', where: 'community' },
  { text: '希望多组织反诈宣传进广场舞队。', where: 'community' },
];

export interface DemoActivitiesEnv {
  tenantId: number;
  nowMs: number;
  rand: () => number;
  actor: (username: string) => Promise<Actor>;
  /** Village and community units by name. */
  unitOf: (placeName: string) => number;
  ctx: DeadlineContext;
}

/** Seed the demo's activities, cases and feedback; returns how many activities were made. */
export async function seedDemoActivities(db: Kysely<DB>, env: DemoActivitiesEnv): Promise<number> {
  const { rand, nowMs } = env;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const cadre = await env.actor('cadre');
  const leader = await env.actor('leader');
  const clerk = await env.actor('clerk');

  // The case library: each story at a place of its kind.
  const caseIds: number[] = [];
  for (const [i, c] of CASES.entries()) {
    // The grid worker writes down the stories of their own township, the leader those of the county.
    const byCadre = i % 3 === 0;
    const place = pick(DEMO_PLACES.filter((p) => p.kind === c.kind && (!byCadre || p.township === '城关镇')));
    const fill = (s: string) => s.replaceAll('{place}', place.name);
    caseIds.push(await createCase(db, byCadre ? cadre : leader, { title: fill(c.title), story: fill(c.story), orgUnitId: env.unitOf(place.name), tags: c.tags }, iso(nowMs - (360 - i * 20) * DAY)));
  }

  const home = DEMO_PLACES.filter((p) => p.township === '城关镇');
  const trips: Array<{ id: number; kind: 'village' | 'community'; startMs: number; visitIds: number[] }> = [];
  let made = 0;
  const lecture = async (who: Actor, place: DemoPlace, startMs: number, opts: { status?: 'planned' | 'done'; cadres: Actor[] }) => {
    const topic = pick(LECTURES.filter((l) => !l.where || l.where === place.kind));
    const audience = place.kind === 'community' ? topic.audience.find((a) => a !== 'farmers') ?? 'residents' : topic.audience[0]!;
    const startsAt = iso(startMs);
    const id = await createActivity(db, who, {
      kind: 'outreach', title: `${topic.title}（${place.name}）`, orgUnitId: env.unitOf(place.name), startsAt, endsAt: iso(startMs + 2 * HOUR),
      placeText: place.kind === 'community' ? `${place.name}${place.square ?? '党群服务中心'}` : `${place.name}村部会议室`,
      cadreIds: opts.cadres.map((a) => a.userId), participantCount: opts.status === 'planned' ? null : 20 + Math.floor(rand() * 100),
      notes: opts.status === 'planned' ? '' : `围绕“${topic.title}”结合本地案例宣讲，现场答疑，群众反映的问题当场登记。`,
      audienceType: audience, materials: topic.materials.map((title) => ({ title })),
      caseIds: [...new Set([pick(caseIds), pick(caseIds)])], ...(opts.status ? { status: opts.status } : {}),
    }, iso(Math.min(startMs - DAY, nowMs - HOUR)));
    made++;
    return id;
  };
  const research = async (who: Actor, place: DemoPlace, startMs: number, topic: string) => {
    const id = await createActivity(db, who, {
      kind: 'research', title: `${place.name}${topic}调研`, orgUnitId: env.unitOf(place.name), startsAt: iso(startMs), endsAt: iso(startMs + 4 * HOUR),
      placeText: place.kind === 'village' ? `${place.name}田间地头、农户家中` : `${place.name}各小区、居民家中`, cadreIds: [who.userId], participantCount: 5 + Math.floor(rand() * 20),
      notes: place.kind === 'village' ? `走访农户和经营主体，了解${topic}情况，问题分类登记，转有关部门办理。` : `走访居民、物业和驻区单位，了解${topic}情况，问题分类登记，转有关部门办理。`,
    }, iso(startMs + 5 * HOUR));
    made++;
    return id;
  };

  // A leader going down to receive petitioners (下访) at a village or community, or the county's reception day.
  const reception = async (who: Actor, place: DemoPlace | null, startMs: number, mode: 'public' | 'appointment', unitId?: number) => {
    const id = await createActivity(db, who, {
      kind: 'reception', title: place ? `${who.displayName}下访接访（${place.name}）` : `县领导接访日（${who.displayName}）`,
      orgUnitId: unitId ?? env.unitOf(place!.name), startsAt: iso(startMs), endsAt: iso(startMs + 3 * HOUR),
      placeText: place ? (place.kind === 'community' ? `${place.name}党群服务中心` : `${place.name}村部`) : '县信访局接待大厅',
      cadreIds: [who.userId, clerk.userId], receptionMode: mode, participantCount: startMs < nowMs ? 2 + Math.floor(rand() * 12) : null,
      notes: startMs < nowMs ? '接待来访群众，逐件登记，能当场答复的当场答复，其余交有关单位限期办理。' : '', status: startMs < nowMs ? 'done' : 'planned',
    }, iso(Math.min(startMs - 3 * DAY, nowMs - HOUR)));
    made++;
    return id;
  };

  // The ledger's outreach, research and field (下访接访) issues, grouped into the lecture, trip or reception they were heard at.
  const placeById = new Map(DEMO_PLACES.map((p) => [env.unitOf(p.name), p]));
  for (const channel of ['outreach', 'research', 'field'] as const) {
    const groups = new Map<string, Array<{ id: number; receivedAt: string; orgUnitId: number; title: string; categoryId: number | null }>>();
    for (const i of await demoIssuesOfChannel(db, env.tenantId, channel)) {
      // One lecture or trip per village and day (Beijing): what was heard there that day.
      const key = `${i.orgUnitId}:${Math.floor((Date.parse(i.receivedAt) + 8 * HOUR) / DAY)}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
    }
    for (const issues of groups.values()) {
      const place = placeById.get(issues[0]!.orgUnitId);
      if (!place) continue;
      // Research goes out by day (morning or afternoon); lectures may be held in the evening too.
      const start = slotBefore(Date.parse(issues[0]!.receivedAt), channel === 'outreach' ? SLOTS_UTC : SLOTS_UTC.slice(0, 2));
      const id = channel === 'outreach'
        ? await lecture(cadre, place, start, { cadres: [cadre], status: 'done' })
        : channel === 'field' ? await reception(leader, place, start, 'appointment')
          : await research(cadre, place, start, pick(RESEARCH_TOPICS[place.kind]));
      await linkDemoIssues(db, id, issues.map((i) => i.id));
      // 包案: the leader who received a petition owns it (the open ones, and those solved since).
      if (channel === 'field') for (const i of issues) await setIssueOwner(db, leader, i.id, leader.userId, iso(Math.min(Date.parse(i.receivedAt) + HOUR, nowMs - HOUR)));
      if (channel === 'research') {
        // The trip's visits, and what was found on them: each issue heard is a finding registered from it.
        const visitAt = (k: number) => new Date(start + (0.5 + k) * HOUR).toISOString();
        const visitIds: number[] = [];
        for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
          const kind = place.kind === 'village' ? pick(['farm', 'household', 'household', 'enterprise'] as const) : pick(['household', 'street', 'community'] as const);
          visitIds.push(await recordVisit(db, cadre, id, {
            kind, visitedAt: visitAt(k), orgUnitId: env.unitOf(place.name),
            placeText: kind === 'farm' ? `${place.name}${pick(place.groups.length ? place.groups : ['村口'])}田间` : kind === 'enterprise' ? `${place.name}${pick(['种植合作社', '家庭农场', '加工厂'])}` : `${place.name}${pick(place.kind === 'village' ? place.groups : place.compounds)}`,
            ...(rand() < 0.5 ? { metName: pick(['王', '李', '张', '刘', '陈']) + pick(['建国', '秀英', '伟', '芳', '强']), metPhone: `13${Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` } : {}),
            seen: pick(VISIT_NOTES[place.kind]),
          }, visitAt(k + 1)));
        }
        for (const [k, i] of issues.entries()) {
          const f = await recordFinding(db, cadre, id, { text: i.title, visitId: visitIds[k % visitIds.length]!, categoryId: i.categoryId }, i.receivedAt);
          await markFindingIssue(db, f, i.id);
        }
        trips.push({ id, kind: place.kind, startMs: start, visitIds });
      }
    }
  }

  // Suggestions heard on the trips (问计于民), some adopted.
  for (const [k, idea] of IDEAS.entries()) {
    const fitting = trips.filter((t) => t.kind === idea.where);
    const trip = fitting.length ? fitting[Math.floor(rand() * fitting.length)]! : undefined;
    const at = new Date(trip ? trip.startMs + 3 * HOUR : nowMs - (300 - k * 18) * DAY).toISOString();
    const resident = k % 3 !== 2;
    const id = await recordIdea(db, cadre, {
      text: idea.text, source: resident ? 'resident' : 'cadre', activityId: trip?.id ?? null,
      sourceName: resident ? pick(['王', '李', '张', '刘']) + pick(['大爷', '阿姨', '建国', '秀英']) : '城关镇 网格员 赵强',
    }, at);
    if (idea.adopted) await adoptIdea(db, cadre, id, true, idea.adopted, new Date(Math.min(Date.parse(at) + 20 * DAY, nowMs - HOUR)).toISOString());
  }

  // The latest trips' questionnaires and their answers.
  await seedDemoQuestionnaires(db, cadre, trips, rand, nowMs);

  // Lectures elsewhere in the county by its leader, and their feedback when recent.
  const others = DEMO_PLACES.filter((p) => p.township !== '城关镇');
  for (let k = 0; k < 24; k++) {
    const start = slotBefore(nowMs - Math.floor(rand() * 330 + 2) * DAY - Math.floor(rand() * 12) * HOUR);
    const id = await lecture(leader, pick(others), start, { cadres: [leader, ...(rand() < 0.3 ? [clerk] : [])], status: 'done' });
    if (nowMs - start < 28 * DAY) await feedbackFor(db, env, leader, id, start);
  }
  // The most recent lectures in 城关镇 got feedback too.
  for (let k = 0; k < 3; k++) {
    const start = slotBefore(nowMs - (3 + k * 6) * DAY);
    const id = await lecture(cadre, pick(home), start, { cadres: [cadre], status: 'done' });
    await feedbackFor(db, env, cadre, id, start);
  }
  // The county's weekly reception day at the petition office: the last eight held, the next four scheduled (公开接访).
  const county = await db.selectFrom('orgUnits').select('id').where('tenantId', '=', env.tenantId).where('level', '=', 'county').executeTakeFirstOrThrow();
  for (let k = -8; k < 4; k++) await reception(leader, null, slotBefore(nowMs + (k * 7 + 3) * DAY, SLOTS_UTC.slice(0, 1)), 'public', county.id);

  // Planned ones, and one that was called off.
  for (let k = 0; k < 4; k++) await lecture(k % 2 ? leader : cadre, pick(k % 2 ? DEMO_PLACES : home), slotBefore(nowMs + (2 + k * 5) * DAY + 12 * HOUR), { cadres: [k % 2 ? leader : cadre], status: 'planned' });
  const called = await lecture(cadre, pick(home), slotBefore(nowMs + 9 * DAY + 12 * HOUR), { cadres: [cadre], status: 'planned' });
  await updateActivity(db, cadre, called, { version: 1, status: 'cancelled', notes: '与防汛值班冲突，改期另行通知。' }, iso(nowMs - 2 * HOUR));
  // On-site office sessions over the township's open cases (现场办公).
  made += await seedDemoOnsite(db, { tenantId: env.tenantId, nowMs, actor: env.actor, ctx: env.ctx });
  return made;
}

/** A lecture's audience feedback: mostly content, a few questions, some with a phone number; the first question asked is in the ledger. */
async function feedbackFor(db: Kysely<DB>, env: DemoActivitiesEnv, actor: Actor, activityId: number, startMs: number) {
  const { rand } = env;
  let registered = false;
  const row = (await findActivityInScope(db, actor, activityId))!;
  const n = 6 + Math.floor(rand() * 18);
  const score = () => Math.min(5, Math.max(1, Math.round(3.6 + rand() * 1.6 - (rand() < 0.1 ? 2 : 0))));
  for (let i = 0; i < n; i++) {
    const asks = rand() < 0.25;
    const at = new Date(startMs + 2 * HOUR + i * 60_000).toISOString();
    const question = asks ? QUESTIONS[Math.floor(rand() * QUESTIONS.length)]! : undefined;
    const feedbackId = await submitFeedback(db, row, {
      willing: score(), understood: score(), benefited: score(),
      ...(question ? { question } : {}),
      ...(asks && rand() < 0.6 ? { phone: `13${Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` } : {}),
    }, at);
    // The cadre put the first real question (not a thank-you) into the ledger the next morning.
    if (question && !registered && !question.startsWith('讲得很好')) {
      registered = true;
      const within: Transactor = (fn) => fn(db as Parameters<typeof fn>[0]);
      await feedbackToIssue(within, db, env.ctx, actor, activityId, feedbackId, { kind: 'help' }, new Date(startMs + 16 * HOUR).toISOString());
    }
  }
}
