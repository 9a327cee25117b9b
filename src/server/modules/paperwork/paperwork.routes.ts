/** /issues/{id}/documents, /documents/{id}, /document-templates: the regulation's paperwork over HTTP (issue 18). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../../shared/api/common.ts';
import {
  DocumentList, DocumentOut, DocumentPreview, IssueDocumentBody, TemplateBody, TemplateList, TemplateOut, TemplateParams, type DocumentView, type TemplateView,
} from '../../../shared/api/documents.ts';
import { DEFAULT_TEMPLATES, DOCUMENT_KINDS, PLACEHOLDERS, type DocumentKind } from '../../../shared/documents.ts';
import { hasRole, type Actor } from '../../actor.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { canRevealPetitioner, findIssuesInScope } from '../ledger/index.ts';
import { availableDocuments, documentInScope, issueDocument, previewDocument } from './commands/documents.ts';
import { removeTemplate, saveTemplate } from './commands/templates.ts';
import * as repo from './paperwork.repo.ts';

type DocRow = NonNullable<Awaited<ReturnType<typeof repo.findDocument>>>;
const docOut = (d: DocRow): DocumentView => ({
  id: d.id, issueId: d.issueId, kind: d.kind as DocumentKind, number: d.number, title: d.title, body: d.body, issuedAt: d.issuedAt,
  issuedBy: { id: d.issuedBy, name: d.issuedByName ?? '' },
});
const DOCUMENT = { zh: '文书', en: 'Document' };

export const paperworkRoutes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.get('/issues/:id/documents', {
    schema: { tags: ['paperwork'], summary: '问题的书面文书：已出具的和现在可以出具的', params: IdParams, response: { 200: DocumentList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const [issue] = await findIssuesInScope(db, req.actor, [req.params.id]);
    if (!issue) throw notFound({ zh: '问题', en: 'Issue' });
    // The documents name the petitioner: shown to those who may see them (第30条 for accusations).
    const items = canRevealPetitioner(req.actor, issue) ? (await repo.documentsOf(db, issue.id)).map(docOut) : [];
    return { items, available: await availableDocuments(db, req.actor, issue.id) };
  });

  app.post('/issues/:id/documents/preview', {
    schema: { tags: ['paperwork'], summary: '预览文书（按模板和办理记录生成，未出具）', params: IdParams, body: IssueDocumentBody, response: { 200: DocumentPreview, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    return previewDocument(db, req.actor, req.params.id, req.body, new Date().toISOString());
  });

  app.post('/issues/:id/documents', {
    schema: {
      tags: ['paperwork'], summary: '出具文书：编号、存档（此后不再改变）、记入办理过程',
      description: '每个办理环节（受理、不予受理、交办、答复、复查、复核）的文书只出具一次。`values` 只能补充办理记录中没有的内容（如依据）。',
      params: IdParams, body: IssueDocumentBody, response: { 201: DocumentOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const id = await app.tx((trx) => issueDocument(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    return reply.status(201).send(docOut((await repo.findDocument(db, req.actor.tenantId, id))!));
  });

  app.get('/documents/:id', {
    schema: { tags: ['paperwork'], summary: '一份已出具的文书（打印）', params: IdParams, response: { 200: DocumentOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const d = await documentInScope(db, req.actor, req.params.id);
    if (!d) throw notFound(DOCUMENT);
    void reply.header('cache-control', 'no-store');
    return docOut(d);
  });

  const templatesOf = async (actor: Actor): Promise<TemplateView[]> => {
    const rows = await repo.templatesOf(db, actor.tenantId);
    const cats = await repo.categoryNames(db, actor.tenantId, rows.map((r) => r.categoryId).filter((c) => c > 0));
    const out: TemplateView[] = [];
    for (const kind of DOCUMENT_KINDS) {
      const own = rows.filter((r) => r.kind === kind);
      const base = own.find((r) => r.categoryId === 0);
      out.push(base
        ? { id: base.id, kind, categoryId: 0, categoryName: null, title: base.title, body: base.body, builtIn: false, updatedAt: base.updatedAt }
        : { id: null, kind, categoryId: 0, categoryName: null, ...DEFAULT_TEMPLATES[kind], builtIn: true, updatedAt: null });
      for (const r of own.filter((x) => x.categoryId > 0)) {
        out.push({ id: r.id, kind, categoryId: r.categoryId, categoryName: cats.get(r.categoryId) ?? null, title: r.title, body: r.body, builtIn: false, updatedAt: r.updatedAt });
      }
    }
    return out;
  };

  app.get('/document-templates', {
    schema: { tags: ['paperwork'], summary: '文书模板（按文书种类，可按问题分类另设）与可用的占位符', response: { 200: TemplateList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    if (!hasRole(req.actor, 'admin', 'clerk', 'leader')) throw new AppError(403, 'forbidden');
    return { items: await templatesOf(req.actor), placeholders: { ...PLACEHOLDERS } };
  });

  app.put('/document-templates', {
    schema: { tags: ['paperwork'], summary: '保存文书模板（管理员）；使用不存在的占位符时拒绝并指明', body: TemplateBody, response: { 200: TemplateOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const id = await app.tx((trx) => saveTemplate(trx, req.actor, req.body, new Date().toISOString()));
    return (await templatesOf(req.actor)).find((t) => t.id === id)!;
  });

  app.delete('/document-templates/:id', {
    schema: { tags: ['paperwork'], summary: '删除模板（恢复默认文本）', params: TemplateParams, response: { 204: Type.Null(), ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    await app.tx((trx) => removeTemplate(trx, req.actor, req.params.id, new Date().toISOString()));
    return reply.status(204).send(null);
  });
};
