/** Data every deployment needs: a tenant, its root unit, the category tree, deadline policies and the calendar. */
import type { Database } from '../db/connect.ts';
import { insertUnit } from '../modules/org/index.ts';
import { MODULES } from '../modules/index.ts';

/** The tenant to create on first start. */
export interface TenantSeed {
  code: string;
  name: string;
  /** Root org unit (the county, usually) and its ancestors, top first. */
  units: { code: string; name: string; level: 'province' | 'city' | 'county' }[];
}

/** Create the tenant with its defaults unless it exists; returns its id. Idempotent. */
export async function ensureTenant(db: Database, seed: TenantSeed): Promise<number> {
  const existing = await db.selectFrom('tenants').select('id').where('code', '=', seed.code).executeTakeFirst();
  if (existing) return existing.id;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const { id: tenantId } = await trx.insertInto('tenants').values({ code: seed.code, name: seed.name, createdAt: now })
      .returning('id').executeTakeFirstOrThrow();
    let parentId: number | null = null;
    for (const u of seed.units) {
      const unit = await insertUnit(trx, { tenantId, parentId, code: u.code, name: u.name, level: u.level }, now);
      parentId = unit.id;
    }
    // Each module's defaults for a new tenant: categories (ledger), deadline rules and holidays (deadlines).
    for (const m of MODULES) await m.seedTenant?.(trx, tenantId, now);
    return tenantId;
  });
}

/** The default tenant of a deployment that starts without demo data. */
export const DEFAULT_TENANT: TenantSeed = {
  code: 'default',
  name: '本级',
  units: [{ code: '000000000000', name: '本级', level: 'county' }],
};
