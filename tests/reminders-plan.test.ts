/**
 * The reminder planner and the issue content, as pure data: policies and issues in, operations
 * out. Each documented lifecycle rule is one case here; tests/reminders.test.ts runs the
 * same rules through the real client against the fake GitHub.
 */
import { describe, expect, it } from 'vitest';
import { refusedAssignees } from '../src/github/reminders/apply.js';
import {
  formatMarker,
  parseMarker,
  planReminders,
  renderIssue,
  type ExistingIssue,
  type Operation,
  type PlanInput,
  type ReminderPlan,
  type ReminderPolicy,
} from '../src/github/reminders/index.js';

const TODAY = '2026-11-24';
const BOT = 'github-actions[bot]';
const LINKS = { serverUrl: 'https://github.com', owner: 'acme', repo: 'isms', branch: 'main' };

function policy(overrides: Partial<ReminderPolicy> = {}): ReminderPolicy {
  return {
    id: 'POL-AC-001',
    title: 'Access control',
    file: 'policies/access.md',
    owners: ['@alice'],
    approver: null,
    status: 'approved',
    last_reviewed: '2025-12-01',
    next_review: '2026-12-01',
    review_every: '12 months',
    clauses: [],
    controls: ['A.5.15'],
    positions: { lastReviewed: { line: 7, column: 16 }, nextReview: { line: 1, column: 1 } },
    ...overrides,
  };
}

function plan(policies: ReminderPolicy[], existingIssues: ExistingIssue[] = [], overrides: Partial<PlanInput> = {}): ReminderPlan {
  return planReminders({ policies, today: TODAY, withinDays: 30, existingIssues, label: 'isms-review', identity: BOT, links: LINKS, ...overrides });
}

let nextNumber = 1;

/** What GitHub holds after applying a create: the issue a later run lists. */
function created(operation: Operation, extra: Partial<ExistingIssue> = {}): ExistingIssue {
  if (operation.kind !== 'create') throw new Error(`expected a create, got ${operation.kind}`);
  return {
    number: nextNumber++,
    title: operation.title,
    body: operation.body,
    state: 'open',
    labels: operation.labels,
    assignees: operation.assignees,
    author: BOT,
    isPullRequest: false,
    ...extra,
  };
}

/** The issue a first run opens for `p`. */
function issueFor(p: ReminderPolicy, extra: Partial<ExistingIssue> = {}, today = TODAY): ExistingIssue {
  return created(plan([p], [], { today }).entries[0]!.operation, extra);
}

const kinds = (result: ReminderPlan) => result.entries.map((entry) => `${entry.policyId}:${entry.state}:${entry.operation.kind}`);

