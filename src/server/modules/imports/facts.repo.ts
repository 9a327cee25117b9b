/**
 * What an import knew of each case it brought in, kept with the row's key (`import_rows.facts`) rather than as a
 * timeline event of its own — one row less per case, about a tenth of an import's time (bench/import) — and shown as the
 * first entry of the case's timeline, the `imported` event it would have been.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { IssueStatus } from '../../../shared/lifecycle.ts';
import type { TimelineEntry } from '../timeline/index.ts';

/** The facts of one imported case. */
export interface ImportFacts {
  /** The row of the file it came from, and its id in the source system if the mapping had one. */
  row: number;
  sourceId: string | null;
  /** Unmapped columns, by their header. */
  extra: Record<string, string>;
  /** What the source did not say (`closedAt`, `acceptedAt`, `steps`): marked on the timeline, not invented. */
  unknown: string[];
  /** Its status as imported. */
  status: IssueStatus;
  /** Who imported it, and when. */
  by: number;
  importedAt: string;
}

/**
 * The `imported` entry of an issue's timeline from its import facts (none for issues not imported, or imported before
 * the facts were kept: those have the event itself). Its id is 0, before every event's.
 */
export async function importedEntry(db: Kysely<DB>, issueId: number): Promise<TimelineEntry | undefined> {
  const r = await db.selectFrom('importRows as k').innerJoin('issues as i', 'i.id', 'k.issueId')
    .select(['k.facts', 'k.batchId', 'i.receivedAt']).where('k.issueId', '=', issueId).executeTakeFirst();
  if (!r?.facts) return undefined;
  const f = JSON.parse(r.facts) as ImportFacts;
  const user = await db.selectFrom('users').select('displayName').where('id', '=', f.by).executeTakeFirst();
  return {
    id: 0, type: 'imported', at: r.receivedAt, fromStatus: null, toStatus: f.status, actorId: f.by, actorName: user?.displayName ?? null,
    data: JSON.stringify({ batchId: r.batchId, row: f.row, sourceId: f.sourceId, extra: f.extra, unknown: f.unknown, importedAt: f.importedAt }),
  };
}
