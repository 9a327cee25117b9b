/**
 * The demo county's questionnaires (issue 16): the most recent research trips each carry one — a village's on living
 * conditions and farming services, a community's on its services — built, opened and answered with the activities
 * module's commands: some answers recorded by the cadre on the trip's visits, others given through the public link;
 * the older ones are closed, the newest still open.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../actor.ts';
import { createQuestionnaire, questionsOf, recordResponse, setQuestionnaireStatus, submitPublicResponse } from '../modules/activities/index.ts';
import type { QuestionInput } from '../../shared/api/questionnaires.ts';
import { checkAnswers, type Question } from '../../shared/questionnaire.ts';

const HOUR = 3_600_000;

/** A questionnaire to build, and how likely each answer is (weights by option, or a generator). */
interface Template {
  title: string;
  intro: string;
  questions: QuestionInput[];
  /** Weights of the options (choice), of the scores 1–5 (scale), or the answers to pick from (text, number). */
  weights: Array<number[] | string[] | [number, number]>;
}

const TEMPLATES: Record<'village' | 'community', Template> = {
  village: {
    title: '农村人居环境和生产服务问卷',
    intro: '为了解大家对村里环境和生产服务的看法，请您抽几分钟填写。问卷不记录姓名和电话。',
    questions: [
      { type: 'single', title: '您家现在主要种什么？', required: true, options: ['水稻', '蔬菜', '果树', '不种地（外出务工）'].map((text) => ({ text })) },
      { type: 'multiple', title: '您最希望村里先解决哪些问题？', help: '最多选两项', required: true, minChoices: 1, maxChoices: 2, options: ['道路硬化', '灌溉水渠', '垃圾清运', '路灯', '村卫生室'].map((text) => ({ text })) },
      { type: 'scale', title: '您对村里环境卫生的满意度', required: true },
      { type: 'number', title: '家里常住几口人？', required: false, min: 1, max: 20 },
      { type: 'text', title: '您还有什么意见和建议？', required: false, maxLength: 200 },
    ],
    weights: [[5, 3, 2, 2], [3, 5, 2, 2, 1], [1, 2, 4, 5, 3], [1, 6], ['', '', '', '水渠年年淤，希望开春前清一次', '垃圾桶离家太远，希望每个组放几个', '村卫生室能不能每天都开门', '路灯晚上十点就灭了', '希望多组织农技培训']],
  },
  community: {
    title: '社区服务满意度问卷',
    intro: '社区想听听您的意见：哪些服务做得好，哪些还要改进。问卷不记录姓名和电话。',
    questions: [
      { type: 'single', title: '您在小区住了多久？', required: true, options: ['不到 1 年', '1–5 年', '5–10 年', '10 年以上'].map((text) => ({ text })) },
      { type: 'multiple', title: '您最希望改善哪些服务？', help: '最多选两项', required: true, minChoices: 1, maxChoices: 2, options: ['停车', '加装电梯', '物业服务', '老年助餐', '儿童活动场地'].map((text) => ({ text })) },
      { type: 'scale', title: '您对物业服务的满意度', required: true },
      { type: 'scale', title: '您对社区工作人员办事的满意度', required: true },
      { type: 'text', title: '您还有什么意见和建议？', required: false, maxLength: 200 },
    ],
    weights: [[1, 3, 4, 4], [5, 3, 4, 2, 2], [2, 3, 4, 3, 1], [1, 1, 3, 5, 4], ['', '', '', '晚上停车位太少，消防通道被占', '希望老楼加装电梯的事快点推进', '物业保洁只扫主干道', '助餐点的饭菜可以再便宜一些', '小区里缺少孩子玩的地方']],
  },
};

/** One respondent's answers, drawn by the template's weights. */
function answersFor(t: Template, questions: readonly Question[], rand: () => number): Record<string, unknown> {
  const weighted = (w: number[]) => {
    let x = rand() * w.reduce((s, v) => s + v, 0);
    for (const [i, v] of w.entries()) { x -= v; if (x < 0) return i; }
    return w.length - 1;
  };
  const out: Record<string, unknown> = {};
  for (const [i, q] of questions.entries()) {
    const w = t.weights[i]!;
    if (q.type === 'single') out[q.id] = q.options[weighted(w as number[])]!.id;
    else if (q.type === 'multiple') {
      const first = weighted(w as number[]);
      const second = rand() < 0.6 ? weighted(w as number[]) : first;
      out[q.id] = [...new Set([first, second])].map((k) => q.options[k]!.id);
    } else if (q.type === 'scale') out[q.id] = weighted(w as number[]) + 1;
    else if (q.type === 'number') { if (rand() < 0.8) out[q.id] = (w as [number, number])[0] + Math.floor(rand() * (w as [number, number])[1]); }
    else {
      const text = (w as string[])[Math.floor(rand() * w.length)]!;
      if (text) out[q.id] = text;
    }
  }
  return out;
}

/** Give the latest research trips (newest last) their questionnaires and answers; returns how many responses were made. */
export async function seedDemoQuestionnaires(db: Kysely<DB>, cadre: Actor, trips: ReadonlyArray<{ id: number; kind: 'village' | 'community'; startMs: number; visitIds: number[] }>,
  rand: () => number, nowMs: number): Promise<number> {
  const latest = [...trips].sort((a, b) => a.startMs - b.startMs).slice(-4);
  let responses = 0;
  for (const [k, trip] of latest.entries()) {
    const t = TEMPLATES[trip.kind];
    const at = (ms: number) => new Date(Math.min(ms, nowMs - HOUR)).toISOString();
    const id = await createQuestionnaire(db, cadre, trip.id, { title: t.title, intro: t.intro, questions: t.questions }, at(trip.startMs - 2 * 86_400_000));
    await setQuestionnaireStatus(db, cadre, id, 'open', at(trip.startMs - HOUR));
    const questions = await questionsOf(db, id);
    const row = await db.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const count = 12 + Math.floor(rand() * 14);
    for (let r = 0; r < count; r++) {
      const answers = answersFor(t, questions, rand);
      const when = at(trip.startMs + (0.5 + r * 0.3) * HOUR + (r % 3 === 2 ? Math.floor(rand() * 5) * 86_400_000 : 0));
      if (r % 3 === 2) {
        const checked = checkAnswers(questions, answers);
        if (checked.ok) await submitPublicResponse(db, row, questions, checked.answers, when);
      } else {
        await recordResponse(db, cadre, id, { visitId: trip.visitIds[r % trip.visitIds.length] ?? null, answers: answers as Record<string, number> }, when);
      }
      responses++;
    }
    // The newest trip's questionnaire is still taking answers; the others were closed a week after their trip.
    if (k < latest.length - 1) await setQuestionnaireStatus(db, cadre, id, 'closed', at(trip.startMs + 7 * 86_400_000));
  }
  return responses;
}