describe('which policies get an issue', () => {
  it('opens issues for due-soon and overdue policies in force only, most overdue first', () => {
    const result = plan([
      policy({ id: 'POL-SOON-001', next_review: '2026-12-24' }), // today + 30: inside the window
      policy({ id: 'POL-LATE-001', next_review: '2026-12-25' }), // today + 31: not yet
      policy({ id: 'POL-TODAY-001', next_review: TODAY }), // due today: due, not overdue
      policy({ id: 'POL-OVER-001', next_review: '2026-11-23' }),
      policy({ id: 'POL-NEVER-001', last_reviewed: null, next_review: null }),
      policy({ id: 'POL-DRAFT-001', status: 'draft', next_review: '2020-01-01' }),
      policy({ id: 'POL-RET-001', status: 'retired', next_review: '2020-01-01' }),
    ]);
    expect(kinds(result)).toEqual([
      'POL-NEVER-001:overdue:create',
      'POL-OVER-001:overdue:create',
      'POL-TODAY-001:due-soon:create',
      'POL-SOON-001:due-soon:create',
    ]);
  });

  it('labels overdue issues `overdue` and names a never-reviewed policy in the title', () => {
    const [never, soon] = plan([policy({ id: 'POL-NEVER-001', last_reviewed: null, next_review: null }), policy()]).entries;
    expect(never!.operation).toMatchObject({ kind: 'create', title: 'Review due: POL-NEVER-001 Access control (never reviewed)', labels: ['isms-review', 'overdue'] });
    expect(parseMarker((never!.operation as { body: string }).body)).toMatchObject({ id: 'POL-NEVER-001', due: 'none' });
    expect(soon!.operation).toMatchObject({ kind: 'create', title: 'Review due: POL-AC-001 Access control (due 2026-12-01)', labels: ['isms-review'] });
    expect(plan([policy()], [], { overdueLabel: 'late' }).entries[0]!.operation).toMatchObject({ labels: ['isms-review'] });
    expect(plan([policy({ next_review: '2026-01-01' })], [], { overdueLabel: 'late' }).entries[0]!.operation).toMatchObject({ labels: ['isms-review', 'late'] });
  });

  it('assigns @login owners, mentions teams, lists e-mails, and never assigns more than 10', () => {
    const owners = ['@alice', '@acme/security', 'ciso@example.com', ...Array.from({ length: 11 }, (_, i) => `@user${i}`)];
    const operation = plan([policy({ owners })]).entries[0]!.operation;
    if (operation.kind !== 'create') throw new Error('expected a create');
    expect(operation.assignees).toEqual(['alice', ...Array.from({ length: 9 }, (_, i) => `user${i}`)]);
    expect(operation.body).toContain('@acme/security');
    expect(operation.body).toContain('`ciso@example.com`');
    expect(operation.body).toContain('@user10');
    expect(operation.body).toContain('GitHub assigns at most 10 people');
  });

  it('warns about a due policy without a valid id and follows the first file of a duplicated id', () => {
    const result = plan([
      policy({ id: null, file: 'policies/no-id.md' }),
      policy({ id: 'pol-lower', file: 'policies/lower.md' }),
      policy({ file: 'policies/b.md', title: 'Second' }),
      policy({ file: 'policies/a.md', title: 'First' }),
    ]);
    expect(kinds(result)).toEqual(['POL-AC-001:due-soon:create']);
    expect(result.entries[0]!.file).toBe('policies/a.md');
    expect(result.warnings).toEqual([
      'POL-AC-001 is the id of both policies/a.md and policies/b.md: reminders follow policies/a.md.',
      'policies/lower.md is due for review but has no valid id: no reminder issue until it has one.',
      'policies/no-id.md is due for review but has no valid id: no reminder issue until it has one.',
    ]);
    // Not due: nothing to say here (the id-duplicate and field rules of `isms check` report them).
    expect(plan([policy({ id: null, next_review: '2027-06-01' }), policy({ next_review: '2027-06-01' }), policy({ file: 'x.md', next_review: '2027-06-01' })]).warnings).toEqual([]);
  });
});

describe('which issues are ours', () => {
  it('counts only issues with our marker and our author; pull requests and others are left alone', () => {
    const ours = issueFor(policy());
    const planted = { ...ours, number: 900, author: 'mallory' };
    const pull = { ...ours, number: 901, isPullRequest: true };
    const noMarker = { ...ours, number: 902, body: 'Please review POL-AC-001' };
    const result = plan([policy()], [planted, pull, noMarker, ours]);
    expect(kinds(result)).toEqual(['POL-AC-001:due-soon:none']);
    expect(result.entries[0]!.issue).toBe(ours.number);
    expect(result.listed).toEqual({ issues: 4, ours: 1, foreign: 2, pullRequests: 1 });

    // Without ours, the planted copy does not count: a new issue is planned.
    expect(kinds(plan([policy()], [planted, pull, noMarker]))).toEqual(['POL-AC-001:due-soon:create']);
  });

  it('compares logins without regard to case', () => {
    const ours = issueFor(policy(), { author: 'GitHub-Actions[bot]' });
    expect(kinds(plan([policy()], [ours]))).toEqual(['POL-AC-001:due-soon:none']);
  });

  it('rejects malformed markers', () => {
    expect(parseMarker('<!-- isms-as-code:review id=POL-AC-001 due=2026-12-01 assignees=alice -->')).toMatchObject({ id: 'POL-AC-001', due: '2026-12-01', assignees: ['alice'] });
    expect(parseMarker('<!-- isms-as-code:review id=<b>x</b> due=2026-12-01 -->')).toBeUndefined();
    expect(parseMarker('<!-- isms-as-code:review id=POL-AC-001 due=soon -->')).toBeUndefined();
    expect(parseMarker('<!-- isms-as-code:review id=POL-AC-001 due=2026-12-01 assignees=a"b -->')).toBeUndefined();
    expect(parseMarker('<!-- isms-as-code:review due=2026-12-01 -->')).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
    const marker = { id: 'POL-AC-001', due: 'none', title: 'abc', body: 'def', assignees: ['a', 'b'], unassignable: ['ghost-c'], closed: 'draft' };
    expect(parseMarker(`text\n${formatMarker(marker)}\nmore`)).toEqual(marker);
  });
});

