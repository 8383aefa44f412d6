/**
 * The coverage picture for the job summary and the PR comment: one row of emoji
 * per Annex A theme (93 cells, in groups of five so a cell can be counted to),
 * the counts, and the ids that need attention. GitHub Markdown; nothing from a
 * policy appears in it, and what could (ids) is escaped anyway.
 */
import type { CheckResult } from '../check.js';
import { inlineCode } from '../format/markdown-escape.js';
import type { ControlState } from '../model/coverage.js';
import { buildSoaView, rowsByTheme } from './model.js';

/** Undecided is the purple square: it is not red (nothing is missing yet) and not white (nothing is excluded). */
export const COVERAGE_EMOJI: Record<ControlState, string> = {
  covered: '🟩',
  'overdue-only': '🟨',
  'draft-only': '🟦',
  uncovered: '🟥',
  excluded: '⬜',
  undecided: '🟪',
};

/** At most this many ids are listed per line; the rest are counted. */
const MAX_IDS = 25;

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_IDS).map((id) => inlineCode(id, { table: false })).join(', ');
  return ids.length > MAX_IDS ? `${shown} and ${ids.length - MAX_IDS} more` : shown;
}

export function coverageMarkdown(result: CheckResult): string {
  const view = buildSoaView(result);
  const { counts } = view.coverage;
  const lines: string[] = ['### Annex A coverage', ''];
  const legend = [
    `${COVERAGE_EMOJI.covered} ${counts.covered} covered`,
    `${COVERAGE_EMOJI['overdue-only']} ${counts.overdueOnly} only by overdue policies`,
    `${COVERAGE_EMOJI['draft-only']} ${counts.draftOnly} only by drafts`,
    `${COVERAGE_EMOJI.uncovered} ${counts.uncovered} ${view.soaFile ? 'not covered' : 'not mapped'}`,
    `${COVERAGE_EMOJI.excluded} ${counts.excluded} not applicable`,
    ...(view.soaFile ? [`${COVERAGE_EMOJI.undecided} ${counts.undecided} undecided`] : []),
  ];
  lines.push(`${legend.join(' · ')} · of ${counts.controls} controls`);
  lines.push('', '| Theme | Controls (in order, groups of 5) |', '| --- | --- |');
  for (const group of rowsByTheme(view.rows)) {
    const cells = group.rows.map((row) => COVERAGE_EMOJI[row.state]);
    const grouped: string[] = [];
    for (let start = 0; start < cells.length; start += 5) grouped.push(cells.slice(start, start + 5).join(''));
    lines.push(`| ${group.section} ${group.theme} (${group.rows.length}) | ${grouped.join(' ')} |`);
  }
  lines.push('');
  const ids = (state: ControlState) => view.coverage.controls.filter((entry) => entry.state === state).map((entry) => entry.id);
  const uncovered = ids('uncovered');
  const overdue = ids('overdue-only');
  const drafts = ids('draft-only');
  const undecided = ids('undecided');
  const clausesMissing = view.coverage.clauses.filter((entry) => entry.requiresDocument && !entry.covered).map((entry) => entry.id);
  if (uncovered.length > 0) lines.push(`- ${view.soaFile ? 'Not covered' : 'Not mapped by any policy'}: ${idList(uncovered)}`);
  if (overdue.length > 0) lines.push(`- Covered only by overdue policies: ${idList(overdue)}`);
  if (drafts.length > 0) lines.push(`- Only by drafts (not in force until approved): ${idList(drafts)}`);
  if (undecided.length > 0) lines.push(`- Undecided in the SoA (not counted as applicable): ${idList(undecided)}`);
  const clausesDraftOnly = clausesMissing.filter((id) => view.coverage.clauses.find((entry) => entry.id === id)?.state === 'draft-only');
  const missing = clausesMissing.filter((id) => !clausesDraftOnly.includes(id));
  lines.push(
    `- Clauses requiring documented information: ${counts.requiredClausesCovered}/${counts.requiredClauses} mapped${clausesDraftOnly.length > 0 ? `; only by drafts ${idList(clausesDraftOnly)}` : ''}${missing.length > 0 ? `; missing ${idList(missing)}` : ''}`,
  );
  if (!view.soaFile) lines.push('- No SoA file: no control is decided; the grid shows which controls policies map, out of all 93.');
  return `${lines.join('\n')}\n`;
}
