/** The intake screen's words for the language features (suggestions, similar issues), Chinese first. */
import { wordsHook } from '../../app/i18n.tsx';

const WORDS = {
  suggestTitle: ['分类与承办单位建议', 'Suggested category and unit'],
  suggestHint: ['输入诉求内容（至少 {n} 个字）后，自动推荐问题分类和承办单位。', 'Type the request (at least {n} characters) to get a category and a unit suggested.'],
  suggestNoCategoryModel: ['分类推荐模型尚未训练：已办结的问题足够多后自动训练。', 'No category model trained yet: one is trained once enough issues are closed.'],
  suggestNoUnitModel: ['承办单位推荐模型尚未训练。', 'No unit model trained yet.'],
  suggestNone: ['暂无推荐', 'No suggestion'],
  suggestFailed: ['推荐暂不可用：{msg}', 'Suggestions unavailable: {msg}'],
  suggestCategories: ['推荐分类', 'Categories'],
  /** Shown only where there is a keyboard. */
  suggestCategoriesKeys: ['（点击或 Alt+数字 选用）', ' (click or Alt+number to use)'],
  suggestUnits: ['可能的承办单位（仅供参考，交办时确定）', 'Likely units (for reference; chosen when assigning)'],
  suggestChosen: ['已选用', 'In use'],
  suggestUse: ['选用分类：{name}', 'Use category: {name}'],
  confidence: ['置信度：此类推荐约有这么多是对的（按本地已办结问题校准）', 'Confidence: about this share of such suggestions were right (calibrated on this county’s closed issues)'],
  confidenceEstimated: ['置信度：估计值（模型训练于校准之前，下次训练后校准）', 'Confidence: an estimate (the model predates calibration; calibrated at its next training)'],
  lowConfidence: ['把握不大', 'Low confidence'],
  lowConfidenceHelp: ['置信度低于 50%：错的可能比对的大，请自行判断', 'Below 50 %: more likely wrong than right; judge for yourself'],
  similarTitle: ['相似问题', 'Similar issues'],
  similarHint: ['输入诉求内容后，自动查找内容相近或同一地点的问题，避免重复登记。', 'Type the request to find issues with similar text or at the same place, so nothing is registered twice.'],
  similarNone: ['未发现相似问题', 'No similar issues found'],
  similarFailed: ['查重暂不可用：{msg}', 'Similar issues unavailable: {msg}'],
  recentAt: ['同地点近期问题：{place}', 'Recent issues at {place}'],
  choosePlace: ['选择所在地后显示同地点近期问题', 'Choose a place to see its recent issues'],
  samePlace: ['同一地点', 'Same place'],
  nearPlace: ['同镇街', 'Same township'],
  sameCategory: ['同类别', 'Same category'],
  similarity: ['相似度 {p}%', '{p}% similar'],
  mergedAlready: ['已并入其他问题', 'Merged into another issue'],
  linkRepeat: ['关联为重复件', 'Link as repeat'],
  mergeInto: ['并入此件', 'Merge into this'],
  mergeHelp: ['新登记的问题将立即并入这件办理中的问题（并单）', 'The new issue is registered and at once merged into this open one'],
  chosenRepeat: ['登记后关联为重复件：', 'Will be linked as a repeat of '],
  chosenMerge: ['登记后并入：', 'Will be merged into '],
  chosen: ['已选择', 'Chosen'],
  registeredMerged: ['已登记 {code}，并已并入 {into}', 'Registered {code} and merged it into {into}'],
  registeredLinked: ['已登记 {code}，已关联 {to}', 'Registered {code}, linked to {to}'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word of the intake screen. */
export type IntakeWord = keyof typeof WORDS;

/** `w('similarity', { p: 87 })` → 相似度 87%. */
export const useWords = wordsHook(WORDS);
