/** TypeBox schemas of the regulation's documents and their templates (issue 18). The web imports their types. */
import { Type, type Static } from 'typebox';
import { DOCUMENT_KINDS, PLACEHOLDERS, TEMPLATE_LIMITS } from '../documents.ts';
import { Id, Nullable, StringEnum } from './common.ts';

/** Values the issuer supplies for placeholders the record leaves empty (never to change what the record says). */
const Values = Type.Record(Type.String({ maxLength: 20 }), Type.String({ maxLength: 2_000 }), { maxProperties: Object.keys(PLACEHOLDERS).length });

/** POST /issues/{id}/documents and …/preview. */
export const IssueDocumentBody = Type.Object({ kind: StringEnum(DOCUMENT_KINDS), values: Type.Optional(Values) }, { additionalProperties: false });
export type IssueDocumentInput = Static<typeof IssueDocumentBody>;

/** A document as issued. */
export const DocumentOut = Type.Object({
  id: Type.Integer(), issueId: Type.Integer(), kind: StringEnum(DOCUMENT_KINDS), number: Type.String(), title: Type.String(),
  /** Plain text, one paragraph a line. */
  body: Type.String(),
  issuedAt: Type.String(), issuedBy: Type.Object({ id: Type.Integer(), name: Type.String() }),
});
export type DocumentView = Static<typeof DocumentOut>;

/** GET /issues/{id}/documents: what was issued, and what may be issued now. */
export const DocumentList = Type.Object({
  items: Type.Array(DocumentOut),
  available: Type.Array(Type.Object({ kind: StringEnum(DOCUMENT_KINDS), eventId: Type.Integer(), at: Type.String() })),
});

/** A preview: the text as it would be issued, and the placeholders with no value yet. */
export const DocumentPreview = Type.Object({ kind: StringEnum(DOCUMENT_KINDS), title: Type.String(), body: Type.String(), empty: Type.Array(Type.String()) });
export type DocumentPreviewView = Static<typeof DocumentPreview>;

/** PUT /document-templates: a kind's text for a category (0: the default). */
export const TemplateBody = Type.Object({
  kind: StringEnum(DOCUMENT_KINDS),
  categoryId: Type.Integer({ minimum: 0 }),
  title: Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.titleMax }),
  body: Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.bodyMax }),
}, { additionalProperties: false });
export type TemplateInput = Static<typeof TemplateBody>;

/** A template as administrators see it; `id` null: the built-in text, not edited yet. */
export const TemplateOut = Type.Object({
  id: Nullable(Type.Integer()), kind: StringEnum(DOCUMENT_KINDS), categoryId: Type.Integer(), categoryName: Nullable(Type.String()),
  title: Type.String(), body: Type.String(), builtIn: Type.Boolean(), updatedAt: Nullable(Type.String()),
});
export type TemplateView = Static<typeof TemplateOut>;

/** GET /document-templates. */
export const TemplateList = Type.Object({ items: Type.Array(TemplateOut), placeholders: Type.Record(Type.String(), Type.String()) });

/** Params of a template. */
export const TemplateParams = Type.Object({ id: Id });
