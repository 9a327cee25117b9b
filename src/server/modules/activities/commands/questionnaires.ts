/**
 * Commands of questionnaires (问卷) on a research trip: build one (each question's rules checked and named), edit it
 * (a question that has answers keeps its meaning: it can be reworded in its help, moved, closed or given new options,
 * never deleted, retyped, renamed, stripped of an option or given other limits), open and close it, and take one
 * respondent's answers — recorded by a cadre (on a visit of the trip) or through the public link.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import type { QuestionInput, QuestionnaireInput, QuestionnairePutInput, ResponseInput } from '../../../../shared/api/questionnaires.ts';
import { QUESTION_TYPE_NAMES, checkAnswers, type Question } from '../../../../shared/questionnaire.ts';
import { canRecordAt } from '../activities.policy.ts';
import * as repo from '../activities.repo.ts';
import * as research from '../research.repo.ts';
import * as qrepo from '../questionnaires.repo.ts';
import { ACTIVITY } from './activities.ts';

type Db = Kysely<DB>;
type Msg = { zh: string; en: string };
export const QUESTIONNAIRE = { zh: '问卷', en: 'Questionnaire' };

/** The questionnaire and its trip, if the trip is in the actor's scope. */
export async function questionnaireInScope(db: Db, actor: Actor, id: number) {
  const qn = await qrepo.findQuestionnaire(db, actor.tenantId, id);
  const trip = qn && await repo.findActivityInScope(db, actor, qn.activityId);
  if (!qn || !trip) throw notFound(QUESTIONNAIRE);
  return { qn, trip };
}

/** The trip, if the actor may build questionnaires on it (closing one is allowed on a cancelled trip too). */
async function tripFor(db: Db, actor: Actor, activityId: number, { evenCancelled = false } = {}) {
  const trip = await repo.findActivityInScope(db, actor, activityId);
  if (!trip) throw notFound(ACTIVITY);
  if (!canRecordAt(actor, trip.unitPath)) throw new AppError(403, 'forbidden');
  if (trip.kind !== 'research') throw new AppError(422, 'activity_not_research');
  if (trip.status === 'cancelled' && !evenCancelled) throw new AppError(422, 'activity_cancelled');
  return trip;
}

const label = (i: number, q: { title: string }): Msg => ({ zh: `第 ${i + 1} 题「${q.title}」`, en: `Question ${i + 1} "${q.title}"` });

/** A question from the builder, normalised: the fields its type does not use are null. */
function normalise(q: QuestionInput, id: number, optionIds: number[]): Question {
  const choice = q.type === 'single' || q.type === 'multiple';
  return {
    id, type: q.type, title: q.title.trim(), help: q.help?.trim() ?? '', required: q.required,
    options: choice ? (q.options ?? []).map((o, i) => ({ id: optionIds[i]!, text: o.text.trim() })) : [],
    minChoices: q.type === 'multiple' ? q.minChoices ?? null : null, maxChoices: q.type === 'multiple' ? q.maxChoices ?? null : null,
    maxLength: q.type === 'text' ? q.maxLength ?? null : null,
    min: q.type === 'number' ? q.min ?? null : null, max: q.type === 'number' ? q.max ?? null : null, closed: q.closed ?? false,
  };
}

