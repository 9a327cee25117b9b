/** The tables of questionnaires (问卷): a research trip's questionnaires, their questions, responses and answers. */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { parseQuery, searchDoc } from '../../nlp/index.ts';
import { likeCheck } from '../search/index.ts';
import type { AnswerValue, Question, QuestionType } from '../../../shared/questionnaire.ts';

type Db = Kysely<DB>;
type Row<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] };
export type QuestionnaireRow = Row<DB['questionnaires']>;
type QuestionRow = Row<DB['questionnaireQuestions']>;

/** Store a questionnaire; returns its id. */
export async function insertQuestionnaire(db: Db, q: Omit<QuestionnaireRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('questionnaires').values({ ...q, version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}

/** One questionnaire of the tenant (the caller checks its trip is in the actor's scope). */
export async function findQuestionnaire(db: Db, tenantId: number, id: number): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('questionnaires').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The questionnaire behind a public link. */
export async function findQuestionnaireByToken(db: Db, token: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom('questionnaires').selectAll().where('token', '=', token).executeTakeFirst();
}

/**
 * Read a questionnaire inside a transaction and hold it until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite
 * has one writer at a time already): edits, status changes and answers to one questionnaire take turns.
 */
export async function lockQuestionnaire(db: Db, id: number): Promise<QuestionnaireRow | undefined> {
  const q = db.selectFrom('questionnaires').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** The status of a questionnaire's trip (a cancelled trip's questionnaire takes no answers). */
export async function tripStatus(db: Db, activityId: number): Promise<string | undefined> {
  return (await db.selectFrom('activities').select('status').where('id', '=', activityId).executeTakeFirst())?.status;
}

/** A trip's questionnaires, oldest first. */
export async function questionnairesOf(db: Db, activityId: number): Promise<QuestionnaireRow[]> {
  return db.selectFrom('questionnaires').selectAll().where('activityId', '=', activityId).orderBy('id').execute();
}

/** Change a questionnaire if it is still at `version`; whether it was. */
export async function updateQuestionnaireRow(db: Db, id: number, version: number, set: Partial<Pick<QuestionnaireRow, 'title' | 'intro' | 'status' | 'updatedAt'>>): Promise<boolean> {
  const r = await db.updateTable('questionnaires').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A stored question as respondents see it. */
export function toQuestion(r: QuestionRow): Question {
  return {
    id: r.id, type: r.type as QuestionType, title: r.title, help: r.help, required: r.required === 1, options: JSON.parse(r.options) as Question['options'],
    minChoices: r.minChoices, maxChoices: r.maxChoices, maxLength: r.maxLength, min: r.minValue, max: r.maxValue, closed: r.closed === 1,
  };
}

/** The questions of a questionnaire, in order. */
export async function questionsOf(db: Db, questionnaireId: number): Promise<Question[]> {
  const rows = await db.selectFrom('questionnaireQuestions').selectAll().where('questionnaireId', '=', questionnaireId).orderBy('sort').orderBy('id').execute();
  return rows.map(toQuestion);
}

/** A question's columns from its definition. */
function questionColumns(q: Omit<Question, 'id'>, sort: number) {
  return {
    sort, type: q.type, title: q.title, help: q.help, required: q.required ? 1 : 0, options: JSON.stringify(q.options),
    minChoices: q.minChoices, maxChoices: q.maxChoices, maxLength: q.maxLength, minValue: q.min, maxValue: q.max, closed: q.closed ? 1 : 0,
  };
}

/** Store a question; returns its id. */
export async function insertQuestion(db: Db, tenantId: number, questionnaireId: number, q: Omit<Question, 'id'>, sort: number): Promise<number> {
  return (await db.insertInto('questionnaireQuestions').values({ tenantId, questionnaireId, ...questionColumns(q, sort) }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Rewrite a question of the questionnaire. */
export async function updateQuestion(db: Db, questionnaireId: number, q: Question, sort: number): Promise<void> {
  await db.updateTable('questionnaireQuestions').set(questionColumns(q, sort)).where('questionnaireId', '=', questionnaireId).where('id', '=', q.id).execute();
}

/** Delete a question that has no answers. */
export async function deleteQuestion(db: Db, questionnaireId: number, id: number): Promise<void> {
  await db.deleteFrom('questionnaireQuestions').where('questionnaireId', '=', questionnaireId).where('id', '=', id).execute();
}

/** How many responses answered each question, by question id. */
export async function answeredCounts(db: Db, questionnaireId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('questionnaireAnswers').select(['questionId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('questionnaireId', '=', questionnaireId).groupBy('questionId').execute();
  return new Map(rows.map((r) => [r.questionId, Number(r.n)]));
}

/** Responses per questionnaire (of the given ids), by way in. */
export async function responseCounts(db: Db, ids: readonly number[]): Promise<Map<number, { public: number; cadre: number }>> {
  const m = new Map<number, { public: number; cadre: number }>(ids.map((id) => [id, { public: 0, cadre: 0 }]));
  if (ids.length === 0) return m;
  const rows = await db.selectFrom('questionnaireResponses').select(['questionnaireId', 'via', (eb) => eb.fn.countAll<number>().as('n')])
    .where('questionnaireId', 'in', ids).groupBy(['questionnaireId', 'via']).execute();
  for (const r of rows) {
    const c = m.get(r.questionnaireId);
    if (c && (r.via === 'public' || r.via === 'cadre')) c[r.via] = Number(r.n);
  }
  return m;
}

/** Store one respondent's answers; returns the response's id. */
export async function insertResponse(db: Db, r: { tenantId: number; questionnaireId: number; via: 'public' | 'cadre'; visitId: number | null; createdBy: number | null; now: string },
  questions: readonly Question[], answers: ReadonlyMap<number, AnswerValue>): Promise<number> {
  const id = (await db.insertInto('questionnaireResponses').values({
    tenantId: r.tenantId, questionnaireId: r.questionnaireId, via: r.via, visitId: r.visitId, createdBy: r.createdBy, createdAt: r.now,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const rows = [...answers].map(([questionId, v]) => {
    const type = questions.find((q) => q.id === questionId)!.type;
    return {
      tenantId: r.tenantId, questionnaireId: r.questionnaireId, responseId: id, questionId,
      choices: type === 'single' ? JSON.stringify([v]) : type === 'multiple' ? JSON.stringify(v) : null,
      num: type === 'scale' || type === 'number' ? (v as number) : null,
      text: type === 'text' ? (v as string) : null,
      doc: type === 'text' ? searchDoc([v as string]) : null,
    };
  });
  if (rows.length > 0) await db.insertInto('questionnaireAnswers').values(rows).execute();
  return id;
}

/** Every answer of a questionnaire, for the results. */
export async function answersOf(db: Db, questionnaireId: number) {
  return db.selectFrom('questionnaireAnswers as a').innerJoin('questionnaireResponses as r', 'r.id', 'a.responseId')
    .select(['a.responseId', 'a.questionId', 'a.choices', 'a.num', 'a.text', 'r.createdAt'])
    .where('a.questionnaireId', '=', questionnaireId).orderBy('a.responseId', 'desc').execute();
}

/** The text answers of a questionnaire holding every term of `q` as a substring (folded as search folds), newest first. */
export async function searchTextAnswers(db: Db, questionnaireId: number, q: string) {
  let query = db.selectFrom('questionnaireAnswers as a').innerJoin('questionnaireResponses as r', 'r.id', 'a.responseId')
    .select(['a.responseId', 'a.questionId', 'a.text', 'r.createdAt'])
    .where('a.questionnaireId', '=', questionnaireId).where('a.text', 'is not', null);
  for (const t of parseQuery(q)) query = query.where(likeCheck(t, sql`a.doc`, isPostgres(db)) as Expression<SqlBool>);
  return query.orderBy('a.responseId', 'desc').execute();
}

/** The responses of a questionnaire with the visit each was recorded on and by whom, oldest first (the export). */
export async function responsesOf(db: Db, questionnaireId: number) {
  return db.selectFrom('questionnaireResponses as r').leftJoin('activityVisits as v', 'v.id', 'r.visitId').leftJoin('users as u', 'u.id', 'r.createdBy')
    .select(['r.id', 'r.via', 'r.createdAt', 'v.placeText as visitPlace', 'v.visitedAt', 'u.displayName as recordedBy'])
    .where('r.questionnaireId', '=', questionnaireId).orderBy('r.id').execute();
}
