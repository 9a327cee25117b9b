/** Saved import mappings: a tenant's named column and value mappings (the upload screen and `yixian import`). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB>;

/** A tenant's saved mappings by name, their mapping as stored JSON. */
export async function listMappings(db: Db, tenantId: number) {
  return db.selectFrom('importMappings').select(['id', 'name', 'mapping', 'updatedAt']).where('tenantId', '=', tenantId).orderBy('name').execute();
}

/** One saved mapping's JSON by name, or undefined. */
export async function mappingByName(db: Db, tenantId: number, name: string): Promise<string | undefined> {
  return (await db.selectFrom('importMappings').select('mapping').where('tenantId', '=', tenantId).where('name', '=', name).executeTakeFirst())?.mapping;
}

/** Save a mapping under a name (the same name is overwritten). */
export async function saveMapping(db: Db, m: { tenantId: number; name: string; mapping: string; by: number; now: string }) {
  return db.insertInto('importMappings').values({ tenantId: m.tenantId, name: m.name, mapping: m.mapping, createdBy: m.by, createdAt: m.now, updatedAt: m.now })
    .onConflict((oc) => oc.columns(['tenantId', 'name']).doUpdateSet({ mapping: m.mapping, updatedAt: m.now }))
    .returning(['id', 'name', 'updatedAt']).executeTakeFirstOrThrow();
}
