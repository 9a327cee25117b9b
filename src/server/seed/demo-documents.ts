/**
 * The demo county's written documents (issue 18): for the last two months of the ledger, the petition office issued
 * the notice or opinion each step called for, an hour after the step — 受理 / 不予受理告知书, 交办告知书, the 信访处理
 * 意见书 (with the basis the office wrote in when the reply gave none), 复查 / 复核意见书 — through the paperwork
 * module's own command, so they read, number and sit on the timeline as the office's would.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../actor.ts';
import { demoDocumentSteps, issueDocument } from '../modules/paperwork/index.ts';
import type { EventType } from '../../shared/events.ts';
import { DOCUMENT_KINDS, DOCUMENT_SOURCE, type DocumentKind } from '../../shared/documents.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const KIND_OF = new Map<EventType, DocumentKind>(DOCUMENT_KINDS.map((k) => [DOCUMENT_SOURCE[k], k]));

/** Issue the documents; returns how many. */
export async function seedDemoDocuments(db: Kysely<DB>, env: { tenantId: number; nowMs: number; clerk: Actor }): Promise<number> {
  const since = new Date(env.nowMs - 60 * DAY).toISOString();
  const steps = await demoDocumentSteps(db, env.tenantId, since, [...KIND_OF.keys()]);
  const latest = new Map<string, (typeof steps)[number]>();
  // One document per kind and issue: the latest step of its kind (as the command documents it).
  for (const s of steps) latest.set(`${s.issueId}:${s.type}`, s);
  let made = 0;
  for (const s of [...latest.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)) {
    const at = new Date(Math.min(Date.parse(s.at) + HOUR, env.nowMs - 60_000)).toISOString();
    await issueDocument(db, env.clerk, s.issueId, { kind: KIND_OF.get(s.type)!, values: { 依据: '《信访工作条例》第三十二条' } }, at);
    made++;
  }
  return made;
}