describe('updates', () => {
  it('plans nothing when nothing changed, however often it runs', () => {
    const issue = issueFor(policy());
    expect(kinds(plan([policy()], [issue]))).toEqual(['POL-AC-001:due-soon:none']);
    expect(plan([policy()], [issue]).entries[0]!.operation).toEqual({ kind: 'none', issue: issue.number, reason: 'up to date' });
  });

  it('adds `overdue` when the date passes, keeping labels a person added', () => {
    const issue = issueFor(policy(), { labels: ['isms-review', 'priority'] });
    const operation = plan([policy()], [issue], { today: '2026-12-02' }).entries[0]!.operation;
    expect(operation).toMatchObject({ kind: 'update', changes: { labels: ['priority', 'isms-review', 'overdue'] }, reasons: ['now overdue'] });
    expect(Object.keys((operation as { changes: object }).changes)).toEqual(['labels']);
  });

  it('leaves a title or checkbox a person edited, until the due date or the policy title changes', () => {
    const issue = issueFor(policy(), { title: 'Access control review (Alice, Q4)' });
    issue.body = issue.body!.replace('- [ ] Read', '- [x] Read');
    expect(kinds(plan([policy()], [issue]))).toEqual(['POL-AC-001:due-soon:none']);

    const retitled = plan([policy({ title: 'Identity and access' })], [issue]).entries[0]!.operation;
    expect(retitled).toMatchObject({ kind: 'update', reasons: ['policy details changed'], changes: { title: 'Review due: POL-AC-001 Identity and access (due 2026-12-01)' } });

    const redated = plan([policy({ next_review: '2026-12-10' })], [issue]).entries[0]!.operation;
    expect(redated).toMatchObject({ kind: 'update', reasons: ['due date 2026-12-01 -> 2026-12-10'], changes: { title: 'Review due: POL-AC-001 Access control (due 2026-12-10)' } });
    expect(parseMarker((redated as { changes: { body: string } }).changes.body)!.due).toBe('2026-12-10');
  });

  it('follows owner changes: new owners assigned, removed ones unassigned, people added by hand kept', () => {
    const issue = issueFor(policy({ owners: ['@alice', '@bob'] }));
    issue.assignees = [...issue.assignees, 'dave'];
    const operation = plan([policy({ owners: ['@bob', '@erin'] })], [issue]).entries[0]!.operation;
    expect(operation).toMatchObject({ kind: 'update', changes: { assignees: ['bob', 'dave', 'erin'] } });
    expect((operation as { changes: { body: string } }).changes.body).toContain('| Owners | @bob, @erin |');

    // A person unassigns an owner: the owner is assigned again (ownership lives in the file).
    const unassigned = issueFor(policy(), { assignees: [] });
    expect(plan([policy()], [unassigned]).entries[0]!.operation).toMatchObject({ kind: 'update', changes: { assignees: ['alice'] }, reasons: ['assignees'] });
  });

  it('does not retry an owner GitHub refused until the due date changes', () => {
    const p = policy({ owners: ['@alice', '@ghost-x'] });
    const rendered = renderIssue({ policy: p, links: LINKS, label: 'isms-review', unassignable: ['ghost-x'] });
    const issue: ExistingIssue = { number: 50, title: rendered.title, body: rendered.body, state: 'open', labels: ['isms-review'], assignees: ['alice'], author: BOT, isPullRequest: false };
    expect(kinds(plan([p], [issue]))).toEqual(['POL-AC-001:due-soon:none']);
    const redated = plan([{ ...p, next_review: '2026-12-05' }], [issue]).entries[0]!.operation;
    expect(redated).toMatchObject({ kind: 'update', changes: { assignees: ['alice', 'ghost-x'] } });
  });
});

