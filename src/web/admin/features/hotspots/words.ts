/** The hot-spots screen's words, Chinese first. */
import { wordsHook } from '../../app/i18n.tsx';

const WORDS = {
  title: ['热点 · 专项治理候选（每月一题）', 'Hot spots · campaign candidates (one topic a month)'],
  intro: [
    '同一区域、同一类问题在近期集中或上升的情况，按件数与增幅综合排序，供确定“每月一题”专项治理时参考。',
    'Places where one kind of issue clusters or rises lately, ranked by count and growth: candidates for the monthly campaign topic.',
  ],
  window: ['统计时段', 'Window'],
  days: ['近 {n} 天', '{n} days'],
  level: ['区域层级', 'Area level'],
  village: ['村 / 社区', 'Villages'],
  township: ['乡镇 / 街道', 'Townships'],
  range: ['{from} 至 {to}，与此前 {n} 天对比', '{from} to {to}, against the {n} days before'],
  rank: ['排名', 'Rank'],
  area: ['区域', 'Area'],
  category: ['类别', 'Category'],
  uncategorized: ['未分类', 'Uncategorised'],
  count: ['件数', 'Issues'],
  previous: ['前期 {n}', 'before: {n}'],
  trend: ['趋势', 'Trend'],
  new: ['新出现', 'New'],
  rising: ['上升', 'Rising'],
  steady: ['持平', 'Steady'],
  falling: ['下降', 'Falling'],
  series: ['走势', 'Over time'],
  seriesHint: ['每格 {n} 天；竖线右侧为本期', 'Each step is {n} days; the current window is right of the line'],
  keywords: ['关键词', 'Keywords'],
  openLedger: ['查看台账', 'Open in ledger'],
  openLedgerHint: ['在台账中查看该区域、该类别本期收到的问题', 'The issues of this area and category received in the window'],
  empty: ['没有达到 {n} 件以上的聚集问题', 'No cluster of {n} or more issues'],
  loadFailed: ['加载失败：{msg}', 'Could not load: {msg}'],
  retry: ['重试', 'Retry'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word of the hot-spots screen. */
export type HotspotWord = keyof typeof WORDS;

/** `w('days', { n: 30 })` → 近 30 天. */
export const useWords = wordsHook(WORDS);
