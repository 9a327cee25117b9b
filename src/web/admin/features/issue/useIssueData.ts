/** The issue, its timeline and its attachments, loaded together and reloaded after every change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../api/client.ts';
import type { Attachment, Issue, Timeline, TimelineEvent } from '../../api/types.ts';

export interface IssueData {
  /** `loading` only before the first answer; reloads keep showing the old data. */
  phase: 'loading' | 'ready' | 'notFound' | 'error';
  issue: Issue | null;
  timeline: TimelineEvent[] | null;
  /** Names of the units the timeline's events refer to, by id (the API names them, in scope or not). */
  timelineUnitNames: Record<string, string>;
  attachments: Attachment[] | null;
  /** Why the issue itself could not be loaded (phase `error`). */
  error: string | null;
  timelineError: string | null;
  attachmentsError: string | null;
  reloading: boolean;
  /** Load everything again; resolves to the fresh issue (null when it is gone or could not be loaded). */
  reload: () => Promise<Issue | null>;
  /** Take the issue as a command answered it (the transitions endpoint returns the fresh issue). */
  setIssue: (i: Issue) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Load issue `id` (null when the address is not a number: not found without asking). */
export function useIssueData(id: number | null): IssueData {
  const [phase, setPhase] = useState<IssueData['phase']>(id === null ? 'notFound' : 'loading');
  const [issue, setIssueState] = useState<Issue | null>(null);
  const [timeline, setTimeline] = useState<TimelineEvent[] | null>(null);
  const [timelineUnitNames, setTimelineUnitNames] = useState<Record<string, string>>({});
  const [attachments, setAttachments] = useState<Attachment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timelineError, setTimelineError] = useState<string | null>(null);
  const [attachmentsError, setAttachmentsError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  // Answers to an older request (another issue, or a reload overtaken by a newer one) are dropped.
  const generation = useRef(0);

  const load = useCallback(async (): Promise<Issue | null> => {
    if (id === null) {
      setPhase('notFound');
      return null;
    }
    const gen = ++generation.current;
    const current = () => gen === generation.current;
    setReloading(true);
    // The issue first: when it is missing or out of scope, the other two would only fail the same way.
    let fresh: Issue;
    try {
      fresh = await get<Issue>(`/api/v1/issues/${id}`);
    } catch (e) {
      if (!current()) return null;
      setReloading(false);
      if (e instanceof ApiError && e.status === 404) {
        setPhase('notFound');
        setIssueState(null);
      } else {
        setError(message(e));
        // A failed reload keeps what is on screen; only a first load shows the error page.
        setPhase((p) => (p === 'ready' ? p : 'error'));
      }
      return null;
    }
    const [t, a] = await Promise.allSettled([
      get<Timeline>(`/api/v1/issues/${id}/timeline`),
      get<{ items: Attachment[] }>(`/api/v1/issues/${id}/attachments`),
    ]);
    if (!current()) return fresh;
    setReloading(false);
    setIssueState(fresh);
    setError(null);
    setPhase('ready');
    if (t.status === 'fulfilled') {
      setTimeline(t.value.items);
      setTimelineUnitNames(t.value.unitNames);
      setTimelineError(null);
    } else setTimelineError(message(t.reason));
    if (a.status === 'fulfilled') {
      setAttachments(a.value.items);
      setAttachmentsError(null);
    } else setAttachmentsError(message(a.reason));
    return fresh;
  }, [id]);

  useEffect(() => {
    setPhase(id === null ? 'notFound' : 'loading');
    setIssueState(null);
    setTimeline(null);
    setAttachments(null);
    void load();
  }, [id, load]);

  const setIssue = useCallback((i: Issue) => setIssueState(i), []);

  return { phase, issue, timeline, timelineUnitNames, attachments, error, timelineError, attachmentsError, reloading, reload: load, setIssue };
}
