/**
 * Review reminders (the reminder lifecycle the README documents): one open issue per policy whose review is due or overdue,
 * planned from the policies and the existing issues, then applied. The action calls
 * `runReminders` on `schedule` / `mode: remind`; `isms remind` calls it from any machine.
 */
export { runReminders, ReminderError, checkLabel, type ReminderOptions, type ReminderOutcome } from './run.js';
export { planReminders, type ExistingIssue, type Operation, type PlanEntry, type PlanInput, type ReminderPlan } from './plan.js';
export { renderIssue, parseMarker, formatMarker, type Marker, type ReminderPolicy, type RepoLinks } from './content.js';
export { renderDigestMarkdown, renderPlanText, type DigestInput } from './digest.js';
export { ACTIONS_IDENTITY, defaultBranch, resolveIdentity, type Identity } from './github.js';
export { countRequests, type RequestCounts } from './requests.js';
