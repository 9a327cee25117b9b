/**
 * What the people of the demo county write about, and where they live: its townships, villages and communities
 * with their own roads, compounds, canals, bridges and schools, and texts per category whose slots are filled with
 * them. An issue's title, body, place, category, responsible unit and the replies along its lifecycle come from
 * one template and one place, so they agree (a lamp issue of 东关村 is filed under 东关村 and 村镇建设, and its reply
 * is about that lamp). Rural matters only happen in villages, urban ones only in communities. Written for the demo,
 * with the vocabulary of real messages in mind; no message of a real data set is copied.
 */
import type { IssueKind, Urgency } from '../../shared/enums.ts';
import { prng } from '../../shared/random.ts';

/** A village (村) or a community (社区). */
export type PlaceKind = 'village' | 'community';

/** A village or community of the demo county with the local features its issues mention. */
export interface DemoPlace {
  name: string;
  township: string;
  kind: PlaceKind;
  /** Streets of a community, roads of a village. */
  roads: readonly string[];
  /** Residential compounds (communities only). */
  compounds: readonly string[];
  /** Villager groups (villages only): 一组, 二组, … */
  groups: readonly string[];
  market: string;
  school: string;
  /** The nearest clinic: a village's 卫生室, a community's 卫生服务站. */
  clinic: string;
  /** The township's health centre. */
  healthCentre: string;
  /** Kindergartens. */
  kindergartens: readonly string[];
  /** The township government as its people say it: 镇政府, 乡政府, 街道办事处. */
  gov: string;
  /** Communities: a square or park. */
  square?: string;
  /** Villages: an irrigation canal, a bridge, a river or lake, a pond or small reservoir, a hill. */
  canal?: string;
  bridge?: string;
  water?: string;
  pond?: string;
  hill?: string;
}

type CommunitySpec = { name: string; roads: string[]; compounds: string[]; school: string; square: string };
type VillageSpec = { name: string; roads: string[]; groups: number; canal: string; bridge: string; water: string; pond: string; hill: string };

const GROUP_NAMES = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组', '九组'];

/** The townships of the demo county, each with its villages and communities (in the order of their codes). */
export const DEMO_TOWNSHIPS: readonly { suffix: string; name: string; places: readonly (CommunitySpec | VillageSpec)[] }[] = [
  {
    suffix: '001', name: '城关镇', places: [
      { name: '解放路社区', roads: ['解放路', '文化巷', '胜利街'], compounds: ['锦绣花园', '解放路二号院', '粮食局宿舍'], school: '解放路小学', square: '解放广场' },
      { name: '人民路社区', roads: ['人民路', '府前街', '建设巷'], compounds: ['金色家园', '人民路商住楼', '财政局宿舍'], school: '实验小学', square: '人民广场' },
      { name: '北门社区', roads: ['北门街', '北环路', '仓前巷'], compounds: ['北门新村', '盛世华庭', '纺织厂宿舍'], school: '北门中学', square: '北门公园' },
      { name: '东关村', roads: ['东关大道', '进村主路'], groups: 7, canal: '东关渠', bridge: '东关桥', water: '东关河', pond: '东关山塘', hill: '东岭' },
      { name: '西关村', roads: ['西环路', '西关老街'], groups: 6, canal: '西干渠', bridge: '西关桥', water: '西关河', pond: '西关水库', hill: '西山' },
    ],
  },
  {
    suffix: '002', name: '东湖街道', places: [
      { name: '湖滨社区', roads: ['湖滨路', '滨湖大道', '渔光巷'], compounds: ['湖滨花园', '碧水湾小区', '水利局宿舍'], school: '湖滨小学', square: '湖滨公园' },
      { name: '新华社区', roads: ['新华路', '朝阳街', '建华巷'], compounds: ['新华苑', '阳光小区', '供销社宿舍'], school: '新华小学', square: '新华广场' },
      { name: '东湖村', roads: ['环湖路', '湖堤路'], groups: 8, canal: '东湖灌渠', bridge: '湖口桥', water: '东湖', pond: '湖湾山塘', hill: '龟山' },
      { name: '渔港村', roads: ['码头路', '渔港大道'], groups: 5, canal: '渔港排渠', bridge: '渔港桥', water: '渔港河', pond: '渔港山塘', hill: '渔港后山' },
    ],
  },
  {
    suffix: '003', name: '青山乡', places: [
      { name: '青山村', roads: ['青山公路', '村部前街'], groups: 8, canal: '青山水渠', bridge: '青山桥', water: '青山溪', pond: '青山水库', hill: '青山岭' },
      { name: '石门村', roads: ['石门公路', '村部前街'], groups: 6, canal: '石门渠', bridge: '石门桥', water: '石门溪', pond: '石门山塘', hill: '石门岭' },
      { name: '竹林村', roads: ['竹林大道', '村部前街'], groups: 5, canal: '竹林渠', bridge: '竹林桥', water: '竹林溪', pond: '竹林山塘', hill: '竹林后山' },
      { name: '杨家坪村', roads: ['杨家坪大道', '通组公路'], groups: 9, canal: '杨家坪水渠', bridge: '杨家坪大桥', water: '杨家坪小河', pond: '杨家坪山塘', hill: '杨家坪后山' },
    ],
  },
  {
    suffix: '004', name: '柳河镇', places: [
      { name: '柳河社区', roads: ['柳河街', '滨河路', '政府前街'], compounds: ['柳河花苑', '滨河小区', '粮站宿舍'], school: '柳河镇中心小学', square: '滨河公园' },
      { name: '柳树村', roads: ['柳树大道', '沿河路'], groups: 7, canal: '柳树渠', bridge: '柳树桥', water: '柳河', pond: '柳树山塘', hill: '柳树岭' },
      { name: '河湾村', roads: ['河湾大道', '沿河大堤路'], groups: 6, canal: '河湾排灌渠', bridge: '河湾大桥', water: '柳河', pond: '河湾水塘', hill: '河湾岭' },
      { name: '王庄村', roads: ['王庄大道', '村部前街'], groups: 8, canal: '王庄支渠', bridge: '王庄桥', water: '王庄小河', pond: '王庄大塘', hill: '王庄后山' },
    ],
  },
  {
    suffix: '005', name: '白石镇', places: [
      { name: '白石社区', roads: ['白石街', '新街', '车站路'], compounds: ['白石花园', '新街小区', '矿务局宿舍'], school: '白石镇中心小学', square: '白石广场' },
      { name: '李家村', roads: ['李家大道', '村部前街'], groups: 6, canal: '李家渠', bridge: '李家桥', water: '李家河', pond: '李家山塘', hill: '李家岭' },
      { name: '新民村', roads: ['新民大道', '村部前街'], groups: 7, canal: '新民渠', bridge: '新民桥', water: '新民河', pond: '新民水库', hill: '新民后山' },
      { name: '高岭村', roads: ['盘山公路', '高岭大道'], groups: 5, canal: '高岭水渠', bridge: '高岭桥', water: '高岭溪', pond: '高岭水库', hill: '高岭' },
    ],
  },
];

function placeOf(township: string, spec: CommunitySpec | VillageSpec): DemoPlace {
  const stem = spec.name.replace(/(社区|村)$/, '');
  const gov = township.endsWith('街道') ? '街道办事处' : township.endsWith('乡') ? '乡政府' : '镇政府';
  const healthCentre = township.endsWith('街道') ? `${township}社区卫生服务中心` : `${township}卫生院`;
  if ('compounds' in spec) {
    return {
      name: spec.name, township, kind: 'community', roads: spec.roads, compounds: spec.compounds, groups: [],
      market: `${stem}农贸市场`, school: spec.school, clinic: `${spec.name}卫生服务站`, healthCentre,
      kindergartens: [`${stem}幼儿园`, '小天鹅幼儿园', '童乐幼儿园'], gov, square: spec.square,
    };
  }
  return {
    name: spec.name, township, kind: 'village', roads: spec.roads, compounds: [], groups: GROUP_NAMES.slice(0, spec.groups),
    market: `${township}集贸市场`, school: `${stem}小学`, clinic: `${spec.name}卫生室`, healthCentre,
    kindergartens: [`${stem}幼儿园`, '苗苗幼儿园'], gov, canal: spec.canal, bridge: spec.bridge, water: spec.water, pond: spec.pond, hill: spec.hill,
  };
}

/** Every village and community of the demo county. */
export const DEMO_PLACES: readonly DemoPlace[] = DEMO_TOWNSHIPS.flatMap((t) => t.places.map((p) => placeOf(t.name, p)));

/** The unit that handles a matter: a county department (by key, see demo.ts) or the place's own township. */
export type HandlerKey = 'housing' | 'hrss' | 'education' | 'health' | 'environment' | 'transport' | 'market' | 'urban' | 'town';

