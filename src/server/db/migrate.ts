/** Run the schema migrations, which are listed in code so both dialects run the same set. */
import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres, type Database } from './connect.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-saved-filters.ts';
import * as m0003 from './migrations/0003-language.ts';
import * as m0004 from './migrations/0004-imports.ts';
import * as m0005 from './migrations/0005-search-pending.ts';
import * as m0006 from './migrations/0006-import-facts.ts';
import * as m0007 from './migrations/0007-idempotency-and-login.ts';
import * as m0008 from './migrations/0008-audit-index.ts';
import * as m0009 from './migrations/0009-generic-subjects.ts';
import * as m0010 from './migrations/0010-category-keywords.ts';
import * as m0011 from './migrations/0011-activities.ts';
import * as m0012 from './migrations/0012-questionnaires.ts';
import * as m0013 from './migrations/0013-onsite.ts';
import * as m0014 from './migrations/0014-paperwork.ts';
import * as m0015 from './migrations/0015-joint.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-saved-filters': m0002,
  '0003-language': m0003,
  '0004-imports': m0004,
  '0005-search-pending': m0005,
  '0006-import-facts': m0006,
  '0007-idempotency-and-login': m0007,
  '0008-audit-index': m0008,
  '0009-generic-subjects': m0009,
  '0010-category-keywords': m0010,
  '0011-activities': m0011,
  '0012-questionnaires': m0012,
  '0013-onsite': m0013,
  '0014-paperwork': m0014,
  '0015-joint': m0015,
};

async function migrator(db: Database): Promise<Migrator> {
  // On PostgreSQL, keep Kysely's bookkeeping tables in the schema we migrate (the first on search_path);
  // otherwise a same-named table in another schema of the database would be mistaken for ours.
  const schema = isPostgres(db) ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

function check(result: MigrationResultSet): void {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
}

/** Bring the schema to the latest version. */
export async function migrateToLatest(db: Database): Promise<void> {
  check(await (await migrator(db)).migrateToLatest());
}

/** Bring the schema to a named version, up or down. */
export async function migrateTo(db: Database, name: string): Promise<void> {
  check(await (await migrator(db)).migrateTo(name));
}

/** Undo every migration (used by the up → down → up test). */
export async function migrateDownAll(db: Database): Promise<void> {
  const m = await migrator(db);
  let last: string | undefined;
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results || result.results.length === 0) break;
    // A migration without `down` stays applied: say so instead of asking Kysely for it forever.
    const name = result.results[0]!.migrationName;
    if (name === last) throw new Error(`migration ${name} cannot be undone: it has no down()`);
    last = name;
  }
}
