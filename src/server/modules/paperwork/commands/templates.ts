/**
 * Editing the document templates (issue 18): an administrator writes a kind's text for the tenant (category 0) or for
 * one category; a template that uses a placeholder that does not exist, or is malformed, is refused naming what is
 * wrong. Removing a category's text brings the kind's default back. Each change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { hasRole, type Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { PLACEHOLDERS } from '../../../../shared/documents.ts';
import type { TemplateInput } from '../../../../shared/api/documents.ts';
import { checkTemplate } from '../render.ts';
import * as repo from '../paperwork.repo.ts';

type Db = Kysely<DB>;

function check(field: 'title' | 'body', text: string) {
  const problem = checkTemplate(text);
  if (!problem) return;
  if ('error' in problem) throw new AppError(400, 'template_syntax', { detail: problem.error }, { [field]: { zh: `模板格式有误：${problem.error}`, en: problem.error } });
  const names = problem.unknown.map((n) => `「{{${n}}}」`).join('');
  throw new AppError(400, 'template_unknown_placeholder', { names, names_en: problem.unknown.join(', '), known: Object.keys(PLACEHOLDERS).join('、') },
    { [field]: { zh: `占位符${names}不存在`, en: `unknown placeholders: ${problem.unknown.join(', ')}` } });
}

/** Save a kind's text for a category (0: the tenant's default). Returns the template's id. */
export async function saveTemplate(db: Db, actor: Actor, input: TemplateInput, now: string): Promise<number> {
  if (!hasRole(actor, 'admin')) throw new AppError(403, 'forbidden');
  check('title', input.title);
  check('body', input.body);
  if (input.categoryId !== 0 && !(await repo.categoryOf(db, actor.tenantId, input.categoryId))) {
    throw new AppError(422, 'unknown_reference', { field: '问题分类', field_en: 'categoryId', id: input.categoryId });
  }
  const id = await repo.upsertTemplate(db, { tenantId: actor.tenantId, kind: input.kind, categoryId: input.categoryId, title: input.title.trim(), body: input.body.replace(/\r\n/g, '\n').trim(), updatedBy: actor.userId, now });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'template.update', entityType: 'template', entityId: id, ip: actor.ip, at: now, data: { kind: input.kind, categoryId: input.categoryId } });
  return id;
}

/** Remove a template: a category's text, or the tenant's edited default (the built-in text applies again). */
export async function removeTemplate(db: Db, actor: Actor, id: number, now: string): Promise<void> {
  if (!hasRole(actor, 'admin')) throw new AppError(403, 'forbidden');
  const t = await repo.findTemplate(db, actor.tenantId, id);
  if (!t) throw notFound({ zh: '文书模板', en: 'Template' });
  await repo.deleteTemplate(db, id);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'template.delete', entityType: 'template', entityId: id, ip: actor.ip, at: now, data: { kind: t.kind, categoryId: t.categoryId } });
}
