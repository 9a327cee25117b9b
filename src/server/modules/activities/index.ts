/**
 * The activities module's public face (issue 16, DESIGN §3): grassroots activities of the four kinds — outreach
 * lectures (宣讲) with the case library and audience feedback, field research (调研), reception days, on-site office
 * sessions — and the issues heard there, which enter the ledger through its one intake command (`registerIssue`) with
 * the activity as their source. Its manifest: the staff API, the public pages (a lecture's feedback `/f/…`, a questionnaire `/q/…`), an issue's timeline entry
 * naming the activity it came from. The demo county's activities are made with its commands (`seed/demo-activities.ts`).
 */
import type { ModuleManifest } from '../types.ts';
import { activityRoutes } from './activities.routes.ts';
import { feedbackPages } from './feedback.pages.ts';
import { questionnairePages } from './questionnaire.pages.ts';
import { receptionPages } from './reception.pages.ts';
import { sourceActivityOfIssue } from './activities.repo.ts';
import { sessionsOfIssue } from './onsite.repo.ts';

export { createActivity, registerActivityIssue, updateActivity } from './commands/activities.ts';
export { createCase } from './commands/cases.ts';
export { feedbackToIssue, submitFeedback } from './commands/feedback.ts';
export { adoptIdea, recordFinding, recordIdea, recordVisit } from './commands/research.ts';
export { markFindingIssue } from './research.repo.ts';
export { createQuestionnaire, recordResponse, setQuestionnaireStatus, submitPublicResponse } from './commands/questionnaires.ts';
export { questionsOf } from './questionnaires.repo.ts';
export { addAgendaItem, followUp, leaveItem, setOnsiteUnits, signOff, solveOnSpot } from './commands/onsite.ts';
export { demoOpenIssuesUnder, runningHandleClock, unitIdsByName } from './onsite.repo.ts';
export { demoIssuesOfChannel, findActivityInScope, linkDemoIssues } from './activities.repo.ts';

export const activitiesModule: ModuleManifest = {
  name: 'activities',
  routes: activityRoutes,
  pages: async (app, opts) => {
    await app.register(feedbackPages, opts);
    await app.register(questionnairePages, opts);
    await app.register(receptionPages, opts);
  },
  timelineSources: [async (db, subject) => {
    if (subject.type !== 'issue') return [];
    const a = await sourceActivityOfIssue(db, subject.id);
    if (!a) return [];
    return [{
      id: 0, type: 'from_activity', at: a.createdAt, fromStatus: null, toStatus: null, actorId: a.registeredBy, actorName: a.displayName ?? null,
      data: JSON.stringify({ activityId: a.id, activityKind: a.kind, activityTitle: a.title, activityStartsAt: a.startsAt }),
    }];
  }, async (db, subject) => {
    // Each on-site session that put the issue on its agenda, and what it decided (the lifecycle steps it took are events of their own).
    if (subject.type !== 'issue') return [];
    return (await sessionsOfIssue(db, subject.id)).map((i) => ({
      id: 0, type: 'onsite', at: i.addedAt, fromStatus: null, toStatus: null, actorId: i.addedBy, actorName: i.displayName ?? null,
      data: JSON.stringify({
        activityId: i.activityId, activityTitle: i.title, activityStartsAt: i.startsAt, onsiteOutcome: i.outcome,
        ...(i.followupDueAt ? { unitName: i.followupUnitName, dueAt: i.followupDueAt } : {}),
      }),
    }));
  }],
};
