/**
 * The demo county's texts agree with their fields (issue 15): every issue names its own place and no other, its
 * category and unit are those of a matter that happens at such a place, and the suggestion models trained on the
 * demo's closed issues suggest the right category for demo texts they have not seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.ts';
import type { Database } from '../db/connect.ts';
import { trainSuggestionModels } from '../modules/intel/index.ts';
import { deserializeModel, predict } from '../nlp/index.ts';
import { prng } from '../../shared/random.ts';
import { ACTIVITY_CHANNEL, type ActivityKind } from '../../shared/enums.ts';
import { seedDemo } from './demo.ts';
import { composeText, DEMO_PLACES, DEMO_TOWNSHIPS, fits, sampleTexts, say, TEXT_TEMPLATES, type DemoPlace } from './demo-texts.ts';

const NOW = new Date('2026-05-20T02:00:00Z');
/** Issues of the demo the models are trained on (the demo itself has 2,000; this keeps the test quick). */
const ISSUES = 1200;
/**
 * Measured: 1.000 of the 968 texts (of 1,000 drawn with seed 7) that are not word for word in the 1,200 issues
 * seeded (seed 20231117). The templates of two categories share few words, so this mostly says each text is filed
 * under the category it is about; PARAPHRASES below asks more.
 */
const MIN_CATEGORY_ACCURACY = 0.97;

/**
 * Messages written by hand for this test, in words the templates do not use (a clerk's paraphrase of a call): the
 * demo must train a model that generalises a little, not one that only recognises its own templates.
 */
const PARAPHRASES: readonly [string, string][] = [
  ['东关村村口的桥栏杆断了，晚上骑车经过很危险', '交通运输/建设管理'],
  ['解放路社区门口三盏路灯坏了半个月，晚上老人出行摔倒，请尽快维修。', '城乡建设/城市建设和市政管理'],
  ['人民路社区金色家园楼下的排水沟堵了，一下雨污水就漫到路上', '城乡建设/城市建设和市政管理'],
  ['新民村承包鱼塘旁边的水渠垮了，田里放不了水', '农村农业/水利水电'],
  ['老板拖欠我们三个月工资不给，工人去要钱还被赶出来', '劳动和社会保障/劳动关系'],
  ['孩子读的幼儿园一学期收了好几百的资料费', '教育文体/教育收费'],
  ['楼下烧烤店每天晚上油烟呛得人受不了，窗户都不敢开', '环境保护/环境污染'],
  ['在菜市场买的猪肉回家称了一下少了三两', '商贸旅游/市场监管'],
  ['我家生活困难想申请低保，需要什么条件', '民政/社会救助'],
  ['村里有人在山上偷偷砍树拉出去卖', '农村农业/林业管理'],
  ['小区电梯又坏了，把人关在里面一个小时', '城乡建设/住房保障与房地产'],
  ['出租车司机不打表乱要价', '交通运输/出租车管理'],
  ['镇卫生院总是缺降压药，老人买不到', '卫生计生/医政监管'],
  ['隔壁工厂晚上开机器太吵了睡不着觉', '环境保护/环境污染'],
  ['村里的账目从来不公开，卖地的钱不知道去哪了', '农村农业/村务管理'],
  ['想问问宅基地申请批下来要多久', '国土资源/土地资源管理'],
  ['高岭村到镇上的路塌了一段，车过不去', '交通运输/建设管理'],
  ['单位一直不给我们交养老保险', '劳动和社会保障/城镇职工社会保险'],
  ['学校门口接孩子的车太多，堵得走不动', '教育文体/教育行政管理'],
  ['有人在河里倒了好多死猪', '农村农业/动物防疫'],
];
/** Measured: 19 of 20 with 1,200 issues (排水沟 goes to 环境污染 for its 污水), 19 of 20 with the demo's 2,000. */
const MIN_PARAPHRASES_RIGHT = 17;

const TOWNSHIP_NAMES = DEMO_TOWNSHIPS.map((t) => t.name);
const UNIT_NAMES: Record<string, string> = {
  housing: '示例县住房和城乡建设局', hrss: '示例县人力资源和社会保障局', education: '示例县教育局', health: '示例县卫生健康局',
  environment: '示例县生态环境局', transport: '示例县交通运输局', market: '示例县市场监督管理局', urban: '示例县城市管理局',
};

/** The names of other places (villages, communities and townships) a text about `place` mentions. */
function othersNamed(text: string, place: DemoPlace): string[] {
  return [...DEMO_PLACES.map((p) => p.name).filter((n) => n !== place.name), ...TOWNSHIP_NAMES.filter((n) => n !== place.township)]
    .filter((n) => text.includes(n));
}

