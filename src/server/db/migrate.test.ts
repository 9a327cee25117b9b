import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ON_POSTGRES, freshDatabase } from '../../../test/helpers.ts';
import { migrateDownAll, migrateToLatest } from './migrate.ts';

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
      expect(up).toContain('issue_deadlines');
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
});
