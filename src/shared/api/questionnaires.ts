/**
 * TypeBox schemas of the questionnaire routes (issue 16): a research trip's questionnaires, their questions, the
 * responses recorded by cadres, the results. The web imports their types (`import type` only).
 */
import { Type, type Static } from 'typebox';
import { QUESTIONNAIRE_LIMITS as L, QUESTIONNAIRE_STATUSES, QUESTION_TYPES, RESPONSE_VIAS } from '../questionnaire.ts';
import { DateTime, Id, Nullable, StringEnum } from './common.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptNum = Type.Optional(Nullable(Type.Number({ minimum: -L.numberAbsMax, maximum: L.numberAbsMax })));
const OptCount = Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: L.optionsMax })));

/** A question as the builder sends it: `id` for a question that exists, none for a new one; options likewise. */
export const QuestionIn = Type.Object({
  id: Type.Optional(Id),
  type: StringEnum(QUESTION_TYPES),
  title: Text(L.questionTitleMax),
  help: Type.Optional(Type.String({ maxLength: L.helpMax })),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Id), text: Text(L.optionTextMax) }, { additionalProperties: false }), { maxItems: L.optionsMax })),
  minChoices: OptCount,
  maxChoices: OptCount,
  maxLength: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: L.textAnswerMax }))),
  min: OptNum,
  max: OptNum,
  closed: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type QuestionInput = Static<typeof QuestionIn>;

/** Body of POST /activities/{id}/questionnaires. */
const questionnaireFields = {
  title: Text(L.titleMax),
  intro: Type.Optional(Type.String({ maxLength: L.introMax })),
  questions: Type.Array(QuestionIn, { minItems: 1, maxItems: L.questionsMax }),
};
export const QuestionnaireBody = Type.Object(questionnaireFields, { additionalProperties: false });
export type QuestionnaireInput = Static<typeof QuestionnaireBody>;

/** Body of PUT /questionnaires/{id}: the whole questionnaire as it should be, and the version the builder saw. */
export const QuestionnairePut = Type.Object({ ...questionnaireFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type QuestionnairePutInput = Static<typeof QuestionnairePut>;

/** Body of POST /questionnaires/{id}/status. */
export const QuestionnaireStatusBody = Type.Object({ status: StringEnum(['open', 'closed'] as const) }, { additionalProperties: false });

const QuestionOut = Type.Object({
  id: Type.Integer(),
  type: StringEnum(QUESTION_TYPES),
  title: Type.String(),
  help: Type.String(),
  required: Type.Boolean(),
  options: Type.Array(Type.Object({ id: Type.Integer(), text: Type.String() })),
  minChoices: Nullable(Type.Integer()),
  maxChoices: Nullable(Type.Integer()),
  maxLength: Nullable(Type.Integer()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  closed: Type.Boolean(),
  /** How many responses answered it: a question with answers can be closed, never deleted or changed in meaning. */
  answered: Type.Integer(),
});

/** A questionnaire as the API shows it. */
export const QuestionnaireOut = Type.Object({
  id: Type.Integer(),
  activity: Type.Object({ id: Type.Integer(), title: Type.String() }),
  title: Type.String(),
  intro: Type.String(),
  status: StringEnum(QUESTIONNAIRE_STATUSES),
  /** The public link's path, `/q/{token}`. */
  publicPath: Type.String(),
  responseCount: Type.Integer(),
  questions: Type.Array(QuestionOut),
  canEdit: Type.Boolean(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type QuestionnaireView = Static<typeof QuestionnaireOut>;

/** A trip's questionnaires. */
export const QuestionnaireList = Type.Object({ items: Type.Array(QuestionnaireOut) });

/** An answer as the client sends it: an option id or ids, text, a number (checked against its question). */
const AnswerIn = Type.Union([
  Type.Integer(), Type.Number(), Type.String({ maxLength: L.textAnswerMax * 2 }), Type.Array(Type.Integer(), { maxItems: L.optionsMax }), Type.Null(),
]);

/** Body of POST /questionnaires/{id}/responses: a cadre records one respondent's answers (on a visit of the trip). */
export const ResponseBody = Type.Object({
  visitId: Type.Optional(Nullable(Id)),
  answers: Type.Record(Type.String({ pattern: '^[0-9]{1,12}$' }), AnswerIn, { maxProperties: L.questionsMax, additionalProperties: false }),
}, { additionalProperties: false });
export type ResponseInput = Static<typeof ResponseBody>;

/** The response just stored. */
export const ResponseOut = Type.Object({ id: Type.Integer(), responseCount: Type.Integer() });

/** Query of GET /questionnaires/{id}/results: `q` searches the text answers. */
export const ResultsQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });

/** What the answers add up to, question by question. */
export const ResultsOut = Type.Object({
  responseCount: Type.Integer(),
  byVia: Type.Object(Object.fromEntries(RESPONSE_VIAS.map((v) => [v, Type.Integer()])) as Record<(typeof RESPONSE_VIAS)[number], ReturnType<typeof Type.Integer>>),
  questions: Type.Array(Type.Object({
    id: Type.Integer(),
    type: StringEnum(QUESTION_TYPES),
    title: Type.String(),
    closed: Type.Boolean(),
    answered: Type.Integer(),
    /** Choice questions: each option's count and share of those who answered. */
    options: Type.Array(Type.Object({ id: Type.Integer(), text: Type.String(), count: Type.Integer(), share: Nullable(Type.Number()) })),
    /** Scales and numbers. */
    mean: Nullable(Type.Number()),
    median: Nullable(Type.Number()),
    minValue: Nullable(Type.Number()),
    maxValue: Nullable(Type.Number()),
    /** Scales: count per score 1–5; numbers: count per range (`label`). */
    distribution: Type.Array(Type.Object({ label: Type.String(), count: Type.Integer() })),
    /** Text questions: the answers (matching `q` if given), newest first, at most 200. */
    texts: Type.Array(Type.Object({ responseId: Type.Integer(), text: Type.String(), createdAt: DateTime })),
    textTotal: Type.Integer(),
  })),
});
export type Results = Static<typeof ResultsOut>;