describe('closing', () => {
  it('closes when reviewed (completed), retired or draft (not planned), with the reason in the comment and the marker', () => {
    const issue = issueFor(policy());
    const reviewed = plan([policy({ last_reviewed: '2026-11-20', next_review: '2027-11-20' })], [issue]).entries[0]!;
    expect(reviewed).toMatchObject({ state: 'ok', operation: { kind: 'close', stateReason: 'completed', reason: 'reviewed' } });
    const closeOp = reviewed.operation as { comment: string; body: string };
    expect(closeOp.comment).toBe('`POL-AC-001` is no longer due for review (last reviewed 2026-11-20, next review due 2027-11-20, more than 30 days away), so this reminder is closed.');
    expect(parseMarker(closeOp.body)!.closed).toBe('reviewed');
    expect(closeOp.body.replace(/<!--.*-->/, '')).toBe(issue.body!.replace(/<!--.*-->/, ''));

    expect(plan([policy({ status: 'retired' })], [issue]).entries[0]!.operation).toMatchObject({ kind: 'close', stateReason: 'not_planned', reason: 'policy retired' });
    expect(plan([policy({ status: 'draft' })], [issue]).entries[0]!.operation).toMatchObject({ kind: 'close', stateReason: 'not_planned', reason: 'policy back in draft' });
  });

  it('closes the issue of a removed policy, unless no policy was found at all', () => {
    const issue = issueFor(policy());
    const removed = plan([policy({ id: 'POL-OTHER-001', next_review: '2027-06-01' })], [issue]);
    expect(removed.entries).toMatchObject([{ policyId: 'POL-AC-001', state: 'removed', due: '2026-12-01', operation: { kind: 'close', stateReason: 'not_planned', reason: 'policy removed' } }]);

    const none = plan([], [issue]);
    expect(none.entries).toEqual([]);
    expect(none.warnings).toEqual([`No policies were found, so 1 open reminder issue(s) such as #${issue.number} (POL-AC-001) were left open: check the policies setting in .isms.yml.`]);
  });

  it('closes extra open issues for one policy as duplicates of the oldest', () => {
    const first = issueFor(policy());
    const second = { ...first, number: first.number + 100 };
    expect(plan([policy()], [second, first]).entries.map((entry) => [entry.issue, entry.operation.kind, entry.operation.kind === 'close' ? entry.operation.reason : ''])).toEqual([
      [first.number, 'none', ''],
      [second.number, 'close', `duplicate of #${first.number}`],
    ]);
  });

  it('leaves closed issues closed', () => {
    const closed = issueFor(policy(), { state: 'closed' });
    expect(plan([policy({ status: 'retired' })], [closed]).entries).toEqual([]);
  });
});

describe('closed issues and new review cycles', () => {
  it('respects an issue a person closed while its due date stands', () => {
    const closed = issueFor(policy(), { state: 'closed' });
    const result = plan([policy()], [closed], { today: '2026-12-05' });
    expect(result.entries[0]!.operation).toEqual({
      kind: 'none',
      issue: closed.number,
      reason: `#${closed.number} was closed while this due date stands; a new reminder opens when the due date changes`,
    });
  });

  it('opens a new issue when the due date changed since, or when this tool closed the old one', () => {
    const closedByPerson = issueFor(policy(), { state: 'closed' });
    expect(kinds(plan([policy({ next_review: '2026-12-08' })], [closedByPerson]))).toEqual(['POL-AC-001:due-soon:create']);

    const issue = issueFor(policy());
    const draftClose = plan([policy({ status: 'draft' })], [issue]).entries[0]!.operation as { body: string };
    const closedByUs = { ...issue, state: 'closed' as const, body: draftClose.body };
    expect(kinds(plan([policy()], [closedByUs]))).toEqual(['POL-AC-001:due-soon:create']);
  });
});