/** What is wrong with a question's own rules, if anything. */
function definitionProblem(q: Question): Msg | null {
  if (q.title === '') return { zh: '题目不能为空', en: 'the question is empty' };
  if (q.type === 'single' || q.type === 'multiple') {
    if (q.options.length < 2) return { zh: '选择题至少要有 2 个选项', en: 'a choice question needs at least 2 options' };
    if (q.options.some((o) => o.text === '')) return { zh: '选项不能为空', en: 'an option is empty' };
    const texts = q.options.map((o) => o.text);
    const dup = texts.find((t, i) => texts.indexOf(t) !== i);
    if (dup) return { zh: `选项「${dup}」重复了`, en: `the option "${dup}" appears twice` };
  }
  if (q.type === 'multiple') {
    const lo = q.minChoices ?? 0;
    const hi = q.maxChoices ?? q.options.length;
    if (hi > q.options.length) return { zh: `最多选 ${hi} 项，但只有 ${q.options.length} 个选项`, en: `at most ${hi} picks but only ${q.options.length} options` };
    if (lo > hi) return { zh: `至少选 ${lo} 项不能多于最多选 ${hi} 项`, en: `at least ${lo} is more than at most ${hi}` };
    if (hi === 0) return { zh: '最多选的项数不能是 0', en: 'at most 0 picks' };
    if (q.required && q.minChoices === 0) return { zh: '必答的多选题至少要选 1 项', en: 'a required multiple choice needs at least 1 pick' };
  }
  if (q.type === 'number' && q.min !== null && q.max !== null && q.min > q.max) {
    return { zh: `最小值 ${q.min} 大于最大值 ${q.max}`, en: `the minimum ${q.min} is above the maximum ${q.max}` };
  }
  return null;
}

function refuseInvalid(problems: { index: number; msg: Msg }[], questions: readonly { title: string }[]): never {
  const fields: Record<string, Msg> = {};
  for (const p of problems) {
    const l = label(p.index, questions[p.index]!);
    fields[`questions.${p.index}`] = { zh: `${l.zh}：${p.msg.zh}`, en: `${l.en}: ${p.msg.en}` };
  }
  const first = Object.values(fields)[0]!;
  throw new AppError(422, 'questionnaire_invalid', { count: problems.length, first: first.zh, first_en: first.en }, fields);
}

/** Same meaning, for a question that has answers: what changed that would break them, if anything. */
function breakingChange(before: Question, after: Question): Msg | null {
  if (after.type !== before.type) return { zh: `不能把${QUESTION_TYPE_NAMES[before.type].zh}改成${QUESTION_TYPE_NAMES[after.type].zh}`, en: `its type cannot change from ${QUESTION_TYPE_NAMES[before.type].en} to ${QUESTION_TYPE_NAMES[after.type].en}` };
  if (after.title !== before.title) return { zh: '不能修改题目文字（可以停用这题，另加一题）', en: 'its wording cannot change (close it and add a new question)' };
  for (const o of before.options) {
    const now = after.options.find((x) => x.id === o.id);
    if (!now) return { zh: `不能删除选项「${o.text}」`, en: `the option "${o.text}" cannot be removed` };
    if (now.text !== o.text) return { zh: `不能把选项「${o.text}」改成「${now.text}」`, en: `the option "${o.text}" cannot be changed to "${now.text}"` };
  }
  if (after.minChoices !== before.minChoices || after.maxChoices !== before.maxChoices || after.maxLength !== before.maxLength || after.min !== before.min || after.max !== before.max) {
    return { zh: '不能修改作答限制（选项数、字数或数值范围）', en: 'its limits (picks, length or range) cannot change' };
  }
  return null;
}

/** Build a questionnaire on a research trip (not yet open); returns its id. */
export async function createQuestionnaire(db: Db, actor: Actor, activityId: number, input: QuestionnaireInput, now: string): Promise<number> {
  await tripFor(db, actor, activityId);
  if (input.questions.some((q) => q.id !== undefined || q.options?.some((o) => o.id !== undefined))) {
    throw new AppError(422, 'questionnaire_invalid', { count: 1, first: '新问卷的题目和选项不能带编号', first_en: 'a new questionnaire\'s questions and options carry no ids' });
  }
  let next = 1;
  const questions = input.questions.map((q) => normalise(q, 0, (q.options ?? []).map(() => next++)));
  const problems = questions.flatMap((q, index) => { const msg = definitionProblem(q); return msg ? [{ index, msg }] : []; });
  if (problems.length > 0) refuseInvalid(problems, questions);
  const id = await qrepo.insertQuestionnaire(db, {
    tenantId: actor.tenantId, activityId, title: input.title.trim(), intro: input.intro?.trim() ?? '', status: 'draft',
    token: randomBytes(16).toString('base64url'), createdBy: actor.userId, createdAt: now, updatedAt: now,
  });
  for (const [i, q] of questions.entries()) await qrepo.insertQuestion(db, actor.tenantId, id, q, i);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'questionnaire.create', entityType: 'questionnaire', entityId: id, at: now, ip: actor.ip, data: { activityId, questions: questions.length } });
  return id;
}

