/**
 * Hot spots (主动治理, 未诉先办): where a class of problems is growing. Issues in the actor's scope received over the
 * last `days` are grouped by area (the village/community or township they are located in) and category; each group
 * is compared with the `days` before, given a trend series and its top keywords (jieba TF-IDF with domain stop
 * words), and the groups are ranked as candidates for a campaign (每月一题).
 */
import type { Kysely } from 'kysely';
import { TfIdf } from '@node-rs/jieba';
import { idf } from '@node-rs/jieba/dict.js';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../actor.ts';
import { resolveScope } from '../org/index.ts';
import { getJieba } from '../../nlp/index.ts';
import { categoriesOf, issuesReceived, unitsOf } from './intel.repo.ts';

type Db = Kysely<DB>;

/** Words every message uses, which say nothing about its problem. */
const STOP_WORDS = new Set([
  '问题', '反映', '希望', '请求', '要求', '相关', '部门', '解决', '情况', '市民', '领导', '你好', '您好', '尊敬', '政府', '我们',
  '他们', '没有', '现在', '已经', '一直', '可以', '这个', '这些', '那些', '什么', '怎么', '为什么', '是否', '进行', '处理', '有关',
  '能够', '尽快', '谢谢', '感谢', '目前', '今年', '去年', '时候', '本人', '居民', '群众', '严重', '非常', '问一下', '咨询', '投诉',
  '建议', '举报', '请问', '以及', '因为', '所以', '但是', '而且', '如果', '还是', '或者', '一个', '工作', '单位', '有限公司', '公司',
]);
/** Parts of speech kept as keywords: nouns, place and organisation names, verbal nouns, idioms. */
const KEYWORD_POS = ['n', 'nr', 'ns', 'nt', 'nz', 'vn', 'l', 'v'];
/** Texts per group read for keywords (the newest). */
const KEYWORD_SAMPLE = 150;
const SERIES_BUCKETS = 8;

let tfidf: TfIdf | undefined;
function keywordExtractor(): TfIdf {
  if (!tfidf) {
    tfidf = TfIdf.withDict(idf);
    tfidf.setConfig({ minKeywordLength: 2, useHmm: false });
  }
  return tfidf;
}

/** The top keywords of some texts; words of `placeNames` (the area's own name says nothing about the problem) are left out. */
export function topKeywords(texts: readonly string[], k = 5, placeNames: readonly string[] = []): string[] {
  if (texts.length === 0) return [];
  const joined = texts.join('\n').slice(0, 60_000);
  return keywordExtractor().extractKeywords(getJieba(), joined, k * 4, KEYWORD_POS)
    .map((w) => w.keyword)
    .filter((w) => !STOP_WORDS.has(w) && !/^[\p{N}\p{P}a-z]+$/u.test(w) && !placeNames.some((p) => p.includes(w)))
    .slice(0, k);
}

export interface HotspotQuery { days: number; level: 'village' | 'township'; now: string; minCount?: number; limit?: number }

/** One group: where, what, how many now and before, the series over both windows (oldest first), keywords. */
export interface Hotspot {
  areaId: number; areaName: string; categoryId: number | null; categoryName: string;
  count: number; previousCount: number;
  /** Relative change against the previous window; null when there was nothing before. */
  change: number | null;
  trend: 'new' | 'rising' | 'steady' | 'falling';
  series: number[];
  keywords: string[];
  /** The newest few issues of the group. */
  issueIds: number[];
  /** What the list is ordered by: how far the count rose above what the previous window predicts. */
  score: number;
}

/** Hot spots in the actor's scope over the window ending `now`. */
export async function findHotspots(db: Db, actor: Actor, q: HotspotQuery): Promise<Hotspot[]> {
  const span = q.days * 86_400_000;
  const end = Date.parse(q.now);
  const start = new Date(end - 2 * span).toISOString();
  const mid = new Date(end - span).toISOString();
  await resolveScope(db, actor);
  const [units, categories, rows] = await Promise.all([
    unitsOf(db, actor.tenantId),
    categoriesOf(db, actor.tenantId),
    issuesReceived(db, actor, start, q.now),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  /** The unit itself or its ancestor at the wanted level (a grid counts for its village; a village for its township). */
  const areaOf = (id: number): number => {
    for (let u = unitById.get(id); u; u = u.parentId == null ? undefined : unitById.get(u.parentId)) {
      if (u.level === q.level) return u.id;
    }
    return id;
  };
  const catById = new Map(categories.map((c) => [c.id, c]));
  const topCategory = (id: number | null): number | null => {
    let c = id == null ? undefined : catById.get(id);
    while (c && c.parentId != null && catById.has(c.parentId)) c = catById.get(c.parentId);
    return c?.id ?? null;
  };

  interface Group { area: number; category: number | null; now: typeof rows; before: number; series: number[] }
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const area = areaOf(r.orgUnitId);
    const category = topCategory(r.categoryId);
    const key = `${area}:${category ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { area, category, now: [], before: 0, series: new Array<number>(SERIES_BUCKETS).fill(0) }));
    if (r.receivedAt >= mid) g.now.push(r);
    else g.before++;
    const bucket = Math.min(SERIES_BUCKETS - 1, Math.floor(((Date.parse(r.receivedAt) - (end - 2 * span)) / (2 * span)) * SERIES_BUCKETS));
    g.series[Math.max(0, bucket)]!++;
  }
  const placeNames = units.filter((u) => u.level !== 'department').map((u) => u.name);
  const minCount = q.minCount ?? 3;
  const ranked = [...groups.values()]
    .filter((g) => g.now.length >= minCount)
    .map((g) => ({ g, score: (g.now.length - g.before) / Math.sqrt(g.before + 1) + g.now.length / 10 }))
    .sort((a, b) => b.score - a.score || b.g.now.length - a.g.now.length)
    .slice(0, q.limit ?? 20);
  return ranked.map(({ g, score }) => {
    const count = g.now.length;
    const change = g.before === 0 ? null : (count - g.before) / g.before;
    const trend = g.before === 0 ? 'new' : change! >= 0.25 ? 'rising' : change! <= -0.25 ? 'falling' : 'steady';
    return {
      areaId: g.area, areaName: unitById.get(g.area)?.name ?? '', categoryId: g.category,
      categoryName: g.category == null ? '未分类' : catById.get(g.category)?.name ?? '',
      count, previousCount: g.before, change: change == null ? null : Math.round(change * 1000) / 1000, trend,
      series: g.series,
      keywords: topKeywords(g.now.slice(0, KEYWORD_SAMPLE).map((r) => `${r.title}\n${r.body}`), 5, placeNames),
      issueIds: g.now.slice(0, 5).map((r) => r.id),
      score: Math.round(score * 100) / 100,
    };
  });
}
