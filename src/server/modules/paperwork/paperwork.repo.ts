/**
 * The paperwork's tables: templates (a tenant's, per kind and category; the kind's default has category 0) and the
 * documents issued on issues (never updated), and the reads the documents' values need: the petitioner's name, units
 * and the unit one level up, the issue's clocks.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import type { EventType } from '../../../shared/events.ts';

type Db = Kysely<DB>;

/** A tenant's templates. */
export async function templatesOf(db: Db, tenantId: number) {
  return db.selectFrom('noticeTemplates').selectAll().where('tenantId', '=', tenantId).orderBy('kind').orderBy('categoryId').execute();
}

/** The template for a kind and category: the category's own, else the kind's default. */
export async function templateFor(db: Db, tenantId: number, kind: string, categoryId: number | null) {
  const rows = await db.selectFrom('noticeTemplates').selectAll().where('tenantId', '=', tenantId).where('kind', '=', kind)
    .where('categoryId', 'in', categoryId ? [0, categoryId] : [0]).execute();
  return rows.find((r) => r.categoryId === categoryId) ?? rows.find((r) => r.categoryId === 0);
}

/** One template by id. */
export async function findTemplate(db: Db, tenantId: number, id: number) {
  return db.selectFrom('noticeTemplates').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Insert or replace the text of a kind's template for a category; returns its id. */
export async function upsertTemplate(db: Db, t: { tenantId: number; kind: string; categoryId: number; title: string; body: string; updatedBy: number | null; now: string }): Promise<number> {
  const row = await db.insertInto('noticeTemplates').values({
    tenantId: t.tenantId, kind: t.kind, categoryId: t.categoryId, title: t.title, body: t.body, updatedBy: t.updatedBy, updatedAt: t.now, version: 1,
  }).onConflict((oc) => oc.columns(['tenantId', 'kind', 'categoryId']).doUpdateSet((eb) => ({
    title: t.title, body: t.body, updatedBy: t.updatedBy, updatedAt: t.now, version: eb('noticeTemplates.version', '+', 1),
  }))).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Remove a category's own template (the kind's default applies again). */
export async function deleteTemplate(db: Db, id: number): Promise<void> {
  await db.updateTable('documents').set({ templateId: null }).where('templateId', '=', id).execute();
  await db.deleteFrom('noticeTemplates').where('id', '=', id).execute();
}

/** The documents issued on an issue, oldest first. */
export async function documentsOf(db: Db, issueId: number) {
  return db.selectFrom('documents as d').leftJoin('users as u', 'u.id', 'd.issuedBy')
    .select(['d.id', 'd.issueId', 'd.kind', 'd.number', 'd.title', 'd.body', 'd.eventId', 'd.issuedAt', 'd.issuedBy', 'u.displayName as issuedByName'])
    .where('d.issueId', '=', issueId).orderBy('d.id').execute();
}

/** One document by id within a tenant. */
export async function findDocument(db: Db, tenantId: number, id: number) {
  return db.selectFrom('documents as d').leftJoin('users as u', 'u.id', 'd.issuedBy')
    .select(['d.id', 'd.issueId', 'd.kind', 'd.number', 'd.title', 'd.body', 'd.eventId', 'd.issuedAt', 'd.issuedBy', 'u.displayName as issuedByName'])
    .where('d.tenantId', '=', tenantId).where('d.id', '=', id).executeTakeFirst();
}

/** Whether a document of this kind was already issued for this event. */
export async function documentForEvent(db: Db, kind: string, eventId: number) {
  return db.selectFrom('documents').select(['id', 'number']).where('kind', '=', kind).where('eventId', '=', eventId).executeTakeFirst();
}

/**
 * The next number of a kind in a year for a tenant, and the insert, one writer at a time: on PostgreSQL a transaction
 * lock per tenant, kind and year; SQLite's writer lock serialises already.
 */
export async function insertDocument(db: Db, d: Omit<DB['documents'], 'id' | 'seq' | 'number' | 'title' | 'body'> & { numberOf: (seq: number) => string; textOf: (number: string) => { title: string; body: string } }): Promise<{ id: number; number: string; title: string }> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(hashtext(${`doc:${d.tenantId}:${d.kind}:${d.year}`}))`.execute(db);
  const last = await db.selectFrom('documents').select((eb) => eb.fn.max('seq').as('s')).where('tenantId', '=', d.tenantId).where('kind', '=', d.kind).where('year', '=', d.year).executeTakeFirst();
  const seq = Number(last?.s ?? 0) + 1;
  const number = d.numberOf(seq);
  const { numberOf: _n, textOf, ...row } = d;
  const text = textOf(number);
  const r = await db.insertInto('documents').values({ ...row, ...text, seq, number }).returning('id').executeTakeFirstOrThrow();
  return { id: r.id, number, title: text.title };
}

/** A person's name (the petitioner's). */
export async function personName(db: Db, id: number): Promise<string | null> {
  return (await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

/** A unit's name and its parent's, by id. */
export async function unitWithParent(db: Db, tenantId: number, id: number) {
  return db.selectFrom('orgUnits as u').leftJoin('orgUnits as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.name', 'u.level', 'p.id as parentId', 'p.name as parentName', 'p.level as parentLevel'])
    .where('u.tenantId', '=', tenantId).where('u.id', '=', id).executeTakeFirst();
}

/** The tenant's root unit (the county), for the documents' default issuing unit. */
export async function rootUnit(db: Db, tenantId: number) {
  return db.selectFrom('orgUnits').select(['id', 'name']).where('tenantId', '=', tenantId).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
}

/** A unit's name. */
export async function unitName(db: Db, tenantId: number, id: number): Promise<string | null> {
  return (await db.selectFrom('orgUnits').select('name').where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst())?.name ?? null;
}

/** A category of the tenant (name), if it exists. */
export async function categoryOf(db: Db, tenantId: number, id: number) {
  return db.selectFrom('categories').select(['id', 'name']).where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Names of categories by id. */
export async function categoryNames(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name']).where('tenantId', '=', tenantId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- the demo county ----------------------------------------------------------------------------------------------

/** The demo's lifecycle steps since a time that call for a document (accept, decline, assign, reply…), oldest first. */
export async function demoDocumentSteps(db: Db, tenantId: number, since: string, types: readonly EventType[]) {
  return db.selectFrom('timelineEvents').select(['id', 'subjectId as issueId', 'type', 'at'])
    .where('tenantId', '=', tenantId).where('subjectType', '=', 'issue').where('at', '>=', since).where('type', 'in', [...types])
    .orderBy('at').orderBy('id').execute();
}