describe('issue content', () => {
  it('escapes policy text: no HTML, no mentions but the owners, no links or issue references', () => {
    const hostile = policy({
      title: '<script>alert(1)</script> @everyone #1 [x](javascript:alert(1)) | cell',
      owners: ['@alice', 'Mallory <@evil>'],
      approver: '@boss',
      controls: ['A.5.15', '<b>X</b>'],
      file: 'policies/we ird(1).md',
    });
    const { title, body } = renderIssue({ policy: hostile, links: LINKS, label: 'isms-review', unassignable: [] });
    expect(body).not.toMatch(/<script|<b>/);
    expect(body).not.toContain('[x](javascript');
    // The only mention in the body: the owner alice. The approver is a code span (no notification).
    expect(body.replace(/`[^`\n]*`/g, '').match(/@(?!\u200d)\S+/g)).toEqual(['@alice,']);
    expect(body).toContain('`@boss`');
    expect(body).toContain('https://github.com/acme/isms/blob/main/policies/we%20ird%281%29.md');
    expect(body).toContain('\\| cell');
    expect(title).toBe('Review due: POL-AC-001 <script>alert(1)</script> @\u200deveryone #1 [x](javascript:alert(1)) | cell (due 2026-12-01)');
  });

  it('says which front-matter lines to change', () => {
    const withNext = policy({ positions: { lastReviewed: { line: 9, column: 16 }, nextReview: { line: 10, column: 14 } } });
    const { body } = renderIssue({ policy: withNext, links: LINKS, label: 'isms-review', unassignable: [] });
    expect(body).toContain('change `last_reviewed` on line 9 of `policies/access.md` to the date of the review (`last_reviewed: YYYY-MM-DD`), or run `isms review POL-AC-001`');
    expect(body).toContain('Update or remove `next_review` on line 10');
    const never = renderIssue({ policy: policy({ last_reviewed: null, next_review: null, positions: undefined }), links: LINKS, label: 'isms-review', unassignable: [] });
    expect(never.body).toContain('add `last_reviewed: YYYY-MM-DD` (the date of the review) to the front matter of `policies/access.md`');
    expect(never.body).not.toContain('next_review` on line');
  });

  it('keeps titles within GitHub\'s 256 characters', () => {
    const { title } = renderIssue({ policy: policy({ title: 'x'.repeat(400) }), links: LINKS, label: 'isms-review', unassignable: [] });
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.endsWith('… (due 2026-12-01)')).toBe(true);
  });
});

describe('refused assignees', () => {
  const error = (errors: unknown) => ({ status: 422, response: { data: { message: 'Validation Failed', errors } } });
  it('reads the logins GitHub names, or takes all when it names none; other 422s are not about assignees', () => {
    expect(refusedAssignees(error([{ resource: 'Issue', field: 'assignees', code: 'invalid', value: 'ghost-a' }]), ['bob', 'Ghost-A'])).toEqual(['Ghost-A']);
    expect(refusedAssignees(error([{ resource: 'Issue', field: 'assignees', code: 'invalid' }]), ['bob', 'carol'])).toEqual(['bob', 'carol']);
    expect(refusedAssignees(error([{ resource: 'Issue', field: 'title', code: 'missing_field' }]), ['bob'])).toBeNull();
    expect(refusedAssignees({ status: 502 }, ['bob'])).toBeNull();
    expect(refusedAssignees(error([{ field: 'assignees', value: 'x' }]), [])).toBeNull();
  });
});