/** A kind of issue: its category, where it happens, who handles it, how it is written and answered. */
export interface TextTemplate {
  /** Top and second level of the default category tree. */
  category: readonly [string, string];
  where: PlaceKind | 'any';
  unit: HandlerKey;
  kinds: readonly IssueKind[];
  /** Relative frequency. */
  weight: number;
  titles: readonly string[];
  bodies: readonly string[];
  /** The matter in a few words, for notes along the lifecycle (`{v}` is put before it). */
  what: string;
  /** The reply when the request is supported, and when it is answered with an explanation. */
  support: string;
  explain: string;
  /** The reply when it is not supported (default: a sentence naming the matter). */
  reject?: string;
  /** The reply's basis (default: 《信访工作条例》及相关政策规定). */
  basis?: string;
  /** Why and where to, when the office declines it (only matters that belong elsewhere). */
  decline?: { reason: string; properChannel: string };
  /** A hazard: more often urgent. */
  hazard?: boolean;
}

const BRANDS = ['宏达', '鑫源', '顺发', '金利', '恒昌', '永兴'];
const FACTORY_TYPES = ['木材加工厂', '石材厂', '砖厂', '塑料制品厂', '家具厂', '铸造厂'];
const COMPANY_TYPES = ['建材有限公司', '服装厂', '电子厂', '食品厂', '物流公司', '纸箱厂'];
const PROJECTS = ['安置小区项目', '商住楼项目', '学校扩建项目', '医院综合楼项目', '农贸市场改造项目'];
const ESTATES = ['锦城华府', '盛华名苑', '御景湾', '学府壹号', '滨江壹品', '翰林苑'];
const SHOPS = ['华联超市', '万家福超市', '好又多超市', '便民超市', '惠民超市'];
const OLD_EMPLOYERS = ['农机厂', '酒厂', '化肥厂', '食品公司', '供销社'];
const SMALL = ['两', '三', '四', '五', '六', '七', '八'];
const MONTHS = ['两', '三', '四', '五', '六'];
const WAGES = ['三万', '四万', '五万', '八万', '十二万'];

/** The slots of one issue: the place's features and numbers, drawn once (a repeat of the issue keeps them). */
export type Slots = Readonly<Record<string, string>>;

/** Draw the slots of an issue at a place. */
export function slotsFor(rand: () => number, place: DemoPlace): Slots {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const community = place.kind === 'community';
  const s: Record<string, string> = {
    v: place.name, t: place.township, gov: place.gov, road: pick(place.roads), market: place.market, school: place.school,
    clinic: place.clinic, hc: place.healthCentre, kg: pick(place.kindergartens),
    folk: community ? '居民' : '村民', org: community ? '社区居委会' : '村委会',
    factory: pick(BRANDS) + pick(FACTORY_TYPES), company: pick(BRANDS) + pick(COMPANY_TYPES), project: pick(PROJECTS),
    estate: pick(ESTATES), shop: pick(SHOPS), oldEmployer: pick(OLD_EMPLOYERS),
    n: pick(SMALL), m: pick(MONTHS), d: String(int(3, 25)), y: String(int(3, 15)), bld: String(int(1, 16)), wage: pick(WAGES),
    fee: String(pick([200, 300, 480, 600, 800, 1200])), age: String(int(80, 98)), pension: String(int(120, 240) * 10),
    rent: String(pick([300, 400, 500, 600, 800])),
  };
  if (community) {
    s.compound = pick(place.compounds);
    s.home = s.compound;
    s.square = place.square!;
  } else {
    s.group = pick(place.groups);
    s.home = s.group;
    s.canal = place.canal!;
    s.bridge = place.bridge!;
    s.water = place.water!;
    s.pond = place.pond!;
    s.hill = place.hill!;
  }
  return s;
}

/** Fill `{slot}`s; a slot the place does not have is an error (tests run every template at every place it fits). */
export function fill(text: string, slots: Slots): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`demo text slot {${k}} missing in ${JSON.stringify(text)} at ${slots.v}`);
    return v;
  });
}

const C = 'community' as const;
const V = 'village' as const;
const A = 'any' as const;

