/** TypeBox schemas of what language intelligence answers — similar issues, suggestions, hot spots — and their types for the web. */
import { Type, type Static } from 'typebox';
import { ISSUE_STATUSES, STATUS_TYPES } from '../lifecycle.ts';
import { Nullable, StringEnum } from './common.ts';

/** An issue like the one being typed (or like an existing one), with why it is similar. */
export const SimilarOut = Type.Object({
  id: Type.Integer(), trackingCode: Type.String(), title: Type.String(), status: StringEnum(ISSUE_STATUSES), statusType: StringEnum(STATUS_TYPES),
  orgUnitId: Type.Integer(), orgUnitName: Type.String(), categoryId: Nullable(Type.Integer()), receivedAt: Type.String(),
  mergedIntoId: Nullable(Type.Integer()),
  textSimilarity: Type.Number({ description: '文本相似度 0–1（TF-IDF 词元向量的余弦）' }),
  samePlace: Type.Boolean(), nearPlace: Type.Boolean({ description: '同一上级单位（同镇/同街道）' }), sameCategory: Type.Boolean(),
  score: Type.Number(),
});

/** POST /issues/similar, GET /issues/{id}/similar. */
export const SimilarList = Type.Object({ items: Type.Array(SimilarOut) });

/** Suggestions of one kind (categories or units) for a text: null where no model has been trained yet. */
export const SuggestedOut = Nullable(Type.Object({
  modelId: Type.Integer(),
  calibrated: Type.Boolean({
    description: '置信度是否按本租户已办结问题的交叉验证校准；false：模型训练于校准之前（或样本太少），置信度按默认参数估计，重新训练后校准',
  }),
  items: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), path: Type.String({ description: '类别路径或单位全称' }),
    confidence: Type.Number({
      minimum: 0, maximum: 1,
      description: '校准后的置信度 0–1：这一推荐正确的概率。声称 0.8 的推荐，在交叉验证中约 80% 是对的；各项之和不超过 1',
    }),
    lowConfidence: Type.Boolean({ description: '把握不大：置信度低于 0.5（错的可能比对的大），界面置灰并注明，请登记人自行判断' }),
  })),
}));

/** POST /suggestions. */
export const SuggestionsOut = Type.Object({ category: SuggestedOut, unit: SuggestedOut });

/** Issues of one category clustering in one area, with their trend against the window before. */
export const HotspotOut = Type.Object({
  areaId: Type.Integer(), areaName: Type.String(), categoryId: Nullable(Type.Integer()), categoryName: Type.String(),
  count: Type.Integer(), previousCount: Type.Integer(), change: Nullable(Type.Number()),
  trend: Type.Union([Type.Literal('new'), Type.Literal('rising'), Type.Literal('steady'), Type.Literal('falling')]),
  series: Type.Array(Type.Integer()), keywords: Type.Array(Type.String()), issueIds: Type.Array(Type.Integer()), score: Type.Number(),
});

/** GET /hotspots. */
export const HotspotListOut = Type.Object({ from: Type.String(), to: Type.String(), items: Type.Array(HotspotOut) });

/** A similar issue. */
export type SimilarIssue = Static<typeof SimilarOut>;
/** Suggestions for a text. */
export type Suggestions = Static<typeof SuggestionsOut>;
/**
 * One suggested category or unit (`path`: the category path or the unit's full name; `confidence` 0–1, calibrated: the
 * probability it is right; `lowConfidence` below 0.5).
 */
export type SuggestedItem = NonNullable<Suggestions['category']>['items'][number];
/** A hot spot. */
export type Hotspot = Static<typeof HotspotOut>;
/** Trend of a hot spot against the window before. */
export type HotspotTrend = Hotspot['trend'];
/** GET /hotspots. */
export type HotspotList = Static<typeof HotspotListOut>;
