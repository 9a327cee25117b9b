/** Run the schema migrations, which are listed in code so both dialects run the same set. */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './connect.ts';
import * as m0001 from './migrations/0001-foundation.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
};

function migrator(db: Database): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

function check(result: MigrationResultSet): void {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
}

/** Bring the schema to the latest version. */
export async function migrateToLatest(db: Database): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/** Undo every migration (used by the up → down → up test). */
export async function migrateDownAll(db: Database): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results || result.results.length === 0) break;
  }
}
