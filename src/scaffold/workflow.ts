/**
 * The GitHub workflows we write (`isms init`) and document (the README's blocks are
 * generated from here by `npm run docs`), and the one place that says which version
 * of each action they use.
 *
 * Every workflow follows the same rules, which tests/workflows.test.ts enforces on these
 * texts, on the README and on this repository's own workflows:
 * - the workflow grants nothing (`permissions: {}`); each job asks only for what it uses;
 * - every checkout has `persist-credentials: false`: no step after it needs the token in
 *   `.git/config`, so nothing the job runs can read it from there;
 * - the pull-request job checks out with `fetch-depth: 2`: on `pull_request` the checkout
 *   is GitHub's merge commit, whose parents are the base and the head, so the base commit
 *   is there for the coverage change (with depth 1 the change is always skipped);
 * - each job is in a `concurrency:` group, so two runs never write the same comment,
 *   review or reminder at once: a pull request's newer run cancels the older one, the
 *   reminder runs of a repository queue one after the other;
 * - a reminder job has `fail-on: never`: a due review is an issue for its owner, not a
 *   red run on Monday.
 */

/** The action as users reference it: the repository and its major-version tag. */
export const ACTION_REF = 'isms-as-code/isms-as-code@v1';

/**
 * The other actions our workflows use, at their current major version (all run on
 * Node 24; the Node 20 majors print deprecation warnings on GitHub's runners).
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v7',
  uploadArtifact: 'actions/upload-artifact@v7',
  uploadSarif: 'github/codeql-action/upload-sarif@v4',
  uploadPagesArtifact: 'actions/upload-pages-artifact@v5',
  deployPages: 'actions/deploy-pages@v5',
} as const;

/** The workflow `isms init` writes to `.github/workflows/isms.yml`. */
export function workflowText(): string {
  return `# isms-as-code: checks the ISMS on every pull request and push, and keeps one
# review-reminder issue open per policy that is due, checked every Monday.
name: ISMS

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "30 6 * * 1"   # Mondays 06:30 UTC: review reminders
  workflow_dispatch:

permissions: {}

jobs:
  review:
    # Pull requests: annotations, one summary comment, line comments, the coverage change.
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write   # line comments (one review)
      issues: write          # the summary comment lives in the PR's conversation
    concurrency:
      group: isms-pr-\${{ github.event.pull_request.number }}
      cancel-in-progress: true   # a newer push to the PR replaces this run
    steps:
      - uses: ${ACTIONS.checkout}
        with:
          fetch-depth: 2             # the merge commit's parents: the base commit, for the coverage change
          persist-credentials: false
      - uses: ${ACTION_REF}

  check:
    # Pushes to main and manual runs: annotations and the job summary.
    if: github.event_name == 'push' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    concurrency:
      group: isms-check-\${{ github.ref }}
      cancel-in-progress: true
    steps:
      - uses: ${ACTIONS.checkout}
        with:
          persist-credentials: false
      - uses: ${ACTION_REF}

  remind:
    # Mondays and manual runs: one reminder issue per policy that is due or overdue.
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
${remindJobBody()}`;
}

/** The README's workflow for review reminders alone. */
export function remindersWorkflowText(): string {
  return `# .github/workflows/isms-reminders.yml
name: ISMS review reminders
on:
  schedule:
    - cron: '17 6 * * 1'   # Mondays, 06:17 UTC
  workflow_dispatch:
permissions: {}
jobs:
  remind:
${remindJobBody('          # dry-run: true      # print the plan, write nothing\n')}`;
}

/** The README's workflow that publishes the HTML report and the SoA on GitHub Pages. */
export function reportWorkflowText(): string {
  return `# .github/workflows/isms-report.yml
name: ISMS report
on:
  push:
    branches: [main]
permissions: {}
concurrency:
  group: pages               # one deployment at a time; never cancel one halfway
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: ${ACTIONS.checkout}
        with:
          persist-credentials: false
      - uses: ${ACTION_REF}
        with:
          artifacts: site        # isms-report.html, soa.md, soa.csv
          fail-on: never         # publish the report even while findings are open
      - run: mv site/isms-report.html site/index.html
      - uses: ${ACTIONS.uploadPagesArtifact}
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deploy.outputs.page_url }}
    steps:
      - id: deploy
        uses: ${ACTIONS.deployPages}
`;
}

/** The workflows the README shows, by the marker name that delimits each one there. */
export const documentedWorkflows: ReadonlyArray<{ name: string; text: () => string }> = [
  { name: 'isms.yml', text: workflowText },
  { name: 'isms-reminders.yml', text: remindersWorkflowText },
  { name: 'isms-report.yml', text: reportWorkflowText },
];

/**
 * The body of the reminder job, shared by the workflow `isms init` writes and the README's
 * reminders-only workflow, so the two never drift apart.
 */
function remindJobBody(extraInputs = ''): string {
  return `    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write          # open, update and close reminder issues
    concurrency:
      group: isms-remind     # one reminder run at a time; a second one waits, never cancels
      cancel-in-progress: false
    steps:
      - uses: ${ACTIONS.checkout}
        with:
          persist-credentials: false
      - uses: ${ACTION_REF}
        with:
          mode: remind
          fail-on: never     # a due review is a reminder, not a broken build
${extraInputs}`;
}
