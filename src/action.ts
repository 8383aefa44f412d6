/**
 * The GitHub Action's run(): inputs -> dispatch by event -> outputs.
 * Filled in by the action work (issue 3).
 */
import * as core from '@actions/core';

export async function run(): Promise<void> {
  core.setFailed('isms-as-code: the action is not available in this version yet');
}
