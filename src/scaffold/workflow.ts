/**
 * The GitHub workflow `isms init` writes: a check with PR review on every pull
 * request and push, and review reminders every Monday. Each job asks only for the
 * permissions it uses (the workflow default is read-only).
 */

/** The action as users reference it: the repository and its major-version tag. */
export const ACTION_REF = 'isms-as-code/isms-as-code@v1';

export function workflowText(): string {
  return `# isms-as-code: checks the ISMS on every pull request and push, and opens one
# review-reminder issue per policy that is due, every Monday.
name: ISMS

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "30 6 * * 1"   # Mondays 06:30 UTC: review reminders
  workflow_dispatch:

permissions:
  contents: read

jobs:
  check:
    if: github.event_name != 'schedule'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write   # review comments on the changed lines
      issues: write          # the summary comment on the pull request
    steps:
      - uses: actions/checkout@v4
      - uses: ${ACTION_REF}

  remind:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write          # one reminder issue per due policy
    steps:
      - uses: actions/checkout@v4
      - uses: ${ACTION_REF}
        with:
          mode: remind
`;
}