/** Replace a questionnaire's title, intro and questions, keeping what its answers mean. */
export async function updateQuestionnaire(db: Db, actor: Actor, id: number, input: QuestionnairePutInput, now: string): Promise<void> {
  // Held until the edit commits: no answer comes in between counting a question's answers and changing it.
  await qrepo.lockQuestionnaire(db, id);
  const { qn } = await questionnaireInScope(db, actor, id);
  await tripFor(db, actor, qn.activityId);
  if (qn.version !== input.version) throw new AppError(409, 'questionnaire_version_conflict', { current: qn.version });
  const before = await qrepo.questionsOf(db, id);
  const answered = await qrepo.answeredCounts(db, id);
  let next = Math.max(0, ...before.flatMap((q) => q.options.map((o) => o.id))) + 1;
  const problems: { index: number; msg: Msg }[] = [];
  const after = input.questions.map((q, index) => {
    const old = q.id !== undefined ? before.find((b) => b.id === q.id) : undefined;
    const given = (q.options ?? []).flatMap((o) => (o.id === undefined ? [] : [o.id]));
    if (new Set(given).size !== given.length) problems.push({ index, msg: { zh: '同一个选项出现了两次', en: 'the same option appears twice' } });
    if (q.id !== undefined && !old) problems.push({ index, msg: { zh: `没有编号为 ${q.id} 的题目`, en: `no question ${q.id}` } });
    const optionIds = (q.options ?? []).map((o) => {
      if (o.id === undefined) return next++;
      if (!old?.options.some((x) => x.id === o.id)) problems.push({ index, msg: { zh: `这题没有编号为 ${o.id} 的选项`, en: `no option ${o.id} in this question` } });
      return o.id;
    });
    return normalise(q, old?.id ?? 0, optionIds);
  });
  if (problems.length > 0) refuseInvalid(problems, after);
  const seen = new Set<number>();
  for (const [index, q] of after.entries()) {
    if (q.id && seen.has(q.id)) problems.push({ index, msg: { zh: '同一题出现了两次', en: 'the same question appears twice' } });
    seen.add(q.id);
    const msg = definitionProblem(q);
    if (msg) { problems.push({ index, msg }); continue; }
    const old = before.find((b) => b.id === q.id);
    const count = answered.get(q.id) ?? 0;
    const breaking = old && count > 0 ? breakingChange(old, q) : null;
    if (breaking) problems.push({ index, msg: { zh: `已有 ${count} 份回答，${breaking.zh}`, en: `it has ${count} answers; ${breaking.en}` } });
  }
  if (problems.length > 0) refuseInvalid(problems, after);
  const removed = before.filter((b) => !after.some((q) => q.id === b.id));
  const kept = removed.find((b) => (answered.get(b.id) ?? 0) > 0);
  if (kept) {
    throw new AppError(422, 'questionnaire_question_answered', { title: kept.title, count: answered.get(kept.id)! });
  }
  if (after.every((q) => q.closed) && qn.status === 'open') throw new AppError(422, 'questionnaire_no_questions');
  if (!(await qrepo.updateQuestionnaireRow(db, id, qn.version, { title: input.title.trim(), intro: input.intro?.trim() ?? '', updatedAt: now }))) {
    throw new AppError(409, 'questionnaire_version_conflict', { current: qn.version + 1 });
  }
  for (const b of removed) await qrepo.deleteQuestion(db, id, b.id);
  for (const [i, q] of after.entries()) {
    if (q.id) await qrepo.updateQuestion(db, id, q, i);
    else await qrepo.insertQuestion(db, actor.tenantId, id, q, i);
  }
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'questionnaire.update', entityType: 'questionnaire', entityId: id, at: now, ip: actor.ip, data: { questions: after.length, removed: removed.length } });
}

