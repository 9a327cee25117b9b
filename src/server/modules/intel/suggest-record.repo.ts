/**
 * What was suggested at intake and what the clerk chose (`intake_suggestions`): acceptance rates, and the trail that
 * turns corrections into training data. Written by the ledger's intake and assignment in their transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB>;

/** What the intake form showed, as the client sends it back with the new issue. */
export interface ShownSuggestions { categoryModelId?: number; categoryIds?: number[]; unitModelId?: number; unitIds?: number[] }

/** Record what was suggested for a new issue and, for the category, what the clerk chose. */
export async function recordSuggestions(db: Db, tenantId: number, issueId: number, shown: ShownSuggestions, chosenCategoryId: number | null, now: string): Promise<void> {
  const rows = [];
  if (shown.categoryIds?.length) {
    const rank = chosenCategoryId == null ? -1 : shown.categoryIds.indexOf(chosenCategoryId);
    rows.push({
      tenantId, issueId, kind: 'category', modelId: shown.categoryModelId ?? null, suggested: JSON.stringify(shown.categoryIds),
      chosen: chosenCategoryId == null ? null : String(chosenCategoryId), rank: rank >= 0 ? rank + 1 : null, createdAt: now,
    });
  }
  if (shown.unitIds?.length) {
    rows.push({ tenantId, issueId, kind: 'unit', modelId: shown.unitModelId ?? null, suggested: JSON.stringify(shown.unitIds), chosen: null, rank: null, createdAt: now });
  }
  if (rows.length) await db.insertInto('intakeSuggestions').values(rows).execute();
}

/** When an issue is assigned, record the unit chosen against the units suggested at intake (first assignment only). */
export async function recordUnitChoice(db: Db, issueId: number, unitId: number): Promise<void> {
  const row = await db.selectFrom('intakeSuggestions').select(['id', 'suggested']).where('issueId', '=', issueId).where('kind', '=', 'unit')
    .where('chosen', 'is', null).executeTakeFirst();
  if (!row) return;
  const rank = (JSON.parse(row.suggested) as number[]).indexOf(unitId);
  await db.updateTable('intakeSuggestions').set({ chosen: String(unitId), rank: rank >= 0 ? rank + 1 : null }).where('id', '=', row.id).execute();
}

/** How often the clerk's choice was the first suggestion, or among the three, per kind (over the last `limit` intakes). */
export async function acceptanceRates(db: Db, tenantId: number, limit = 1000) {
  const out: Record<'category' | 'unit', { decided: number; top1: number; top3: number }> = { category: { decided: 0, top1: 0, top3: 0 }, unit: { decided: 0, top1: 0, top3: 0 } };
  for (const kind of ['category', 'unit'] as const) {
    const rows = await db.selectFrom('intakeSuggestions').select(['rank']).where('tenantId', '=', tenantId).where('kind', '=', kind)
      .where('chosen', 'is not', null).orderBy('id', 'desc').limit(limit).execute();
    out[kind] = { decided: rows.length, top1: rows.filter((r) => r.rank === 1).length, top3: rows.filter((r) => r.rank != null).length };
  }
  return out;
}