/** The demo county's issues, by category. */
export const TEXT_TEMPLATES: readonly TextTemplate[] = [
  // 城乡建设
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'urban', kinds: ['complaint', 'help'], weight: 4,
    titles: ['{v}{road}路灯不亮', '{road}{n}盏路灯坏了没人修', '反映{v}{road}路灯损坏'],
    bodies: [
      '{t}{v}{road}有{n}盏路灯已经坏了{d}天，晚上一片漆黑，老人孩子出行很不安全，前几天还有人在路口摔倒，希望尽快维修。',
      '我家住{v}{compound}，小区门口{road}这一段的路灯从上个月起就不亮了，晚上下班回家只能打手机电筒，请有关部门尽快安排维修。',
    ],
    what: '{road}路灯损坏',
    support: '经现场核实，{road}确有{n}盏路灯不亮，系地下电缆老化短路所致。我局已安排维修班组更换电缆和灯具，现已恢复照明，今后将加强路灯日常巡查。',
    explain: '经核实，{road}该段路灯正在进行节能改造，施工期间暂停照明，预计本月底完工后恢复，施工期间已增设临时照明，已向诉求人解释说明。',
  },
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'urban', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{v}{road}井盖松动', '{road}井盖破损存在安全隐患'],
    bodies: ['{t}{v}{road}靠近{compound}门口的井盖松动，车辆经过哐哐作响，夜里影响休息，旁边还有一个井盖破了个角，行人容易踩空，请尽快更换。'],
    what: '{road}井盖松动破损',
    support: '经现场查看，{road}{compound}门口有两处井盖松动破损，我局当天设置了警示标志，次日更换为防沉降井盖，问题已解决。',
    explain: '经核实，该处井盖为通信管道检查井，产权单位为通信运营企业，我局已通知其限期维修，并向诉求人说明了情况。',
    hazard: true,
  },
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'urban', kinds: ['complaint', 'suggestion'], weight: 3,
    titles: ['{v}{road}占道经营严重', '{road}流动摊贩占道，行人只能走机动车道'],
    bodies: [
      '{t}{v}{road}两侧商户把货物摆到人行道上，早晚还有流动摊贩占道卖菜卖水果，行人只能走机动车道，{school}放学的时候尤其危险，建议整治。',
      '我家住{t}{v}{compound}，楼下{road}的门面把摊子摆满了人行道，晚上还有夜宵摊占道到凌晨，推婴儿车都过不去，希望城管部门管一管。',
    ],
    what: '{road}占道经营',
    support: '我局已组织执法队员对{road}沿线开展集中整治，劝导商户退店经营，清理流动摊贩，并引导其到{market}内经营，今后将常态化巡查。',
    explain: '经核实，{road}靠近{market}的一段为临时设置的早市疏导点，限时经营。我局已要求摊贩按时收摊、保持通道畅通，并向诉求人解释说明。',
  },
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'urban', kinds: ['complaint'], weight: 3,
    titles: ['{v}{compound}垃圾清运不及时', '{compound}门口垃圾堆了{d}天没人拉'],
    bodies: [
      '{t}{v}{compound}门口的垃圾收集点已经{d}天没人清运，垃圾堆到了路边，天热气味很大，蚊蝇滋生，请环卫部门及时清理。',
      '{t}{v}{road}路边的垃圾桶天天满出来，环卫车隔好几天才来一次，流浪狗把垃圾扒得到处都是，影响{compound}居民出行。',
    ],
    what: '{compound}垃圾清运不及时',
    support: '经核实，因环卫车辆检修导致该收集点清运不及时。我局已于当天清运完毕并消杀除臭，将该点清运频次调整为每天两次。',
    explain: '经核实，{compound}小区内的垃圾由物业负责收集，环卫部门每日定时到集中点转运。我局已督促物业按时将垃圾运至集中点，并向诉求人说明。',
  },
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'housing', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{v}{compound}经常停水', '{road}供水管道漏水{d}天没人修'],
    bodies: ['{t}{v}{road}路口地下供水管道漏水已有{d}天，水流满了路面，{compound}楼上住户水压很低，早晚用水困难，请尽快抢修。'],
    what: '{road}供水管道漏水',
    support: '经核实，{road}路口一段供水管道老化破裂。我局已督促县自来水公司连夜抢修，更换管道约二十米，{compound}供水已恢复正常。',
    explain: '经核实，漏水点位于{compound}小区红线内，属小区自有管网，由物业负责维修。我局已督促物业限期修复，并向诉求人说明了产权划分。',
  },
  {
    category: ['城乡建设', '城市建设和市政管理'], where: C, unit: 'urban', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{v}{road}排水沟堵塞', '{compound}门口一下雨就积水'],
    bodies: [
      '{t}{v}{road}的排水沟被淤泥和垃圾堵住了，一下雨{compound}门口的积水就没过脚踝，污水还倒灌进一楼，请求尽快疏通。',
      '我家住{t}{v}{compound}，门口{road}的下水道井口堵了很久，每次下雨路面积水，车辆过去溅得行人一身水，请求疏通排水管网。',
    ],
    what: '{road}排水不畅',
    support: '经现场查看，{road}一段排水管道淤堵。我局已组织养护队伍清掏管道和雨水井，疏通排水沟约{n}百米，现排水正常，今后汛前将定期清淤。',
    explain: '经核实，{road}排水管道管径偏小，强降雨时排水不及，已列入今年城区雨污分流改造计划，改造前将加强汛期巡查和应急排水。',
  },
  {
    category: ['城乡建设', '住房保障与房地产'], where: C, unit: 'housing', kinds: ['complaint', 'help'], weight: 3,
    titles: ['{compound}{bld}栋电梯频繁故障', '{v}{compound}电梯三天两头坏'],
    bodies: [
      '我是{t}{v}{compound}{bld}栋的业主，这栋楼的电梯近一个月坏了{n}次，上周还有老人被困了半个多小时，物业一直拖着不彻底维修，请相关部门督促。',
      '{t}{v}{compound}{bld}栋的电梯经常停在半层不动，按钮也失灵，楼里住了很多老人，每次坏了都只能爬楼梯，找物业报修总说等配件，请求督促维修。',
    ],
    what: '{compound}{bld}栋电梯故障',
    support: '经核实，{compound}{bld}栋电梯主板和门机老化。我局已约谈物业公司，督促其更换配件并经检验合格后恢复运行，同时要求物业建立电梯维保台账。',
    explain: '经核实，该电梯已过保修期，大修需使用住宅专项维修资金，须经业主表决同意。我局已指导物业启动维修资金使用程序，并向诉求人说明办理流程。',
    hazard: true,
  },
  {
    category: ['城乡建设', '住房保障与房地产'], where: C, unit: 'housing', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{estate}逾期不交房', '{v}附近{estate}项目停工，购房户着急'],
    bodies: ['我在{t}{v}{road}旁的{estate}项目买了房，合同约定去年底交房，到现在还没交付，工地基本停工，开发商不给说法，请求政府协调。'],
    what: '{estate}逾期交房',
    support: '我局已约谈{estate}项目开发企业，督促其制定复工计划，项目已于本月复工，承诺年内分期交房，我局将跟踪监管交付进度。',
    explain: '经核实，{estate}项目因资金问题进度滞后，县里已成立工作专班推进复工。关于逾期交房违约金，已告知诉求人可依据购房合同主张。',
    decline: { reason: '该事项属于商品房买卖合同纠纷，应通过司法途径解决', properChannel: '向人民法院提起诉讼或申请仲裁' },
  },
  {
    category: ['城乡建设', '住房保障与房地产'], where: C, unit: 'housing', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{compound}物业乱涨价', '{v}{compound}物业费上涨没有公示'],
    bodies: ['{t}{v}{compound}的物业公司今年起把物业费从每平方米六毛涨到一块二，没有开业主大会，也没有公示收费依据，不交就不给开门禁卡，请求查处。'],
    what: '{compound}物业费上涨',
    support: '经核查，{compound}物业公司调整收费未履行业主共同决定程序。我局已责令其暂停执行新标准、退还多收费用，并督促召开业主大会重新协商。',
    explain: '经核实，{compound}物业服务合同约定的收费标准已到期调整，调价方案此前经业主大会表决通过。我局已要求物业在小区公示栏公开收费依据和明细。',
  },
  {
    category: ['城乡建设', '住房保障与房地产'], where: C, unit: 'housing', kinds: ['help', 'complaint'], weight: 1,
    titles: ['{compound}入住{y}年办不了房产证', '{v}{compound}业主拿不到不动产权证'],
    bodies: ['我们{t}{v}{compound}入住已经{y}年了，开发商一直没有办理房屋首次登记，业主都拿不到不动产权证，孩子上学、贷款都受影响，请求帮助解决。'],
    what: '{compound}办证难',
    support: '经核查，{compound}因开发企业欠缴配套费未完成竣工验收备案。我局已会同不动产登记中心督促开发企业补缴，首次登记已办结，业主可分批申办不动产权证。',
    explain: '经核查，{compound}存在规划变更未审批等历史遗留问题，已列入全县“办证难”专项整治清单，正在分类处置，已向诉求人说明进度。',
  },
  {
    category: ['城乡建设', '村镇建设'], where: V, unit: 'town', kinds: ['complaint', 'help'], weight: 3,
    titles: ['{v}{group}路灯不亮', '{v}村道太阳能路灯坏了大半年'],
    bodies: [
      '{t}{v}前年装的太阳能路灯，{group}这一段有{n}盏已经不亮了大半年，晚上村民出来走路看不清，请求维修。',
      '我们{t}{v}{group}村道上的路灯坏了好几盏，天一黑路上一片漆黑，村民晚上走路摔过好几次，向村里反映了也没人修，请求帮助。',
    ],
    what: '{group}太阳能路灯不亮',
    support: '经核实，{v}{group}{n}盏太阳能路灯蓄电池损坏。{gov}已联系安装企业在质保期内免费更换，现已恢复照明。',
    explain: '经核实，{v}{group}的路灯已过质保期，维修经费需由村集体列支。{gov}已督促{v}村委会安排维修，并向诉求人说明。',
  },
  {
    category: ['城乡建设', '村镇建设'], where: V, unit: 'town', kinds: ['complaint'], weight: 3,
    titles: ['{v}村口垃圾池满了没人清', '{v}{group}垃圾乱堆乱倒'],
    bodies: [
      '{t}{v}{group}村口的垃圾池已经满了很久，没人来拉，垃圾散落到路边和水沟里，天一热臭气熏天，请求落实保洁。',
      '{t}{v}的保洁员好久没来了，{group}路边的垃圾没人收，有的村民干脆倒进{water}里，请求{gov}管一管。',
    ],
    what: '{group}垃圾清运',
    support: '经核实，{v}保洁员岗位空缺导致清运中断。{gov}已督促村委会补聘保洁员，垃圾池已清理完毕，并纳入日常垃圾转运调度。',
    explain: '经核实，{v}的垃圾由村保洁员收集后每周转运两次，近期因转运车辆故障有所延误，现已恢复，已向诉求人说明。',
  },
  {
    category: ['城乡建设', '村镇建设'], where: V, unit: 'town', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{v}{group}排水沟堵塞', '{v}村口排水沟堵了，雨天积水'],
    bodies: ['{t}{v}{group}村口的排水沟堵塞，下雨时积水漫到路面，有几户村民的院子都进了水，请尽快疏通。'],
    what: '{group}排水沟堵塞',
    support: '经现场查看，{v}{group}排水沟淤堵约{n}百米。{gov}已组织村里清淤疏通，并对破损的沟渠进行了硬化，雨天已不再积水。',
    explain: '经核实，{v}{group}排水沟改造已列入今年人居环境整治项目，施工前{gov}已组织村民先行清理淤堵段。',
  },
  {
    category: ['城乡建设', '村镇建设'], where: V, unit: 'town', kinds: ['help'], weight: 2,
    titles: ['{v}{group}危房改造申请没消息', '{v}村民申请农村危房改造补助'],
    bodies: ['我是{t}{v}{group}村民，家里的土坯房墙体开裂，下雨漏水，家里只有我和老伴两个人，申请了农村危房改造一直没消息，请求帮助。'],
    what: '危房改造申请',
    support: '经{gov}和村干部入户核查，诉求人住房经鉴定为C级危房，家庭符合农村危房改造条件，已纳入今年改造计划，补助资金按施工进度拨付。',
    explain: '经核查，诉求人家庭此前已享受过农村危房改造补助，按规定不能重复享受。已向其说明政策，并协调村委会帮助其维修加固。',
  },
  {
    category: ['城乡建设', '安全生产'], where: A, unit: 'housing', kinds: ['report', 'complaint'], weight: 2,
    titles: ['{v}一栋自建房墙体开裂', '{v}{road}旁老房子有倒塌风险'],
    bodies: ['{t}{v}{road}旁一栋三层自建房墙体开裂，裂缝越来越大，临街一侧有倒塌风险，下面每天都有人经过，请求排查安全隐患。'],
    what: '自建房安全隐患',
    support: '接件后我局会同{gov}对该房屋进行了安全鉴定，鉴定为D级危房。已督促产权人撤离人员、设置警戒线，并完成加固处理。',
    explain: '经专业机构鉴定，该房屋裂缝为墙面抹灰层开裂，主体结构安全，已向诉求人说明，并提醒产权人定期检查。',
    hazard: true,
  },
  {
    category: ['城乡建设', '安全生产'], where: A, unit: 'housing', kinds: ['report', 'complaint'], weight: 1,
    titles: ['{v}附近工地基坑没有围挡', '{road}旁工地施工存在安全隐患'],
    bodies: ['{t}{v}{road}旁边有个工地，基坑边上没有围挡和警示牌，附近{school}的学生每天从旁边经过，太危险了，请求督促整改。'],
    what: '工地安全防护',
    support: '经现场检查，该工地基坑临边防护不到位，我局已责令施工单位停工整改，完善围挡和警示标志，复查合格后方准复工。',
    explain: '经现场检查，该工地基坑已按方案设置临边防护，部分围挡因大风倒伏，已要求施工单位当天恢复，并加强日常检查。',
    hazard: true,
  },
  {
    category: ['城乡建设', '城乡规划'], where: C, unit: 'urban', kinds: ['report', 'complaint'], weight: 2,
    titles: ['{compound}楼顶违章搭建', '{v}{compound}有住户私搭乱建'],
    bodies: ['{t}{v}{compound}{bld}栋顶楼住户在楼顶加盖了一层彩钢房，还在往外扩，楼下住户屋顶漏水，大家担心安全，请求依法拆除。'],
    what: '{compound}违章搭建',
    support: '经现场核查，该搭建物未取得规划许可，属违法建设。我局已下达限期拆除通知书，当事人已自行拆除，楼顶防水已恢复。',
    explain: '经核实，该楼顶构筑物为房屋建成时的楼梯间和水箱间，已取得规划许可，不属于违法建设，已向诉求人解释说明。',
  },
  // 劳动和社会保障
  {
    category: ['劳动和社会保障', '劳动关系'], where: A, unit: 'hrss', kinds: ['help', 'complaint'], weight: 4,
    titles: ['{v}附近工地拖欠农民工工资', '{project}拖欠工人工资{m}个月'],
    bodies: [
      '我们{n}名工人在{t}{v}{road}旁的{project}工地干活，包工头拖欠工资{m}个月，一共{wage}多元，找项目部说是开发商没给钱，眼看要过年了，请求帮助讨薪。',
      '我是{t}{v}的{folk}，去年在{project}工地做了{m}个月的木工，到现在工钱还没结，老板电话不接，家里等着这笔钱过日子，请求帮忙追讨。',
    ],
    what: '{project}拖欠工资',
    support: '我局接件后约谈了施工企业和劳务分包负责人，经核实拖欠工资属实，已督促其通过农民工工资专用账户足额支付，{n}名工人的工资已全部结清。',
    explain: '经核实，诉求人与个人包工头之间为劳务关系，工程款尚在结算。我局已组织双方调解，并告知诉求人可向县劳动人事争议仲裁委员会申请仲裁。',
    basis: '《保障农民工工资支付条例》',
  },
  {
    category: ['劳动和社会保障', '劳动关系'], where: A, unit: 'hrss', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{company}辞退员工不给补偿', '{company}不签劳动合同'],
    bodies: ['我在{t}{v}附近的{company}上班{y}年，厂里突然说效益不好把我们辞退了，不给经济补偿，一直也没签劳动合同，请求劳动部门处理。'],
    what: '{company}辞退补偿',
    support: '经劳动保障监察调查，{company}未依法签订劳动合同、解除劳动合同未支付经济补偿属实。我局已责令其限期支付经济补偿金及二倍工资差额，企业已履行。',
    explain: '经调查，{company}与诉求人已签订劳动合同，因合同期满终止，经济补偿正在核算。我局已督促企业按规定支付，并告知诉求人可申请劳动仲裁。',
    basis: '《中华人民共和国劳动合同法》',
  },
  {
    category: ['劳动和社会保障', '城镇职工社会保险'], where: A, unit: 'hrss', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{company}不给职工缴社保', '反映{company}欠缴社会保险费'],
    bodies: ['我在{t}{v}的{company}工作{y}年，单位一直没给我们缴养老保险和医疗保险，上个月看病才发现医保卡用不了，请求督促单位补缴。'],
    what: '{company}欠缴社保',
    support: '经核查，{company}存在未为部分职工参保缴费的情况。我局已下达限期改正指令书，企业已为诉求人等职工办理参保登记并补缴欠费。',
    explain: '经核查，{company}已为诉求人参保，因企业近三个月欠费导致医保暂停。我局已督促其补缴，待遇已恢复，并向诉求人说明。',
  },
  {
    category: ['劳动和社会保障', '城镇职工社会保险'], where: A, unit: 'hrss', kinds: ['consult'], weight: 2,
    titles: ['养老保险关系转移办不了', '咨询外省养老保险转回本县'],
    bodies: ['我是{t}{v}的，在外省打工缴了{y}年职工养老保险，现在回老家了想转回本县，去窗口问说要等转出地出函，好几个月没有进展，请问怎么办理。'],
    what: '养老保险转移接续',
    support: '经核实，诉求人的转移申请已受理，我局已与转出地社保机构联系，参保缴费凭证已收到，转入手续已办结。',
    explain: '经核实，诉求人的转移申请已受理，转出地社保机构已出具参保缴费凭证，转入手续正在办理，预计一个月内完成，已告知诉求人可在国家社会保险公共服务平台查询进度。',
  },
  {
    category: ['劳动和社会保障', '城镇居民社会保险'], where: A, unit: 'hrss', kinds: ['help', 'complaint'], weight: 2,
    titles: ['{v}居民医保缴了费却显示未参保', '城乡居民医保参保记录查不到'],
    bodies: ['我是{t}{v}{home}的{folk}，今年的城乡居民医疗保险在{org}交了，到医院报销时说系统里没有参保记录，请求核查。'],
    what: '居民医保参保记录',
    support: '经核查，诉求人缴费信息因代收网点录入错误未能同步，已更正参保记录，此前住院费用可按规定补报。',
    explain: '经核查，诉求人缴费时间晚于集中缴费期，按规定待遇享受有等待期，已向其说明政策，等待期满后可正常报销。',
  },
  {
    category: ['劳动和社会保障', '城镇居民社会保险'], where: A, unit: 'hrss', kinds: ['help', 'consult'], weight: 2,
    titles: ['{v}老人领不到城乡居民养老金', '年满六十岁还没领到养老金'],
    bodies: ['我父亲今年满六十岁了，家住{t}{v}，按时交了{y}年城乡居民养老保险，{org}说资料交上去了，但两个月了还没有领到养老金，请求帮助。'],
    what: '城乡居民养老金领取',
    support: '经核查，诉求人父亲的待遇领取申请因身份信息比对未通过被退回，现已重新核验并审批，养老金已从申请次月起补发。',
    explain: '经核查，诉求人父亲的待遇申请已审批，养老金将从次月起按月发放至社保卡，已向诉求人说明。',
  },
  {
    category: ['劳动和社会保障', '就业培训'], where: A, unit: 'hrss', kinds: ['consult', 'help'], weight: 2,
    titles: ['咨询{t}免费技能培训', '{v}返乡人员想参加技能培训'],
    bodies: ['我是{t}{v}的返乡务工人员，想参加政府组织的免费技能培训，学电工或者家政，请问怎么报名，有没有补贴。'],
    what: '技能培训报名',
    support: '我局已将诉求人纳入{t}电工培训班，培训期间免费食宿，结业取得证书后可申领培训补贴。',
    explain: '经核实，我局今年在{t}开设了电工、家政、电商等免费培训班，已将报名方式和培训补贴政策告知诉求人。',
  },
  {
    category: ['劳动和社会保障', '退休政策及待遇'], where: A, unit: 'hrss', kinds: ['complaint', 'consult'], weight: 1,
    titles: ['退休养老金核算有误', '原县{oldEmployer}退休职工待遇偏低'],
    bodies: ['我是原县{oldEmployer}的职工，家住{t}{v}，去年办了退休，养老金每月才{pension}元，和同年退休的同事差了好几百，怀疑视同缴费年限没有算对，请求复核。'],
    what: '养老金核算',
    support: '经复核诉求人档案，原核定时漏计了一段视同缴费年限，已重新核定养老金，差额自退休之月起补发。',
    explain: '经复核，诉求人视同缴费年限和缴费指数认定无误，待遇差异系缴费基数不同所致，已向其逐项解释计算过程。',
  },
  // 教育文体
  {
    category: ['教育文体', '教育收费'], where: A, unit: 'education', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{kg}乱收费', '{v}{kg}收取额外费用'],
    bodies: ['{t}{v}的{kg}除了保育费以外，每学期还要交{fee}元的兴趣班费、资料费，不交孩子就不能上，家长负担很重，请求核查。'],
    what: '{kg}收费',
    support: '经核查，{kg}存在超标准收取兴趣班费、资料费的问题。我局已责令其立即停止并清退违规收费，并约谈了园长。',
    explain: '经核查，{kg}收取的保育教育费符合物价部门核定标准，兴趣班为家长自愿选择，已要求幼儿园公示收费项目并向诉求人说明。',
  },
  {
    category: ['教育文体', '教育收费'], where: A, unit: 'education', kinds: ['report', 'complaint'], weight: 1,
    titles: ['{school}假期有偿补课', '{school}组织学生补课收费'],
    bodies: ['{t}{v}{school}这个暑假组织学生到校补课，每人收{fee}元，说是自愿，但不去的学生老师会点名，请求教育部门查处。'],
    what: '{school}有偿补课',
    support: '经调查，{school}组织有偿补课属实。我局已责令其立即停止，退还所收费用，并对学校负责人进行了通报批评。',
    explain: '经调查，{school}假期开展的是免费的课后托管服务，由家长自愿报名，未收取补课费用，已向诉求人说明。',
  },
  {
    category: ['教育文体', '教育行政管理'], where: A, unit: 'education', kinds: ['suggestion', 'complaint'], weight: 2,
    titles: ['{school}门口放学时交通拥堵', '{school}门口接送车辆乱停'],
    bodies: ['{t}{v}{school}放学时门口车辆乱停，接孩子的电动车把路都堵死了，孩子过马路很危险，建议增设护学岗和减速带。'],
    what: '{school}门口交通安全',
    support: '我局已会同交警部门和{gov}在{school}门口设置护学岗，上下学时段安排民警和家长志愿者值守，并增设了减速带和警示标志。',
    explain: '经核实，{school}门口道路较窄，学校已实行分年级错峰放学，我局已协调交警在放学时段加强疏导，并向诉求人说明。',
  },
  {
    category: ['教育文体', '教育行政管理'], where: A, unit: 'education', kinds: ['complaint'], weight: 1,
    titles: ['{school}食堂饭菜质量差', '{school}学生伙食差'],
    bodies: ['我孩子在{t}{v}{school}读书，反映学校食堂饭菜量少、经常是凉的，一个月伙食费要{fee}元，请求教育部门检查。'],
    what: '{school}食堂伙食',
    support: '我局已对{school}食堂进行检查，督促学校公开伙食账目，增加保温设备，并成立家长膳食委员会参与监督。',
    explain: '经检查，{school}食堂伙食费收支公开、标准合规，饭菜冷热问题系窗口少导致排队时间长，学校已增开打饭窗口。',
  },
  {
    category: ['教育文体', '考试招生'], where: A, unit: 'education', kinds: ['consult'], weight: 2,
    titles: ['咨询{v}孩子上小学的学区', '{v}适龄儿童入学划片咨询'],
    bodies: ['我家住{t}{v}{home}，孩子今年秋季上一年级，想问一下我们这里对口的是哪所小学，随迁子女需要准备哪些入学材料。'],
    what: '小学入学划片',
    support: '经核实，{v}今年对口{school}，诉求人孩子符合入学条件，已协调学校为其办理入学登记。',
    explain: '经核实，{v}今年对口{school}。随迁子女入学需提供户口簿、居住证明和预防接种证明，已告知诉求人报名时间和地点。',
  },
  {
    category: ['教育文体', '体育'], where: C, unit: 'education', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{square}健身器材损坏', '{v}{square}健身器材坏了没人修'],
    bodies: ['{t}{v}{square}的健身器材有好几件坏了，单杠松动，漫步机也卡住了，老人孩子锻炼容易受伤，请求维修更换。'],
    what: '{square}健身器材损坏',
    support: '经现场查看，{square}有{n}件健身器材损坏，我局已安排厂家维修更换，并在器材旁张贴了安全使用须知。',
    explain: '经核实，{square}的健身器材已过质保期，更换已列入今年全民健身设施更新计划，损坏器材已先行停用并设置警示。',
  },
  {
    category: ['教育文体', '体育'], where: V, unit: 'education', kinds: ['suggestion'], weight: 1,
    titles: ['建议在{v}建一个文体广场', '{v}村民缺少健身活动场地'],
    bodies: ['{t}{v}没有健身场地，村民晚上只能在公路边跳广场舞，车来车往很危险，建议利用村部旁边的空地建个小广场，配些健身器材。'],
    what: '文体活动场地',
    support: '我局已将{v}列入今年农民体育健身工程实施计划，配送一套健身器材，由{gov}和村委会负责场地硬化。',
    explain: '经核实，全县农民体育健身工程按年度计划分批实施，{v}已列入明年计划，已向诉求人说明。',
  },
  // 卫生计生
  {
    category: ['卫生计生', '医政监管'], where: A, unit: 'health', kinds: ['complaint', 'suggestion'], weight: 2,
    titles: ['{hc}常用药经常缺货', '{v}老人买药要跑县城'],
    bodies: ['{t}{v}的{folk}看病大多去{hc}，但那里高血压、糖尿病的常用药经常缺货，老人只能跑县城买药，希望解决。'],
    what: '{hc}常用药缺货',
    support: '经核实，{hc}因集中采购配送延迟导致部分慢性病药品短缺。我局已协调配送企业优先补货，并将常用药品纳入基层储备目录。',
    explain: '经核实，诉求人反映的药品已调出基本药物目录，{hc}已配备同类替代药品，已请医生向患者做好用药解释。',
  },
  {
    category: ['卫生计生', '医政监管'], where: A, unit: 'health', kinds: ['report'], weight: 1,
    titles: ['{v}有无证诊所给老人输液', '举报{v}一家诊所无证行医'],
    bodies: ['{t}{v}{road}边上有一家私人诊所，没有挂牌也没有执业证，经常给老人打针输液，出了事谁负责，请求查处。'],
    what: '无证诊所',
    support: '经卫生监督所现场检查，该诊所未取得医疗机构执业许可证，属非法行医，已依法予以取缔，没收药品器械并处以罚款。',
    explain: '经卫生监督所现场检查，该诊所持有有效的医疗机构执业许可证，医师资质齐全，已责令其在醒目位置悬挂证照。',
  },
  {
    category: ['卫生计生', '公共卫生'], where: A, unit: 'health', kinds: ['suggestion', 'complaint'], weight: 1,
    titles: ['{hc}接种疫苗排队太久', '孩子打疫苗预约难'],
    bodies: ['带孩子到{hc}打疫苗，每次都要排半天队，预约电话也打不通，我们{v}离得远，来回一趟要大半天，希望增加接种日。'],
    what: '预防接种排队',
    support: '我局已督促{hc}将预防接种门诊由每周两天增加为每周四天，并开通线上预约，现已实行分时段接种。',
    explain: '经核实，{hc}接种门诊每周开放三天，已开通线上预约，已将预约方式告知诉求人。',
  },
  {
    category: ['卫生计生', '公共卫生'], where: V, unit: 'health', kinds: ['help', 'suggestion'], weight: 1,
    titles: ['{clinic}长期关门', '{v}村卫生室没有村医'],
    bodies: ['{t}{v}的{clinic}原来的村医退休以后就一直锁着门，村民头疼感冒都要跑到{hc}，老人很不方便，请求派个村医。'],
    what: '{clinic}缺少村医',
    support: '我局已协调{hc}派出一名医生每周到{clinic}坐诊三天，同时将{v}纳入今年乡村医生定向招聘计划。',
    explain: '经核实，{clinic}的村医岗位正在招聘，招聘到位前由{hc}医生每周巡诊两次，已向诉求人说明。',
  },
  {
    category: ['卫生计生', '人口计生'], where: A, unit: 'health', kinds: ['consult'], weight: 1,
    titles: ['咨询独生子女父母奖励扶助金', '年满六十岁独生子女父母奖励怎么申请'],
    bodies: ['我是{t}{v}的{folk}，只有一个孩子，今年满六十岁了，听说可以领独生子女父母奖励扶助金，请问到哪里申请，要准备什么材料。'],
    what: '计划生育奖励扶助',
    support: '经核实，诉求人符合计划生育家庭奖励扶助条件，已协助其提交申请，经审核公示后按年发放。',
    explain: '经核实，奖励扶助由本人向户籍所在地{org}提出申请，需提供户口簿、身份证、结婚证和独生子女证明，已告知诉求人办理流程。',
  },
  {
    category: ['卫生计生', '食品药品监管'], where: A, unit: 'market', kinds: ['report', 'complaint'], weight: 2,
    titles: ['{school}门口小卖部卖三无食品', '{school}周边零食没有生产日期'],
    bodies: ['{t}{v}{school}门口几家小卖部卖辣条、散装零食，很多没有生产日期和厂家，孩子吃了拉肚子，请求查处。'],
    what: '{school}周边食品安全',
    support: '我局已对{school}周边{n}家小卖部开展检查，下架无标签食品一批，对两家经营者立案查处，并将校园周边纳入日常巡查。',
    explain: '经检查，{school}周边小卖部所售食品均有合格的标签和进货凭证，我局已督促经营者落实索证索票制度，并加强日常巡查。',
  },
  // 环境保护
  {
    category: ['环境保护', '环境污染'], where: A, unit: 'environment', kinds: ['complaint'], weight: 3,
    titles: ['{v}附近{factory}夜间噪音扰民', '{factory}半夜生产吵得睡不着'],
    bodies: [
      '{t}{v}{road}旁边的{factory}每天夜里十一点以后还在生产，机器轰隆隆响，附近{folk}根本没法休息，请求处理。',
      '我家住{t}{v}{home}，附近的{factory}整夜开机器，声音震得窗户都响，家里老人孩子天天睡不好，找厂里说了好几次也不改，请求环保部门处理。',
    ],
    what: '{factory}夜间噪音',
    support: '经夜间现场监测，{factory}厂界噪声超标。我局已责令其停止夜间生产并限期安装隔音设施，整改后复测达标。',
    explain: '经夜间现场监测，{factory}厂界噪声未超过排放标准。我局已要求企业合理安排生产时间、加强设备维护，并向诉求人通报了监测结果。',
    basis: '《中华人民共和国噪声污染防治法》',
  },
  {
    category: ['环境保护', '环境污染'], where: V, unit: 'environment', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{v}{water}发黑发臭', '{water}有污水直排'],
    bodies: ['{t}{v}{group}旁边的{water}这两年越来越黑，一到夏天就发臭，上游有生活污水和养殖废水直排进来，请求治理。'],
    what: '{water}水体污染',
    support: '我局会同{gov}排查了{water}沿线排污口，封堵直排口{n}处，对污水处理设施进行了整改，水质正在逐步好转。',
    explain: '经监测，{water}该段水质为轻度污染，主要是沿岸生活污水所致，已纳入今年农村生活污水治理项目，已向诉求人说明。',
  },
  {
    category: ['环境保护', '环境污染'], where: C, unit: 'environment', kinds: ['complaint'], weight: 2,
    titles: ['{compound}楼下餐馆油烟扰民', '{v}{road}烧烤店油烟熏人'],
    bodies: ['{t}{v}{compound}{bld}栋一楼开了几家餐馆，油烟直接往楼上排，住户窗户都不敢开，晚上还有烧烤摆到半夜，请求整治。'],
    what: '餐饮油烟',
    support: '经现场检查，涉事餐馆未安装油烟净化设施。我局已责令其限期安装并达标排放，露天烧烤已由城管部门清理。',
    explain: '经检查，涉事餐馆已安装油烟净化设施，监测排放达标，我局已要求其定期清洗并将排烟口改至楼顶。',
  },
  {
    category: ['环境保护', '环境污染'], where: V, unit: 'town', kinds: ['report', 'complaint'], weight: 2,
    titles: ['{v}有人焚烧秸秆', '{v}{group}田里烧秸秆烟雾大'],
    bodies: ['{t}{v}{group}这几天田里有人焚烧秸秆，烟雾很大，呛得人喘不过气，旁边公路上车都看不清，请求制止。'],
    what: '焚烧秸秆',
    support: '{gov}已组织网格员和村干部到{v}{group}现场扑灭火点，对焚烧农户进行了批评教育，并加强秸秆禁烧巡查和综合利用宣传。',
    explain: '经核实，{v}{group}田间烟雾系农户焚烧田埂杂草，已当场劝导熄灭，{gov}已加强禁烧宣传。',
  },
  {
    category: ['环境保护', '环保管理'], where: V, unit: 'environment', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{v}{group}养猪场臭气熏天', '{v}养殖场粪水乱排'],
    bodies: ['{t}{v}{group}有一家养猪场离村民房屋不到一百米，粪水直接排到{water}，夏天臭得不行，苍蝇成群，请求环保部门查处。'],
    what: '养殖污染',
    support: '经现场检查，该养殖场粪污处理设施不完善，存在粪水直排。我局已责令其停止排放、限期建设干湿分离和沼液池，并处以罚款。',
    explain: '经现场检查，该养殖场已配套粪污处理设施，未发现直排，臭味系清粪时段产生，已要求其增加除臭措施、调整清粪时间。',
  },
  // 交通运输
  {
    category: ['交通运输', '交通运输'], where: V, unit: 'transport', kinds: ['suggestion', 'help'], weight: 2,
    titles: ['{v}到县城的公交班次太少', '建议增加{v}公交班次'],
    bodies: ['{t}{v}到县城每天只有{n}班公交，最后一班下午四点就没了，上学上班很不方便，建议增加班次、延长末班时间。'],
    what: '公交班次',
    support: '经调研{v}沿线客流，县公交公司已在该线路早晚高峰各增加一个班次，末班车延长至晚上七点。',
    explain: '经核实，该线路目前客流较少，暂不具备加密班次条件。我局已协调开通预约响应式公交，村民可提前一天电话预约。',
  },
  {
    category: ['交通运输', '建设管理'], where: V, unit: 'transport', kinds: ['complaint', 'help'], weight: 3,
    titles: ['{t}到{v}的公路坑洼不平', '{v}通村公路破损严重'],
    bodies: [
      '{t}到{v}的这段公路到处是坑，有的地方路基都塌了，下雨天积水看不清，车辆通行很危险，请求尽快维修。',
      '{v}通往{t}的公路去年被大车压坏以后就没修过，路面坑坑洼洼，{group}的村民骑电动车摔倒过好几次，学生上学也不安全，请求维修。',
    ],
    what: '通村公路破损',
    support: '经现场踏勘，该路段破损约{n}公里。我局已将其纳入农村公路养护工程，现已完成坑槽修补和路基加固，恢复正常通行。',
    explain: '经现场踏勘，该路段已列入今年农村公路提质改造计划，正在办理招标，预计下季度开工，其间已安排养护人员修补坑槽。',
  },
  {
    category: ['交通运输', '建设管理'], where: V, unit: 'transport', kinds: ['report', 'help'], weight: 2,
    titles: ['{v}{bridge}栏杆断了', '{bridge}护栏损坏存在安全隐患'],
    bodies: ['{t}{v}村口的{bridge}栏杆断了一截，已经{d}天了，桥下水很深，晚上骑车经过很危险，学生每天从这里上学，请求尽快修复。'],
    what: '{bridge}护栏损坏',
    support: '接件当天我局即在{bridge}设置警示标志和临时防护，随后更换了损坏的护栏，并对桥梁进行了安全检查。',
    explain: '经核实，{bridge}已列入危桥改造计划，改造前我局已设置警示标志和临时防护栏，并限制重型车辆通行。',
    hazard: true,
  },
  {
    category: ['交通运输', '客货运输'], where: A, unit: 'transport', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{road}大货车超载', '{v}路段砂石车超载超速'],
    bodies: ['{t}{v}{road}这段经常有拉砂石的超载大货车通过，路面被压得坑坑洼洼，扬尘也大，晚上还开得飞快，存在安全隐患，请求治理。'],
    what: '货车超限超载',
    support: '我局已联合交警在该路段设置流动治超点，开展夜间联合治超，查处超限运输车辆{d}台次，并对受损路面进行了修补。',
    explain: '经核实，该路段车辆多为附近工程的运输车辆，我局已约谈运输企业，要求按核定载质量装载并限速通行，并加强巡查。',
  },
  {
    category: ['交通运输', '客货运输'], where: V, unit: 'transport', kinds: ['report', 'complaint'], weight: 1,
    titles: ['{v}到县城的班车超员', '{t}客运班车逢集超载'],
    bodies: ['{t}{v}到县城的客运班车每逢赶集和节假日都严重超员，二十座的车挤了三十多人，司机还不让说，请求查处。'],
    what: '客运班车超员',
    support: '我局已对该线路班车开展检查，查处超员行为，对客运企业和驾驶员依法处罚，并在赶集日加开班次。',
    explain: '经检查，该线路班车近期未发现超员，我局已在赶集日加派执法人员随车检查，并公布举报电话。',
  },
  {
    category: ['交通运输', '出租车管理'], where: C, unit: 'transport', kinds: ['complaint'], weight: 2,
    titles: ['县城出租车拒载', '{road}打车被绕路多收钱'],
    bodies: ['我住在{t}{v}{compound}，昨天晚上在{road}打出租车，司机嫌路近拒载，后来坐的一辆又故意绕路，多收了十几块钱，请求查处。'],
    what: '出租车拒载绕路',
    support: '经调取车辆卫星定位轨迹核实，该出租车存在绕路行为。我局已依规对驾驶员作出处罚，并责令退还多收车费。',
    explain: '因诉求人无法提供车牌号和乘车凭证，暂无法核实具体车辆。我局已对全县出租车开展拒载、绕路专项整治，并告知诉求人乘车时索要发票。',
  },
  {
    category: ['交通运输', '邮政管理'], where: V, unit: 'transport', kinds: ['suggestion', 'complaint'], weight: 1,
    titles: ['{v}快递不送到村', '{v}取快递还要收费'],
    bodies: ['{t}{v}的快递都放在{t}的代收点，取一个件要交两块钱，{v}离那里有好几公里，老人取件很不方便，请求快递进村。'],
    what: '快递进村',
    support: '我局已协调邮政和快递企业在{v}村部设立村级快递服务站，实行免费代收，快件每天统一配送到村。',
    explain: '经核实，代收点收费为快递企业与代办点的自行约定，我局已约谈相关企业，要求不得向收件人额外收费，{v}快递服务站正在筹建。',
  },
  // 商贸旅游
  {
    category: ['商贸旅游', '市场监管'], where: A, unit: 'market', kinds: ['complaint'], weight: 2,
    titles: ['{shop}出售过期食品', '{v}{shop}卖过期牛奶'],
    bodies: ['我在{t}{v}{road}的{shop}买到过期{d}天的牛奶，找商家退换，商家态度很差拒绝处理，请求市场监管部门查处。'],
    what: '{shop}过期食品',
    support: '经现场检查，{shop}确有过期食品在售。我局已责令其下架销毁，对经营者立案查处，并督促其向诉求人退还货款并按规定赔偿。',
    explain: '经现场检查，{shop}在售食品未发现过期，诉求人所购商品经双方协商已退换，我局已要求商家加强临期食品管理。',
    basis: '《中华人民共和国食品安全法》',
  },
  {
    category: ['商贸旅游', '市场监管'], where: A, unit: 'market', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{market}缺斤少两', '{market}摊贩的秤不准'],
    bodies: ['{t}{v}附近的{market}有几家摊贩用的秤不准，买两斤肉回家一称少了二两，请加强计量监管。'],
    what: '{market}计量器具',
    support: '我局已对{market}开展计量专项检查，查扣不合格电子秤{n}台，设立公平秤，并将涉事摊贩列入重点监管。',
    explain: '经检查，{market}在用计量器具均在检定有效期内，已在市场入口设立公平秤，方便群众复称。',
  },
  {
    category: ['商贸旅游', '商业贸易'], where: C, unit: 'market', kinds: ['complaint', 'help'], weight: 2,
    titles: ['{road}理发店办卡后关门', '{v}一家理发店收了会员费跑路'],
    bodies: ['我在{t}{v}{road}的一家理发店办了{fee}元的会员卡，才用了两次店就关门了，老板电话打不通，还有很多人也办了卡，请求帮助追回。'],
    what: '预付卡退费',
    support: '我局已联系上经营者，督促其与办卡消费者协商，已为登记的消费者办理退款，并将该经营者列入重点监管名单。',
    explain: '经核实，该店经营者已失联，我局已将线索移送公安机关，并告知诉求人保留办卡凭证，通过司法途径主张权利。',
    decline: { reason: '该事项属于消费合同纠纷，经营者已失联', properChannel: '向公安机关报案或向人民法院提起诉讼' },
  },
  // 农村农业
  {
    category: ['农村农业', '水利水电'], where: V, unit: 'town', kinds: ['help', 'complaint'], weight: 3,
    titles: ['{v}{canal}淤塞', '{v}灌溉水渠堵塞，田里放不进水'],
    bodies: [
      '{t}{v}{group}的{canal}被淤泥和杂草堵死了，好几处渠堤也垮了，马上要插秧了，田里放不进水，请求组织清淤修复。',
      '我是{t}{v}{group}村民，村里的{canal}好几年没清过淤了，水流不过来，今年好几十亩田灌不上水，请求帮忙疏通。',
    ],
    what: '{canal}淤塞',
    support: '经现场查看，{canal}淤塞约{n}百米。{gov}已安排水利站组织机械清淤，修复渠堤两处，现已通水，满足灌溉需要。',
    explain: '经现场查看，{canal}清淤已列入今冬明春农田水利建设计划，当前已组织村民先行疏通堵塞段，保障插秧用水。',
  },
  {
    category: ['农村农业', '水利水电'], where: V, unit: 'town', kinds: ['report', 'help'], weight: 1,
    titles: ['{pond}堤坝渗水', '{v}{pond}存在安全隐患'],
    bodies: ['{t}{v}的{pond}堤坝这段时间渗水越来越严重，下游就是{group}的房子，汛期快到了，村民很担心，请求尽快除险加固。'],
    what: '{pond}渗水',
    support: '{gov}已组织水利技术人员现场查勘，对{pond}采取降低水位、开挖导渗沟等应急措施，并已申报除险加固项目。',
    explain: '经水利技术人员查勘，{pond}坝体渗水量较小，尚在安全范围，已落实专人巡查，除险加固已列入明年计划。',
    hazard: true,
  },
  {
    category: ['农村农业', '水利水电'], where: V, unit: 'town', kinds: ['help', 'complaint'], weight: 2,
    titles: ['{v}{group}自来水经常停', '{v}{group}吃水困难'],
    bodies: ['{t}{v}{group}的自来水这个月停了好几次，一停就是两三天，水龙头放出来还发黄，全组几十户人家吃水困难，请求解决。'],
    what: '农村饮水',
    support: '经核实，{v}{group}供水管道老化破损导致停水，{gov}已组织水利站更换主管道，并对水源进行清洗消毒，供水已恢复正常。',
    explain: '经核实，近期停水系{v}水厂取水口水位下降所致，{gov}已安排送水车每天送水，新水源工程正在建设。',
  },
  {
    category: ['农村农业', '惠农补贴'], where: V, unit: 'town', kinds: ['help', 'consult'], weight: 2,
    titles: ['{v}耕地地力保护补贴未到账', '{v}{group}惠农补贴没发'],
    bodies: ['{t}{v}{group}部分农户今年的耕地地力保护补贴还没有到账，别的组都发了，问村里也说不清楚，请求核查。'],
    what: '耕地地力保护补贴',
    support: '经核查，{v}{group}{n}户农户因“一卡通”账户信息有误导致补贴发放失败，{gov}财政所已更正信息并补发到位。',
    explain: '经核查，未到账农户的承包地已流转或改变用途，不符合本年度补贴发放条件，已向诉求人说明政策规定。',
  },
  {
    category: ['农村农业', '土地承包经营'], where: V, unit: 'town', kinds: ['help', 'complaint'], weight: 2,
    titles: ['{v}土地流转租金被拖欠', '合作社拖欠{v}农户土地租金'],
    bodies: ['我们{t}{v}{group}十几户人家把承包地流转给了一个种植合作社，合同约定每年每亩{rent}元，今年合作社拖着不给租金，请求协调。'],
    what: '土地流转租金',
    support: '{gov}已约谈种植合作社负责人，督促其制定还款计划，拖欠的土地流转租金已分两次付清。',
    explain: '经核实，合作社因经营困难暂时无力支付，{gov}已组织双方协商，达成分期支付协议，并告知农户可申请仲裁。',
    decline: { reason: '该事项属于土地承包经营权流转合同纠纷', properChannel: '向县农村土地承包仲裁委员会申请仲裁或向人民法院起诉' },
  },
  {
    category: ['农村农业', '动物防疫'], where: V, unit: 'town', kinds: ['report'], weight: 1,
    titles: ['{v}{water}有人乱丢病死猪', '{water}里漂着死猪'],
    bodies: ['{t}{v}{group}旁边的{water}里这几天漂着好几头死猪，不知道从哪来的，臭得很，担心污染水源和传播疫病，请求处理。'],
    what: '病死畜禽处置',
    support: '{gov}已组织畜牧兽医站对病死猪进行打捞和无害化处理，对周边水体和养殖场进行消毒，并排查追溯来源。',
    explain: '经核实，死猪已由畜牧兽医站打捞并无害化处理，经检测未发现重大动物疫病，来源正在追查。',
  },
  {
    category: ['农村农业', '林业管理'], where: V, unit: 'town', kinds: ['report'], weight: 1,
    titles: ['{v}{hill}有人乱砍树', '举报{v}滥伐林木'],
    bodies: ['{t}{v}{hill}这几天有人用油锯砍树，已经砍倒了一大片，听说没有采伐许可证，请求林业部门查处。'],
    what: '滥伐林木',
    support: '经{gov}林业站现场核查，该处采伐未办理林木采伐许可证，已责令停止采伐，案件已移交县林业执法部门依法处理，并督促补植。',
    explain: '经核查，该处采伐为经批准的低产林改造，已办理林木采伐许可证，采伐范围和数量符合许可，已向诉求人说明。',
  },
  {
    category: ['农村农业', '村务管理'], where: V, unit: 'town', kinds: ['complaint', 'report'], weight: 2,
    titles: ['{v}村务财务不公开', '要求{v}公开集体收支账目'],
    bodies: ['{t}{v}这几年卖集体山林和征地补偿的钱到底怎么用的，村委会从来没有公开过账目，村民想看也不让看，请求督促村务公开。'],
    what: '村务公开',
    support: '{gov}已对{v}近三年村级财务进行审计，督促村委会在村务公开栏张榜公布收支明细，并召开村民代表大会通报情况。',
    explain: '经核实，{v}村级财务每季度在村务公开栏公示，相关收支已经村民代表大会审议，已向诉求人提供查阅途径。',
  },
  // 民政
  {
    category: ['民政', '社会救助'], where: A, unit: 'town', kinds: ['help'], weight: 3,
    titles: ['{v}困难家庭申请低保', '申请低保两个月没有答复'],
    bodies: [
      '我家住{t}{v}{home}，丈夫重病卧床，没有劳动能力，孩子还在上学，申请低保两个多月了没有答复，请求帮助。',
      '我是{t}{v}的{folk}，今年{age}岁，老伴去世了，一个人生活没有收入，身体也不好，想申请低保，不知道找谁办，请求帮助。',
    ],
    what: '低保申请',
    support: '经{gov}入户调查和家庭经济状况核对，诉求人家庭符合最低生活保障条件，已按程序公示并纳入低保，从下月起发放。',
    explain: '经入户调查和家庭经济状况核对，诉求人家庭人均收入高于当地低保标准，暂不符合条件。已为其申请临时救助，并告知可在情况变化后重新申请。',
    basis: '《社会救助暂行办法》',
  },
  {
    category: ['民政', '社会救助'], where: V, unit: 'town', kinds: ['help'], weight: 1,
    titles: ['{v}村民家中失火申请救助', '{v}{group}火灾受灾户生活困难'],
    bodies: ['{t}{v}{group}一户村民家里前几天失火，房子烧了一半，家具粮食都没了，一家人只能住在亲戚家，请求给予临时救助。'],
    what: '火灾临时救助',
    support: '{gov}已为受灾户发放临时救助金和棉被、粮油等生活物资，并将其房屋修缮纳入危房改造计划。',
    explain: '经核实，受灾户已购买农房保险，理赔正在办理，{gov}已先行发放生活物资，已向诉求人说明。',
    basis: '《社会救助暂行办法》',
  },
  {
    category: ['民政', '社会服务'], where: A, unit: 'town', kinds: ['consult'], weight: 2,
    titles: ['{v}老人高龄津贴怎么申领', '咨询高龄津贴发放'],
    bodies: ['我父亲今年满{age}岁，住在{t}{v}，听说有高龄津贴，想咨询一下怎么申领，需要带什么材料。'],
    what: '高龄津贴',
    support: '经核实，诉求人父亲符合高龄津贴发放条件，已由{org}代为申请，审核后按月发放。',
    explain: '经核实，年满八十周岁的老人可申领高龄津贴，由本人或家属持户口簿、身份证到{org}申请，已告知诉求人。',
  },
  // 国土资源
  {
    category: ['国土资源', '土地资源管理'], where: V, unit: 'town', kinds: ['consult', 'help'], weight: 2,
    titles: ['{v}宅基地审批进度', '申请宅基地半年没结果'],
    bodies: ['我是{t}{v}{group}村民，兄弟分户后申请宅基地建房已经半年了，材料都交了，一直没有审批结果，想了解进度。'],
    what: '宅基地审批',
    support: '经核实，诉求人的宅基地申请已通过{gov}联审，农村宅基地批准书已核发。',
    explain: '经核实，诉求人的宅基地申请已通过村级审查，因选址涉及耕地需调整，{gov}正在组织联审，预计一个月内办结，已告知诉求人。',
  },
  {
    category: ['国土资源', '土地资源管理'], where: V, unit: 'town', kinds: ['report'], weight: 1,
    titles: ['{v}有人占用耕地建房', '举报{v}{group}违法占地'],
    bodies: ['{t}{v}{group}有人在基本农田里打地基建房，已经砌了一层，村里劝了也不听，请求依法制止。'],
    what: '占用耕地建房',
    support: '{gov}已组织执法人员到{v}{group}现场制止，责令停止建设，违法建筑已拆除并复垦。',
    explain: '经核实，该处建房已取得农村宅基地批准书，用地不涉及基本农田，已向诉求人说明。',
  },
  // 政法
  {
    category: ['政法', '社会治安'], where: A, unit: 'town', kinds: ['report'], weight: 2,
    titles: ['{v}有人聚众赌博', '举报{v}一处民房夜间赌博'],
    bodies: ['{t}{v}{home}附近一处民房里，每天晚上都有人聚集打牌赌博，进进出出到半夜，影响治安，请求查处。'],
    what: '聚众赌博',
    support: '经派出所调查，该处确有聚众赌博行为，已依法查处，对参赌人员给予治安处罚，{gov}已加强该区域巡查。',
    explain: '经派出所多次夜间查看，该处为邻里娱乐性质的打牌，未发现赌博行为，已提醒其不要影响邻居休息。',
  },
  {
    category: ['政法', '社会治安'], where: C, unit: 'town', kinds: ['help', 'complaint'], weight: 1,
    titles: ['{compound}电动车频繁被盗', '{v}小区电动车接连被偷'],
    bodies: ['{t}{v}{compound}这个月已经丢了{n}辆电动车，小区门口的监控早就坏了，物业也不管，居民很没有安全感，请求加强治安管理。'],
    what: '电动车被盗',
    support: '派出所已对案件立案侦查，协调物业修复了小区门口监控，{gov}和社区增加夜间巡逻，目前已追回部分被盗车辆。',
    explain: '派出所已立案侦查，案件正在办理中，{gov}已督促物业修复监控、加强门岗管理，已向诉求人说明。',
  },
  {
    category: ['政法', '仲裁与调解'], where: A, unit: 'town', kinds: ['help'], weight: 2,
    titles: ['{v}邻里纠纷请求调解', '与邻居因排水沟起纠纷'],
    bodies: ['我是{t}{v}{home}的{folk}，和邻居因为两家房子中间的排水沟和边界起了纠纷，吵了好几次，{org}调解也没用，请求帮忙调解。'],
    what: '邻里纠纷',
    support: '{gov}司法所组织双方现场调解，按原有界址划定排水沟走向，双方签订了调解协议，纠纷已化解。',
    explain: '{gov}司法所已组织调解，双方未能达成一致，已告知诉求人可向人民法院提起诉讼。',
    decline: { reason: '该事项属于相邻关系民事纠纷', properChannel: '申请人民调解或向人民法院提起诉讼' },
  },
];