/** Open a questionnaire for answers, or close it (closing keeps every answer; it can be opened again). */
export async function setQuestionnaireStatus(db: Db, actor: Actor, id: number, status: 'open' | 'closed', now: string): Promise<void> {
  await qrepo.lockQuestionnaire(db, id);
  const { qn } = await questionnaireInScope(db, actor, id);
  await tripFor(db, actor, qn.activityId, { evenCancelled: status === 'closed' });
  if (qn.status === status) return;
  if (status === 'open' && (await qrepo.questionsOf(db, id)).every((q) => q.closed)) throw new AppError(422, 'questionnaire_no_questions');
  if (!(await qrepo.updateQuestionnaireRow(db, id, qn.version, { status, updatedAt: now }))) throw new AppError(409, 'questionnaire_version_conflict', { current: qn.version + 1 });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: status === 'open' ? 'questionnaire.open' : 'questionnaire.close', entityType: 'questionnaire', entityId: id, at: now, ip: actor.ip, data: {} });
}

/** The answers checked, or a 422 naming each question whose rule they break (field `answers.{questionId}`). */
function checked(questions: readonly Question[], raw: Record<string, unknown>) {
  const r = checkAnswers(questions, raw);
  if (r.ok) return r.answers;
  const fields = Object.fromEntries(Object.entries(r.problems).map(([qid, m]) => [`answers.${qid}`, m]));
  const first = Object.values(r.problems)[0]!;
  throw new AppError(422, 'questionnaire_answers_invalid', { count: Object.keys(fields).length, first: first.zh, first_en: first.en }, fields);
}

/** A cadre records one respondent's answers (on a visit of the trip, if given); returns the response's id. */
export async function recordResponse(db: Db, actor: Actor, id: number, input: ResponseInput, now: string): Promise<number> {
  await qrepo.lockQuestionnaire(db, id);
  const { qn, trip } = await questionnaireInScope(db, actor, id);
  if (!canRecordAt(actor, trip.unitPath)) throw new AppError(403, 'forbidden');
  if (trip.status === 'cancelled') throw new AppError(422, 'activity_cancelled');
  if (qn.status !== 'open') throw new AppError(422, 'questionnaire_not_open', { state: qn.status === 'draft' ? '尚未开放' : '已结束', state_en: qn.status === 'draft' ? 'is not open yet' : 'is closed' });
  if (input.visitId && !(await research.findVisit(db, trip.id, input.visitId))) throw notFound({ zh: '走访记录', en: 'Visit' });
  const questions = await qrepo.questionsOf(db, id);
  const answers = checked(questions, input.answers);
  const rid = await qrepo.insertResponse(db, { tenantId: qn.tenantId, questionnaireId: id, via: 'cadre', visitId: input.visitId ?? null, createdBy: actor.userId, now }, questions, answers);
  await writeAudit(db, { tenantId: qn.tenantId, actorId: actor.userId, action: 'questionnaire.answer', entityType: 'questionnaire', entityId: id, at: now, ip: actor.ip, data: { responseId: rid, visitId: input.visitId ?? null } });
  return rid;
}

/**
 * Store answers given through the public link, checked by the page against `questions`: in the transaction, with the
 * questionnaire locked, it is still open and its questions are still those (else `changed`: the page shows it again).
 */
export async function submitPublicResponse(db: Db, qn: qrepo.QuestionnaireRow, questions: readonly Question[], answers: ReadonlyMap<number, import('../../../../shared/questionnaire.ts').AnswerValue>, now: string): Promise<number | 'changed'> {
  const locked = await qrepo.lockQuestionnaire(db, qn.id);
  if (!locked || locked.status !== 'open' || locked.version !== qn.version) return 'changed';
  const rid = await qrepo.insertResponse(db, { tenantId: qn.tenantId, questionnaireId: qn.id, via: 'public', visitId: null, createdBy: null, now }, questions, answers);
  await writeAudit(db, { tenantId: qn.tenantId, actorId: null, action: 'questionnaire.submit', entityType: 'questionnaire', entityId: qn.id, at: now, ip: null, data: { responseId: rid } });
  return rid;
}
