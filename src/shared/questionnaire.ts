/**
 * Questionnaires of field research (问卷, issue 16): the question types, their limits, and the one check of a
 * respondent's answers that the server (the API and the public page) and the staff app's form all use — each broken
 * rule named by its question, the other answers kept.
 */

/** The kinds of question. */
export const QUESTION_TYPES = ['single', 'multiple', 'text', 'scale', 'number'] as const;
/** A kind of question. */
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Names of the kinds of question. */
export const QUESTION_TYPE_NAMES: Record<QuestionType, { zh: string; en: string }> = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  text: { zh: '填空题', en: 'Text' },
  scale: { zh: '打分题（1–5 分）', en: 'Scale (1–5)' },
  number: { zh: '数字题', en: 'Number' },
};

/** A questionnaire's states: built (draft), taking answers (open), no longer taking them (closed). */
export const QUESTIONNAIRE_STATUSES = ['draft', 'open', 'closed'] as const;
/** A questionnaire's state. */
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];
/** Names of the states. */
export const QUESTIONNAIRE_STATUS_NAMES: Record<QuestionnaireStatus, { zh: string; en: string }> = {
  draft: { zh: '未开放', en: 'Draft' },
  open: { zh: '收集中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** How a response came in. */
export const RESPONSE_VIAS = ['public', 'cadre'] as const;
/** How a response came in. */
export type ResponseVia = (typeof RESPONSE_VIAS)[number];
/** Names of the ways a response came in. */
export const RESPONSE_VIA_NAMES: Record<ResponseVia, { zh: string; en: string }> = {
  public: { zh: '群众扫码填写', en: 'Public link' },
  cadre: { zh: '干部走访填写', en: 'By a cadre' },
};

/** Limits of a questionnaire and of its answers. */
export const QUESTIONNAIRE_LIMITS = {
  titleMax: 100, introMax: 1_000, questionsMax: 50, questionTitleMax: 200, helpMax: 500,
  optionsMax: 20, optionTextMax: 100, textAnswerMax: 2_000, numberAbsMax: 1_000_000_000,
  /** The scale's ends. */
  scaleMin: 1, scaleMax: 5,
} as const;

/** A question as respondents see it and answers are checked against it. */
export interface Question {
  id: number;
  type: QuestionType;
  title: string;
  help: string;
  required: boolean;
  /** Choice questions: the options, each with an id that stays when the list is edited. */
  options: { id: number; text: string }[];
  /** Multiple choice: how many must / may be ticked. */
  minChoices: number | null;
  maxChoices: number | null;
  /** Text: the longest answer, in characters. */
  maxLength: number | null;
  /** Number: the range. */
  min: number | null;
  max: number | null;
  /** No longer asked (a question with answers is closed, never deleted). */
  closed: boolean;
}

/** An answer once checked: an option id, option ids, text, or a number. */
export type AnswerValue = number | number[] | string;

type Msg = { zh: string; en: string };

/** A question's rule in words, as the form shows it under the question. */
export function ruleOf(q: Question): Msg | null {
  if (q.type === 'multiple') {
    const lo = q.minChoices ?? (q.required ? 1 : 0);
    const hi = q.maxChoices ?? q.options.length;
    if (lo === hi) return { zh: `选 ${lo} 项`, en: `Pick ${lo}` };
    return { zh: `选 ${lo}–${hi} 项`, en: `Pick ${lo}–${hi}` };
  }
  if (q.type === 'text' && q.maxLength) return { zh: `最多 ${q.maxLength} 字`, en: `At most ${q.maxLength} characters` };
  if (q.type === 'number' && (q.min !== null || q.max !== null)) {
    if (q.min !== null && q.max !== null) return { zh: `${q.min} 到 ${q.max} 之间的数`, en: `A number from ${q.min} to ${q.max}` };
    return q.min !== null ? { zh: `不小于 ${q.min}`, en: `At least ${q.min}` } : { zh: `不大于 ${q.max}`, en: `At most ${q.max}` };
  }
  if (q.type === 'scale') return { zh: '1 分最低，5 分最高', en: '1 lowest, 5 highest' };
  return null;
}

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Check one answer against its question: the answer as stored, nothing (not answered), or the broken rule. */
export function checkAnswer(q: Question, raw: unknown): { value: AnswerValue | null } | { problem: Msg } {
  const name = `「${q.title}」`;
  const nameEn = `"${q.title}"`;
  if (blank(raw)) return q.required ? { problem: { zh: `${name}是必答题，请作答`, en: `${nameEn} must be answered` } } : { value: null };
  const asNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN);
  switch (q.type) {
    case 'single': {
      const id = asNumber(Array.isArray(raw) && raw.length === 1 ? raw[0] : raw);
      if (!q.options.some((o) => o.id === id)) return { problem: { zh: `${name}请从给出的选项中选一项`, en: `${nameEn}: pick one of the options` } };
      return { value: id };
    }
    case 'multiple': {
      const list = (Array.isArray(raw) ? raw : [raw]).map(asNumber);
      if (list.some((id) => !q.options.some((o) => o.id === id))) return { problem: { zh: `${name}只能选给出的选项`, en: `${nameEn}: pick from the options given` } };
      const ids = [...new Set(list)];
      const lo = q.minChoices ?? (q.required ? 1 : 0);
      const hi = q.maxChoices ?? q.options.length;
      if (ids.length < lo) return { problem: { zh: `${name}至少选 ${lo} 项，现在选了 ${ids.length} 项`, en: `${nameEn}: pick at least ${lo} (now ${ids.length})` } };
      if (ids.length > hi) return { problem: { zh: `${name}最多选 ${hi} 项，现在选了 ${ids.length} 项`, en: `${nameEn}: pick at most ${hi} (now ${ids.length})` } };
      return { value: q.options.filter((o) => ids.includes(o.id)).map((o) => o.id) };
    }
    case 'text': {
      if (typeof raw !== 'string') return { problem: { zh: `${name}请填写文字`, en: `${nameEn}: write text` } };
      const text = raw.trim();
      if (text === '') return q.required ? { problem: { zh: `${name}是必答题，请作答`, en: `${nameEn} must be answered` } } : { value: null };
      const max = Math.min(q.maxLength ?? QUESTIONNAIRE_LIMITS.textAnswerMax, QUESTIONNAIRE_LIMITS.textAnswerMax);
      const len = [...text].length;
      if (len > max) return { problem: { zh: `${name}最多 ${max} 字，现在是 ${len} 字`, en: `${nameEn}: at most ${max} characters (now ${len})` } };
      if (CONTROL.test(text)) return { problem: { zh: `${name}里有无法识别的字符`, en: `${nameEn} holds characters that cannot be read` } };
      return { value: text };
    }
    case 'scale': {
      const n = asNumber(raw);
      if (!Number.isInteger(n) || n < QUESTIONNAIRE_LIMITS.scaleMin || n > QUESTIONNAIRE_LIMITS.scaleMax) {
        return { problem: { zh: `${name}的分数只能是 1 到 5`, en: `${nameEn}: a score from 1 to 5` } };
      }
      return { value: n };
    }
    case 'number': {
      const n = asNumber(raw);
      if (!Number.isFinite(n) || Math.abs(n) > QUESTIONNAIRE_LIMITS.numberAbsMax) return { problem: { zh: `${name}请填写一个数字`, en: `${nameEn}: write a number` } };
      if (q.min !== null && n < q.min) return { problem: { zh: `${name}不能小于 ${q.min}，现在是 ${n}`, en: `${nameEn}: at least ${q.min} (now ${n})` } };
      if (q.max !== null && n > q.max) return { problem: { zh: `${name}不能大于 ${q.max}，现在是 ${n}`, en: `${nameEn}: at most ${q.max} (now ${n})` } };
      return { value: n };
    }
  }
}

/**
 * Check a respondent's answers (by question id) against the questions still asked: the answers to store, or every
 * broken rule by its question. Answers to closed or unknown questions are ignored.
 */
export function checkAnswers(questions: readonly Question[], raw: Record<string, unknown>):
  { ok: true; answers: Map<number, AnswerValue> } | { ok: false; problems: Record<number, Msg> } {
  const answers = new Map<number, AnswerValue>();
  const problems: Record<number, Msg> = {};
  for (const q of questions) {
    if (q.closed) continue;
    const r = checkAnswer(q, raw[String(q.id)]);
    if ('problem' in r) problems[q.id] = r.problem;
    else if (r.value !== null) answers.set(q.id, r.value);
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (answers.size === 0) {
    const first = questions.find((q) => !q.closed);
    if (first) return { ok: false, problems: { [first.id]: { zh: '问卷是空的：请至少回答一题', en: 'The questionnaire is empty: answer at least one question' } } };
  }
  return { ok: true, answers };
}
