/**
 * The phone's outbox (issue 17, DESIGN §9): what a cadre records with no signal — an issue found in the field (with its
 * photo), an activity, a questionnaire's answers — is kept on the device in IndexedDB (through `idb`) and sent when the
 * network returns, each record with the `Idempotency-Key` made here when it was recorded, so a record sent twice (a
 * retry, a link that dropped the answer) is created once. A record the server refuses (a place the cadre may no longer
 * use, a questionnaire closed meanwhile) stays here with the server's reason until the cadre deletes or fixes it; it is
 * never dropped silently. Records belong to the account that made them: another account on the same phone neither
 * sees nor sends them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { api, ApiError } from '../api/client.ts';

/** What a record creates. */
export type OutboxKind = 'issue' | 'activity' | 'response';

/** One record waiting on the phone. */
export interface OutboxRecord {
  /** The Idempotency-Key, made on the device when the record was made. */
  key: string;
  userId: number;
  kind: OutboxKind;
  /** What the list shows: the text, the activity's title. */
  label: string;
  method: 'POST';
  url: string;
  body: unknown;
  /** A photo to send after the create, as the new issue's attachment. */
  photo: Blob | null;
  photoName: string | null;
  createdAt: string;
  /** `pending`: to send; `refused`: the server said no (see `error`); `photo`: created, its photo still to send. */
  state: 'pending' | 'refused' | 'photo';
  /** The id the server gave it (known once created). */
  createdId: number | null;
  error: string | null;
  attempts: number;
}

interface OutboxDb extends DBSchema {
  records: { key: string; value: OutboxRecord; indexes: { byUser: number } };
}

let dbp: Promise<IDBPDatabase<OutboxDb>> | null = null;
const db = () => (dbp ??= openDB<OutboxDb>('yixian-outbox', 1, {
  upgrade(d) {
    const s = d.createObjectStore('records', { keyPath: 'key' });
    s.createIndex('byUser', 'userId');
  },
}));

type Listener = () => void;
const listeners = new Set<Listener>();
const changed = () => listeners.forEach((fn) => fn());

/** Be told when the outbox changes (a record added, sent or refused). */
export function onOutboxChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}

/** A new Idempotency-Key: 16 random bytes, hex. */
export function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Keep a record on the phone; it is sent by the next `flush`. */
export async function enqueue(r: Pick<OutboxRecord, 'userId' | 'kind' | 'label' | 'url' | 'body'> & Partial<Pick<OutboxRecord, 'photo' | 'photoName' | 'key' | 'createdId'>>): Promise<OutboxRecord> {
  // With `createdId` the record is already on the server and only its photo is still to go.
  const rec: OutboxRecord = {
    key: r.key ?? newKey(), userId: r.userId, kind: r.kind, label: r.label, method: 'POST', url: r.url, body: r.body,
    photo: r.photo ?? null, photoName: r.photoName ?? null, createdAt: new Date().toISOString(), state: r.createdId ? 'photo' : 'pending',
    createdId: r.createdId ?? null, error: null, attempts: 0,
  };
  await (await db()).put('records', rec);
  changed();
  return rec;
}

/** The account's records, oldest first. */
export async function records(userId: number): Promise<OutboxRecord[]> {
  const all = await (await db()).getAllFromIndex('records', 'byUser', userId);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Delete a record (the cadre gave it up). */
export async function discard(key: string): Promise<void> {
  await (await db()).delete('records', key);
  changed();
}

/** Send a refused record again (after the cause was dealt with, e.g. the place fixed). */
export async function retry(key: string, body?: unknown): Promise<void> {
  const d = await db();
  const r = await d.get('records', key);
  if (!r) return;
  await d.put('records', { ...r, state: r.createdId ? 'photo' : 'pending', error: null, ...(body !== undefined ? { body } : {}) });
  changed();
}

/** Whether an error means "try again later" (no network, a server hiccup, the session to renew) rather than "no". */
const transient = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status === 401 || e.status === 408 || e.status === 429 || e.status >= 500;

let running: Promise<FlushResult> | null = null;

/** What one pass of sending did. */
export interface FlushResult { sent: number; refused: number; left: number }

/**
 * Send the account's pending records, oldest first, one at a time; stop at the first transient failure (the network
 * is gone again). One pass at a time per tab.
 */
export async function flush(userId: number): Promise<FlushResult> {
  // A pass already under way may have read the list before the newest record: wait for it, then pass again.
  while (running) await running.catch(() => undefined);
  running = (async () => {
    const out: FlushResult = { sent: 0, refused: 0, left: 0 };
    try {
      const d = await db();
      for (const r of await records(userId)) {
        if (r.state === 'refused') continue;
        try {
          let id = r.createdId;
          if (r.state === 'pending') {
            const made = await api<{ id: number }>('POST', r.url, r.body, { silent401: true, headers: { 'idempotency-key': r.key } });
            id = made.id;
            if (r.photo) await d.put('records', { ...r, state: 'photo', createdId: id, attempts: r.attempts + 1 });
          }
          if (r.photo && id) {
            const form = new FormData();
            form.append('file', r.photo, r.photoName ?? 'photo.jpg');
            // Its own key: a photo sent twice is kept once too.
            await api('POST', `/api/v1/issues/${id}/attachments`, form, { silent401: true, headers: { 'idempotency-key': `${r.key}-photo` } });
          }
          await d.delete('records', r.key);
          out.sent++;
        } catch (e) {
          if (transient(e)) {
            const now = await d.get('records', r.key);
            if (now) await d.put('records', { ...now, attempts: now.attempts + 1 });
            break;
          }
          const now = await d.get('records', r.key);
          if (now) await d.put('records', { ...now, state: 'refused', error: (e as Error).message, attempts: now.attempts + 1 });
          out.refused++;
        }
      }
      out.left = (await records(userId)).length;
      return out;
    } finally {
      running = null;
      changed();
    }
  })();
  return running;
}

/** Send now if the phone is online; otherwise keep the record for when it is (the caller says which happened). */
export async function sendOrKeep(userId: number, rec: OutboxRecord): Promise<'sent' | 'kept' | 'refused'> {
  if (navigator.onLine) await flush(userId);
  const left = (await records(userId)).find((r) => r.key === rec.key);
  return !left ? 'sent' : left.state === 'refused' ? 'refused' : 'kept';
}