describe('the demo county\'s texts', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Database;
  let tenantId: number;
  let categoryIds: Map<string, number>;

  beforeAll(async () => {
    fresh = await freshDatabase();
    db = fresh.db;
    expect(await seedDemo(db, { issues: ISSUES, now: NOW })).toBe(ISSUES);
    tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
    const cats = await db.selectFrom('categories as c').innerJoin('categories as p', 'p.id', 'c.parentId')
      .select(['c.id', 'c.name', 'p.name as parent']).where('c.tenantId', '=', tenantId).execute();
    categoryIds = new Map(cats.map((c) => [`${c.parent}/${c.name}`, c.id]));
  }, 240_000);
  afterAll(async () => { await fresh?.drop(); });

  it('every template names a category of the default tree, fits its places\' features and names the place, and no other', () => {
    for (const t of TEXT_TEMPLATES) {
      expect(categoryIds.has(t.category.join('/')), t.category.join('/')).toBe(true);
      for (const b of t.bodies) expect(b, b).toContain('{v}');
      const places = DEMO_PLACES.filter((p) => fits(t, p));
      expect(places.length, t.titles[0]).toBeGreaterThan(0);
      if (t.where !== 'any') expect(places.every((p) => p.kind === t.where)).toBe(true);
      for (const [i, p] of places.entries()) {
        for (let k = 0; k < 4; k++) {
          const text = composeText(prng(i * 31 + k), t, p); // throws on a slot the place does not have
          const all = [text.title, text.body, ...(['support', 'explain', 'reject', 'what'] as const).map((l) => say(text, l))].join('\n');
          expect(`${text.title}\n${text.body}`, text.body).toContain(p.name);
          expect(othersNamed(all, p), all).toEqual([]);
          expect(t.kinds).toContain(text.kind);
        }
      }
    }
    // rural matters happen in villages, and the county's own urban services in communities
    for (const t of TEXT_TEMPLATES) {
      if (t.category[0] === '农村农业' || t.category[1] === '村镇建设') expect(t.where, t.titles[0]).toBe('village');
      if (['城市建设和市政管理', '住房保障与房地产', '城乡规划', '出租车管理'].includes(t.category[1])) expect(t.where, t.titles[0]).toBe('community');
    }
  });

  it('is deterministic: the same seed writes the same texts', async () => {
    const a = sampleTexts(7, 300).map((x) => [x.place.name, x.title, x.body]);
    expect(sampleTexts(7, 300).map((x) => [x.place.name, x.title, x.body])).toEqual(a);
    expect(sampleTexts(8, 300).map((x) => [x.place.name, x.title, x.body])).not.toEqual(a);
    // and a seeded demo: the same issues again
    const other = await freshDatabase();
    try {
      await seedDemo(other.db, { issues: 40, now: NOW });
      const titles = (d: Database) => d.selectFrom('issues').select(['title', 'body', 'orgUnitId', 'categoryId', 'status']).orderBy('id').limit(40).execute();
      expect(await titles(other.db)).toEqual(await titles(db));
    } finally {
      await other.drop();
    }
  });

  it('each seeded issue names its own place and no other, in its text, notes and replies; its category and unit fit', async () => {
    const issues = await db.selectFrom('issues as i')
      .innerJoin('orgUnits as o', 'o.id', 'i.orgUnitId')
      .innerJoin('categories as c', 'c.id', 'i.categoryId')
      .innerJoin('categories as p', 'p.id', 'c.parentId')
      .leftJoin('orgUnits as r', 'r.id', 'i.responsibleUnitId')
      .select(['i.id', 'i.title', 'i.body', 'o.name as place', 'c.name as category', 'p.name as top', 'r.name as unit'])
      .where('i.tenantId', '=', tenantId).execute();
    // (an issue drawn to arrive in the last hours, later than `now` once registered, is not generated)
    expect(issues.length).toBeGreaterThan(ISSUES * 0.98);
    const events = await db.selectFrom('timelineEvents').select(['subjectId', 'data']).where('tenantId', '=', tenantId).where('subjectType', '=', 'issue').execute();
    const said = new Map<number, string[]>();
    for (const e of events) said.set(e.subjectId, [...(said.get(e.subjectId) ?? []), e.data]);
    const units = new Set<string>();
    for (const i of issues) {
      const place = DEMO_PLACES.find((p) => p.name === i.place)!;
      expect(place, i.place).toBeDefined();
      expect(`${i.title}\n${i.body}`, i.title).toContain(place.name);
      const everything = [i.title, i.body, ...(said.get(i.id) ?? []).map((d) => JSON.stringify(JSON.parse(d)))].join('\n');
      expect(othersNamed(everything, place), `${i.title}: ${everything}`).toEqual([]);
      const templates = TEXT_TEMPLATES.filter((t) => t.category[0] === i.top && t.category[1] === i.category && fits(t, place));
      expect(templates.length, `${i.title} (${i.place}) filed under ${i.top}/${i.category}`).toBeGreaterThan(0);
      if (i.unit !== null) {
        const allowed = [place.township, ...templates.map((t) => UNIT_NAMES[t.unit]).filter((u) => u !== undefined)];
        expect(allowed, `${i.title} (${i.category}) handled by ${i.unit}`).toContain(i.unit);
        units.add(i.unit);
      }
    }
    // every department with a handler and every township handles some
    expect(units.size).toBe(Object.keys(UNIT_NAMES).length + TOWNSHIP_NAMES.length);
  });

  it('the suggestion models trained on the demo suggest the right category for its unseen texts', async () => {
    const results = await trainSuggestionModels(db, tenantId, NOW.toISOString());
    const byKind = new Map(results.map((r) => [r.kind, r]));
    const model = async (kind: 'category' | 'unit') => {
      const row = await db.selectFrom('suggestionModels').select('model').where('id', '=', byKind.get(kind)!.modelId!).executeTakeFirstOrThrow();
      return deserializeModel(Buffer.from(row.model));
    };
    const category = await model('category');
    // Every category the demo uses is learnt (at most MAX_LABELS are).
    const nameOf = new Map([...categoryIds].map(([n, id]) => [String(id), n]));
    expect(category.labels.map((l) => nameOf.get(l)).sort()).toEqual([...new Set(TEXT_TEMPLATES.map((t) => t.category.join('/')))].sort());

    const unseen = sampleTexts(7, 1000);
    const seeded = new Set((await db.selectFrom('issues').select('body').where('tenantId', '=', tenantId).execute()).map((r) => r.body));
    const fresh = unseen.filter((x) => !seeded.has(x.body));
    let right = 0;
    for (const x of fresh) {
      const [top] = predict(category, `${x.title}\n${x.body}`, 1);
      if (Number(top!.label) === categoryIds.get(x.template.category.join('/'))) right++;
    }
    const accuracy = right / fresh.length;
    const paraphrased = PARAPHRASES.filter(([text, want]) => Number(predict(category, text, 1)[0]!.label) === categoryIds.get(want)).length;
    // The unit: the department of the matter or, as the demo does for one in ten, the place's township.
    const unit = await model('unit');
    const unitIds = new Map((await db.selectFrom('orgUnits').select(['id', 'name']).where('tenantId', '=', tenantId).execute()).map((u) => [u.name, u.id]));
    const unitRight = fresh.filter((x) => [UNIT_NAMES[x.template.unit], x.place.township].map((n) => n && unitIds.get(n))
      .includes(Number(predict(unit, `${x.title}\n${x.body}`, 1)[0]!.label))).length;
    console.log(`demo: category top-1 on ${fresh.length} unseen texts (of ${unseen.length} drawn) = ${accuracy.toFixed(3)}; `
      + `${paraphrased}/${PARAPHRASES.length} paraphrases; unit (its department or township) = ${(unitRight / fresh.length).toFixed(3)}`);
    expect(fresh.length).toBeGreaterThan(500);
    expect(accuracy).toBeGreaterThanOrEqual(MIN_CATEGORY_ACCURACY);
    expect(paraphrased).toBeGreaterThanOrEqual(MIN_PARAPHRASES_RIGHT);
  }, 120_000);

  it('holds the activities its outreach and research issues were heard at: same place, heard from the activity\'s start on', async () => {
    const linked = await db.selectFrom('issues').innerJoin('activities as a', 'a.id', 'issues.sourceActivityId')
      .select(['issues.channel', 'issues.orgUnitId', 'issues.receivedAt', 'a.kind', 'a.orgUnitId as activityUnit', 'a.startsAt', 'a.status'])
      .where('issues.tenantId', '=', tenantId).execute();
    const heard = await db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId)
      .where('channel', 'in', ['outreach', 'research', 'field']).executeTakeFirstOrThrow();
    // Every outreach and research issue came from an activity (those from feedback questions too).
    expect(linked.filter((i) => i.channel === 'outreach' || i.channel === 'research' || i.channel === 'field').length).toBe(Number(heard.n));
    expect(linked.length).toBeGreaterThan(20);
    for (const i of linked) {
      expect(i.channel).toBe(ACTIVITY_CHANNEL[i.kind as ActivityKind]);
      expect(i.orgUnitId).toBe(i.activityUnit);
      expect(i.receivedAt >= i.startsAt, `${i.receivedAt} before ${i.startsAt}`).toBe(true);
      expect(i.status).toBe('done');
    }
    const kinds = await db.selectFrom('activities').select(['kind', 'status']).where('tenantId', '=', tenantId).execute();
    for (const [kind, status] of [['outreach', 'done'], ['outreach', 'planned'], ['outreach', 'cancelled'], ['research', 'done'], ['reception', 'done'], ['reception', 'planned']]) {
      expect(kinds.some((k) => k.kind === kind && k.status === status), `${kind} ${status}`).toBe(true);
    }
    expect(Number((await db.selectFrom('activityFeedback').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(10);
    expect(Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).n)).toBe(10);
    // 包案: the petitions the county's leader received at 下访 are theirs.
    const owned = await db.selectFrom('issues').innerJoin('users', 'users.id', 'issues.ownerId').select(['issues.channel', 'users.username']).where('issues.tenantId', '=', tenantId).execute();
    expect(owned.length).toBeGreaterThan(5);
    expect(owned.every((o) => o.channel === 'field' && o.username === 'leader')).toBe(true);
  });

  it('gives the latest research trips questionnaires answered on their visits and through the public link, the newest still open', async () => {
    const qs = await db.selectFrom('questionnaires as q').innerJoin('activities as a', 'a.id', 'q.activityId').select(['q.id', 'q.status', 'a.kind', 'a.startsAt'])
      .where('q.tenantId', '=', tenantId).orderBy('a.startsAt').execute();
    expect(qs.length).toBeGreaterThanOrEqual(2);
    expect(qs.every((q) => q.kind === 'research')).toBe(true);
    expect(qs.at(-1)!.status).toBe('open');
    expect(qs.slice(0, -1).every((q) => q.status === 'closed')).toBe(true);
    const byVia = await db.selectFrom('questionnaireResponses').select(['via', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('visitId').as('onVisit')])
      .where('tenantId', '=', tenantId).groupBy('via').execute();
    const cadre = byVia.find((v) => v.via === 'cadre')!;
    expect(Number(cadre.n)).toBeGreaterThan(10);
    expect(Number(cadre.onVisit)).toBe(Number(cadre.n));
    expect(Number(byVia.find((v) => v.via === 'public')!.n)).toBeGreaterThan(5);
  });

  it('holds on-site sessions with issues solved on the spot (replied, every department signed), followed up and left, and one planned', async () => {
    const items = await db.selectFrom('onsiteItems as i').innerJoin('activities as a', 'a.id', 'i.activityId').innerJoin('issues', 'issues.id', 'i.issueId')
      .select(['i.id', 'i.outcome', 'i.completedAt', 'i.followupDueAt', 'a.status as sessionStatus', 'issues.status']).where('i.tenantId', '=', tenantId).execute();
    const outcomes = new Set(items.map((i) => i.outcome));
    for (const o of ['solved', 'followup', 'left', 'pending']) expect(outcomes, o).toContain(o);
    const solved = items.filter((i) => i.outcome === 'solved');
    expect(solved.every((i) => i.completedAt && ['replied', 'callback', 'closed'].includes(i.status))).toBe(true);
    const unsigned = await db.selectFrom('onsiteSignoffs').select('itemId').where('itemId', 'in', solved.map((i) => i.id)).where('signedAt', 'is', null).execute();
    expect(unsigned).toEqual([]);
    expect(items.filter((i) => i.outcome === 'pending').every((i) => i.sessionStatus === 'planned')).toBe(true);
  });

  it('holds the documents the petition office issued over the last two months, each filled and numbered once', async () => {
    const docs = await db.selectFrom('documents').select(['kind', 'number', 'body', 'issueId']).where('tenantId', '=', tenantId).execute();
    const kinds = new Set(docs.map((d) => d.kind));
    for (const k of ['accept_notice', 'decline_notice', 'assign_notice', 'opinion']) expect(kinds, k).toContain(k);
    expect(new Set(docs.map((d) => d.number)).size).toBe(docs.length);
    expect(docs.filter((d) => d.body.includes('{{') || d.body.includes('（出具时编号）'))).toEqual([]);
    const events = await db.selectFrom('timelineEvents').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where('type', '=', 'document').executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(docs.length);
  });
});
