/** Timelines of subjects (an issue today): append an event, read a subject's events with their actors' names. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EventType } from '../../../shared/events.ts';
import type { Subject } from '../../subject.ts';

type Db = Kysely<DB>;

/** An event to append to a subject's timeline. */
export interface NewEvent {
  tenantId: number;
  subject: Subject;
  type: EventType;
  actorId: number | null;
  at: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
}

/** One entry of a subject's timeline: an event, with its actor's name; `data` is its JSON. */
export interface TimelineEntry {
  id: number; type: EventType; at: string; fromStatus: string | null; toStatus: string | null; data: string; actorId: number | null; actorName: string | null;
}

/** Append a timeline event and return its id. */
export async function appendEvent(db: Db, e: NewEvent): Promise<number> {
  const r = await db.insertInto('timelineEvents').values({
    tenantId: e.tenantId, subjectType: e.subject.type, subjectId: e.subject.id, type: e.type, actorId: e.actorId, at: e.at,
    fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, data: JSON.stringify(e.data ?? {}),
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Append many events in one statement (imports); ids are not returned. */
export async function appendEvents(db: Db, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('timelineEvents').values(events.map((e) => ({
    tenantId: e.tenantId, subjectType: e.subject.type, subjectId: e.subject.id, type: e.type, actorId: e.actorId, at: e.at,
    fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, data: JSON.stringify(e.data ?? {}),
  }))).execute();
}

/** A subject's events, oldest first, with their actors' names. */
export async function eventsOf(db: Db, subject: Subject): Promise<TimelineEntry[]> {
  return db.selectFrom('timelineEvents as e').leftJoin('users as u', 'u.id', 'e.actorId')
    .select(['e.id', 'e.type', 'e.at', 'e.fromStatus', 'e.toStatus', 'e.data', 'e.actorId', 'u.displayName as actorName'])
    .where('e.subjectType', '=', subject.type).where('e.subjectId', '=', subject.id).orderBy('e.id').execute();
}

/** The latest event of a type on a subject. */
export async function lastEventOfType(db: Db, subject: Subject, type: EventType) {
  return db.selectFrom('timelineEvents').selectAll()
    .where('subjectType', '=', subject.type).where('subjectId', '=', subject.id).where('type', '=', type)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}
