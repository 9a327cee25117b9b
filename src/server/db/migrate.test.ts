import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ON_POSTGRES, freshDatabase } from '../../../test/helpers.ts';
import { migrateDownAll, migrateTo, migrateToLatest } from './migrate.ts';
import { seedDemo } from '../seed/demo.ts';

describe('migrations', () => {
  it('run up, down and up again on this database', async () => {
    const fresh = await freshDatabase();
    try {
      // On PostgreSQL introspection lists every schema's tables: keep this test's own.
      const schema = ON_POSTGRES ? (await sql<{ s: string }>`select current_schema() as s`.execute(fresh.db)).rows[0]!.s : undefined;
      const own = async () => (await fresh.db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema);
      const tables = async () => (await own()).map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort();
      const up = await tables();
      expect(up).toContain('issues');
      expect(up).toContain('clocks');
      expect(up).toContain('timeline_events');
      await migrateDownAll(fresh.db);
      expect(await tables()).toEqual([]);
      await migrateToLatest(fresh.db);
      expect(await tables()).toEqual(up);
      // every table carries tenant_id — but SQLite's full-text index and its shadow tables, whose rowid is the issue id
      for (const t of await own()) {
        if (t.name.startsWith('kysely_') || t.name === 'tenants' || t.name.startsWith('issue_fts') || t.name.startsWith('case_fts')) continue;
        expect(t.columns.map((c) => c.name), t.name).toContain('tenant_id');
      }
    } finally {
      await fresh.drop();
    }
  });

  it('keeps imported rows when import facts move into them (0006), and makes the facts events again going back', async () => {
    const fresh = await freshDatabase();
    try {
      await seedDemo(fresh.db, { issues: 4 });
      await migrateTo(fresh.db, '0005-search-pending');
      const issues = await fresh.db.selectFrom('issues').select(['id', 'tenantId']).orderBy('id').execute();
      const batch = await sql<{ id: number }>`insert into import_batches (tenant_id, filename, fingerprint, mapping, status, created_at)
        values (${issues[0]!.tenantId}, 'a.csv', 'f', '{}', 'done', '2026-01-01T00:00:00.000Z') returning id`.execute(fresh.db);
      for (const [k, i] of issues.slice(0, 3).entries()) {
        await sql`insert into import_rows (tenant_id, source_key, issue_id, batch_id) values (${i.tenantId}, ${`id:${k}`}, ${i.id}, ${batch.rows[0]!.id})`.execute(fresh.db);
      }
      const rows = () => fresh.db.selectFrom('importRows').select(['tenantId', 'sourceKey', 'issueId', 'batchId']).orderBy('issueId').execute();
      const before = await rows();
      expect(before).toHaveLength(3);
      await migrateToLatest(fresh.db);
      expect(await rows()).toEqual(before);
      expect((await fresh.db.selectFrom('importRows').select('facts').execute()).map((r) => r.facts)).toEqual([null, null, null]);
      // A source key is still imported once per tenant.
      await expect(sql`insert into import_rows (issue_id, tenant_id, source_key, batch_id) values (${issues[3]!.id}, ${issues[0]!.tenantId}, 'id:0', ${batch.rows[0]!.id})`.execute(fresh.db)).rejects.toThrow(/unique|duplicate/i);
      // Facts kept with a row go back to being its `imported` event.
      const facts = { row: 7, sourceId: 'S-7', extra: { 来源: '旧系统' }, unknown: ['steps'], status: 'closed', by: 1, importedAt: '2026-01-01T00:00:00.000Z' };
      await fresh.db.updateTable('importRows').set({ facts: JSON.stringify(facts) }).where('issueId', '=', issues[1]!.id).execute();
      await migrateTo(fresh.db, '0005-search-pending');
      expect(await rows()).toEqual(before);
      // At 0005 the events are still `issue_events` (0009 makes them `timeline_events`).
      const events = (await sql<{ issueId: number; actorId: number; toStatus: string; data: string }>`select issue_id as "issueId", actor_id as "actorId", to_status as "toStatus", data
        from issue_events where type = 'imported'`.execute(fresh.db)).rows;
      expect(events.map((e) => [e.issueId, e.actorId, e.toStatus])).toEqual([[issues[1]!.id, 1, 'closed']]);
      expect(JSON.parse(events[0]!.data)).toEqual({ batchId: batch.rows[0]!.id, row: 7, sourceId: 'S-7', extra: { 来源: '旧系统' }, unknown: ['steps'], importedAt: '2026-01-01T00:00:00.000Z' });
    } finally {
      await fresh.drop();
    }
  });

  it('keeps every clock and event with its id when they become subjects (0009), and back', async () => {
    const fresh = await freshDatabase();
    try {
      await seedDemo(fresh.db, { issues: 30 });
      await migrateTo(fresh.db, '0008-audit-index');
      const q = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(fresh.db)).rows;
      const user = (await q('select id from users order by id limit 1'))[0]!.id as number;
      const event = (await q('select id, issue_id, tenant_id from issue_events order by id limit 1'))[0]!;
      // An attachment points at its event by id; the rename must keep the reference valid.
      await sql`insert into attachments (tenant_id, issue_id, event_id, filename, mime, size, sha256, storage_key, uploaded_by, created_at)
        values (${event.tenantId as number}, ${event.issueId as number}, ${event.id as number}, 'a.png', 'image/png', 1, 'x', 'k', ${user}, '2026-01-01T00:00:00.000Z')`.execute(fresh.db);
      const oldEvents = await q('select id, tenant_id, issue_id, type, actor_id, at, from_status, to_status, data from issue_events order by id');
      const oldClocks = await q('select id, tenant_id, issue_id, kind, started_at, due_at, met_at, rule, warned_at, escalated_at from issue_deadlines order by id');
      expect(oldEvents.length).toBeGreaterThan(30);
      expect(oldClocks.length).toBeGreaterThan(10);

      await migrateToLatest(fresh.db);
      // (Rows come back camelCased: the CamelCasePlugin.)
      const asSubjects = (rows: Record<string, unknown>[]) => rows.map(({ issueId: id, ...r }) => ({ ...r, subjectType: 'issue', subjectId: id }));
      expect(await q('select id, tenant_id, subject_type, subject_id, type, actor_id, at, from_status, to_status, data from timeline_events order by id')).toEqual(asSubjects(oldEvents));
      expect(await q('select id, tenant_id, subject_type, subject_id, kind, started_at, due_at, met_at, rule, warned_at, escalated_at from clocks order by id')).toEqual(asSubjects(oldClocks));
      // New rows continue the numbering; the attachment still finds its event.
      const next = await sql<{ id: number }>`insert into timeline_events (tenant_id, subject_type, subject_id, type, actor_id, at, data)
        values (${event.tenantId as number}, 'issue', ${event.issueId as number}, 'comment', ${user}, '2026-01-02T00:00:00.000Z', '{}') returning id`.execute(fresh.db);
      expect(next.rows[0]!.id).toBeGreaterThan(Math.max(...oldEvents.map((e) => e.id as number)));
      await sql`delete from timeline_events where id = ${next.rows[0]!.id}`.execute(fresh.db);
      await expect(sql`delete from timeline_events where id = ${event.id as number}`.execute(fresh.db)).rejects.toThrow(/foreign key/i);

      await migrateTo(fresh.db, '0008-audit-index');
      expect(await q('select id, tenant_id, issue_id, type, actor_id, at, from_status, to_status, data from issue_events order by id')).toEqual(oldEvents);
      expect(await q('select id, tenant_id, issue_id, kind, started_at, due_at, met_at, rule, warned_at, escalated_at from issue_deadlines order by id')).toEqual(oldClocks);
      await expect(sql`delete from issue_events where id = ${event.id as number}`.execute(fresh.db)).rejects.toThrow(/foreign key/i);
      await expect(sql`insert into issue_events (tenant_id, issue_id, type, at, data) values (${event.tenantId as number}, 999999, 'comment', 'x', '{}')`.execute(fresh.db)).rejects.toThrow(/foreign key/i);
    } finally {
      await fresh.drop();
    }
  });

  it('gives existing tenants\' default-named categories their keywords (0010), and takes the column away going back', async () => {
    const fresh = await freshDatabase();
    try {
      await seedDemo(fresh.db, { issues: 0 });
      const keywords = async () => new Map((await sql<{ parent: string | null; name: string; keywords: string }>`select p.name as parent, c.name, c.keywords
        from categories c left join categories p on p.id = c.parent_id`.execute(fresh.db)).rows.map((r) => [`${r.parent ?? ''}/${r.name}`, JSON.parse(r.keywords) as string[]]));
      // What a new tenant gets today (the ledger's seedTenant, the default tree's keywords).
      const seeded = await keywords();
      await migrateTo(fresh.db, '0009-generic-subjects');
      const columns = async () => (await fresh.db.introspection.getTables()).find((x) => x.name === 'categories' && (!ON_POSTGRES || x.schema === schema))!.columns.map((c) => c.name);
      const schema = ON_POSTGRES ? (await sql<{ s: string }>`select current_schema() as s`.execute(fresh.db)).rows[0]!.s : undefined;
      expect(await columns()).not.toContain('keywords');
      // A renamed category and an added one have no default name: they start with none.
      const id = async (name: string) => (await sql<{ id: number }>`select id from categories where name = ${name} order by id limit 1`.execute(fresh.db)).rows[0]!.id;
      await sql`update categories set name = '城市规划' where id = ${await id('城乡规划')}`.execute(fresh.db);
      const parent = await id('城乡建设');
      const tenant = (await sql<{ t: number }>`select tenant_id as t from categories where id = ${parent}`.execute(fresh.db)).rows[0]!.t;
      await sql`insert into categories (tenant_id, parent_id, name, path, level, sort, active) values (${tenant}, ${parent}, '老旧小区改造', '', 2, 99, 1)`.execute(fresh.db);

      await migrateToLatest(fresh.db);
      const after = await keywords();
      expect(after.get('城乡建设/城市建设和市政管理')).toEqual(expect.arrayContaining(['排水', '下水道', '污水', '积水', '内涝']));
      expect(after.get('/环境保护')).toEqual(['环保', '生态环境']);
      // 安全生产 is under two parents, with keywords of its own under each.
      expect(after.get('经济管理/安全生产')).toContain('危化品');
      expect(after.get('城乡建设/安全生产')).toContain('施工安全');
      expect(after.get('城乡建设/城市规划')).toEqual([]);
      expect(after.get('城乡建设/老旧小区改造')).toEqual([]);
      expect(after.get('城乡建设/其他')).toEqual([]);
      expect([...after.values()].filter((k) => k.length > 0)).toHaveLength(118 - 1); // all but the 其他 ones and the renamed one
      // The migration's copy of the defaults is what a new tenant gets.
      for (const [key, words] of seeded) if (key !== '城乡建设/城乡规划') expect(after.get(key), key).toEqual(words);

      await migrateTo(fresh.db, '0009-generic-subjects');
      expect(await columns()).not.toContain('keywords');
      expect((await sql<{ n: number }>`select cast(count(*) as integer) as n from categories where name = '老旧小区改造'`.execute(fresh.db)).rows[0]!.n).toEqual(1);
      await migrateToLatest(fresh.db);
      expect(await keywords()).toEqual(after);
    } finally {
      await fresh.drop();
    }
  });
});