const OPENERS = ['', '', '', '', '您好，', '尊敬的领导：', '领导您好！'];
const CLOSERS = ['', '', '', '希望有关部门尽快处理。', '恳请领导重视，谢谢！', '盼复。', '希望尽快给个答复。'];
/** The share of issues that repeat a recent one (another call about the same matter: candidates for 并单). */
export const REPEAT_SHARE = 0.08;
const RECENT = 40;

/** One issue's text and what goes with it. */
export interface DemoText {
  template: TextTemplate;
  place: DemoPlace;
  slots: Slots;
  title: string;
  body: string;
  kind: IssueKind;
  /** Whether this is another call about a recent issue (same template, place and slots). */
  repeat: boolean;
}

/** Whether a template's matter can happen at a place. */
export function fits(template: TextTemplate, place: DemoPlace): boolean {
  return template.where === 'any' || template.where === place.kind;
}

/** Write an issue of a template at a place. */
export function composeText(rand: () => number, template: TextTemplate, place: DemoPlace, slots: Slots = slotsFor(rand, place), repeat = false): DemoText {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const title = fill(pick(template.titles), slots);
  const body = pick(OPENERS) + fill(pick(template.bodies), slots) + pick(CLOSERS);
  return { template, place, slots, title, body, kind: pick(template.kinds), repeat };
}

