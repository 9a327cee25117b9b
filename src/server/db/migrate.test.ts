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
        if (t.name.startsWith('kysely_') || t.name === 'tenants' || t.name.startsWith('issue_fts')) continue;
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
});