/**
 * A source of the demo's issue texts: each call writes one at one of `places` (an issue of a template that fits
 * one of them, weighted), now and then another call about a recent one. Deterministic for the same `rand`.
 */
export function textSource(rand: () => number): (places: readonly DemoPlace[]) => DemoText {
  const recent: DemoText[] = [];
  return (places) => {
    if (recent.length > 0 && rand() < REPEAT_SHARE) {
      const earlier = recent[Math.floor(rand() * recent.length)]!;
      if (places.includes(earlier.place)) return composeText(rand, earlier.template, earlier.place, earlier.slots, true);
    }
    const kinds = new Set(places.map((p) => p.kind));
    const usable = TEXT_TEMPLATES.filter((t) => t.where === 'any' || kinds.has(t.where));
    let r = rand() * usable.reduce((s, t) => s + t.weight, 0);
    let template = usable[usable.length - 1]!;
    for (const t of usable) if ((r -= t.weight) < 0) { template = t; break; }
    const at = places.filter((p) => fits(template, p));
    const text = composeText(rand, template, at[Math.floor(rand() * at.length)]!);
    recent.push(text);
    if (recent.length > RECENT) recent.shift();
    return text;
  };
}

/** `count` texts as the demo writes them, from `seed` (for tests: the demo's unseen texts). */
export function sampleTexts(seed: number, count: number, rand = prng(seed)): DemoText[] {
  const next = textSource(rand);
  return Array.from({ length: count }, () => next(DEMO_PLACES));
}

/** A line written along the issue's lifecycle, filled for this issue. */
export function say(text: DemoText, line: 'support' | 'explain' | 'reject' | 'what'): string {
  const t = text.template;
  if (line === 'reject') return t.reject ? fill(t.reject, text.slots) : `经调查核实，反映的${fill(t.what, text.slots)}问题不符合相关政策规定，依据有关规定不予支持，已向诉求人说明理由。`;
  return fill(t[line], text.slots);
}

/** How urgent an issue of this template is, given a uniform draw. */
export function urgencyOf(template: TextTemplate, r: number): Urgency {
  if (template.hazard) return r < 0.1 ? 'emergency' : r < 0.4 ? 'urgent' : r < 0.45 ? 'complex' : 'normal';
  return r < 0.07 ? 'urgent' : r < 0.14 ? 'complex' : 'normal';
}
