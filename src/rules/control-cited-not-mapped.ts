/**
 * control-cited-not-mapped: the text cites an Annex A control (`(A.5.16)`,
 * `Controls A.7.1 – A.7.14`) that the front matter does not map. The mapping is
 * what coverage and the Statement of Applicability count, so a control the
 * document says it implements but does not map is the commonest traceability
 * slip: the auditor reads the text, the checker reads the mapping. One finding
 * per citation, at the citation, naming the ids that are not mapped (ranges
 * expanded, long runs folded). A 2013 id in the text gets its 2022 successors.
 */
import { controls, legacyControls, readControlId, type Edition } from '../catalog/index.js';
import { UNMAPPED_TYPES, type PolicyType } from '../model/policy.js';
import { formatIds } from './suggest.js';
import type { FileRule } from './types.js';

export const controlCitedNotMapped: FileRule = {
  id: 'control-cited-not-mapped',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: 'The body cites an Annex A control that `iso27001.controls` does not map, or cites a 2013 id (named with its 2022 successors).',
  docs: [
    'The text of a policy says which controls it implements (`## Identity management (A.5.16)`, `Controls A.7.1 – A.7.14 apply`); coverage, the SoA and the report count only what the front matter maps. Add the cited ids to `iso27001.controls`, or change the text if the document does not implement them.',
    '',
    '- Citations are `A.` ids in the text a reader sees: headings, paragraphs, lists, tables and link text; not code spans, code blocks, HTML comments or link destinations. `Appendix A.1.2`, `Section A.2` and `Table A.1` are a document\'s own numbering, not controls; ids without `A.` are not read in prose (they look like clause numbers).',
    '- A range is expanded in catalog order: `A.7.1–A.7.14`, `A.7.1 - A.7.14`, `A.7.1 to A.7.14`, `A.7.1 through 7.14` (en dash, em dash or hyphen). Ids joined by `,`, `;`, `/`, `&`, `and` or `or` are one citation: one finding names all its unmapped ids, and a run of three or more is folded (`A.7.5`–`A.7.14`).',
    '- A 2013 id cited in the text (`A.9.2.3`, or the objective `A.9.1`) is named with its 2022 successor(s): cite those (and map them). When the front matter maps the same 2013 id, `control-legacy` reports it there and the citation is not reported again. Ids are read in the document\'s edition (`edition` in `.isms.yml`, `iso27001.edition`, or plainly 2013 ids).',
    '- A control the Statement of Applicability marks not applicable is rightly not mapped (`Cabling security (A.7.12) is excluded in the SoA`): not reported. Ids that are no control of either edition are not reported either (prose uses `A.` numbering for other things).',
    '- Records, registers, forms and templates need no mapping, and a document with a `parent` and no controls of its own leans on its parent\'s: neither is checked.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'citations the front matter maps, and ids in code',
        text: '---\nid: POL-AC-001\niso27001:\n  controls: [A.5.15, A.5.16, A.8.2]\n---\n# Access control\n\n## Identity management (A.5.16)\n\nAccess rules (A.5.15) and privileged access (A.8.2). Write `A.5.18` in `controls` to map provisioning; see Appendix A.1.2.\n\n```yaml\ncontrols: [A.5.18]\n```\n',
      },
      {
        name: 'a control the SoA excludes, cited as excluded',
        files: { 'soa.yml': 'controls:\n  A.7.12: { applicable: false, justification: "The landlord owns the cabling." }\n' },
        text: '---\nid: POL-PHY-001\niso27001:\n  controls: [A.7.11]\n---\n# Physical security\n\nCabling security (A.7.12) is excluded in the Statement of Applicability.\n',
      },
      {
        name: 'a register needs no mapping',
        text: '---\nid: REG-AST-001\ntype: register\n---\n# Asset register\n\n| Asset | Control |\n|---|---|\n| Laptops | A.5.9 |\n',
      },
    ],
    notOk: [
      {
        name: 'a control cited in a heading that the front matter does not map',
        text: '---\nid: POL-AC-001\niso27001:\n  controls: [A.5.15]\n---\n# Access control\n\n## Identity management (A.5.16)\n',
        expected: ['8:25 Cites `A.5.16` (Identity management), which `iso27001.controls` does not map'],
      },
      {
        name: 'a range, folded',
        text: '---\nid: POL-PHY-001\niso27001:\n  controls: [A.7.1, A.7.2, A.7.4]\n---\n# Physical security\n\nControls A.7.1 – A.7.14 apply to every office.\n',
        expected: ['8:10 Cites `A.7.1`–`A.7.14`; not mapped in `iso27001.controls`: `A.7.3`, `A.7.5`–`A.7.14` (11 controls)'],
      },
      {
        name: 'a list of ids is one citation',
        text: '---\nid: POL-AC-001\niso27001:\n  controls: [A.5.15]\n---\n# Access control\n\nAccess is granted by role (A.5.15, A.5.18 and A.8.3).\n',
        expected: ['8:28 Cites `A.5.15`, `A.5.18` and `A.8.3`; not mapped in `iso27001.controls`: `A.5.18`, `A.8.3` (2 controls)'],
      },
      {
        name: 'a 2013 id in the text',
        text: '---\nid: POL-AC-001\niso27001:\n  controls: [A.8.2]\n---\n# Access control\n\nPrivileged access is restricted (A.9.2.3).\n',
        expected: ['8:34 Cites `A.9.2.3`, an ISO 27001:2013 id (Management of privileged access rights): in ISO 27001:2022 it is `A.8.2` (mapped); cite the 2022 id'],
      },
    ],
  },
  check({ body, policy, soa, report }) {
    if (body.citations.length === 0) return;
    if (UNMAPPED_TYPES.includes(policy.type as PolicyType)) return;
    const mapping = policy.mapping;
    if (mapping.controls.length === 0 && policy.document.parent !== null) return;
    const mapped = new Set<string>(mapping.counted.controls);
    /** What the front matter wrote, as written and as 2013 ids, so a 2013 mapping is control-legacy's to report. */
    const written = new Set<string>();
    for (const { id, reading } of mapping.controls) {
      written.add(id);
      if (reading.kind === 'legacy') written.add(reading.id2013);
      if (reading.kind === 'legacy-objective') written.add(reading.objective);
    }
    for (const citation of body.citations) {
      const cited = citedIds(citation.text, mapping.edition);
      // A control the SoA excludes is rightly not mapped (mapping it is control-excluded-but-mapped): text may say so.
      const unmapped = cited.current.filter((id) => !mapped.has(id) && soa?.decisions.get(id)?.applicable !== false);
      const legacy = cited.legacy.filter((entry) => !written.has(entry.id));
      if (unmapped.length === 0 && legacy.length === 0) continue;
      const parts: string[] = [];
      if (unmapped.length > 0) {
        const single = cited.current.length === 1 && cited.legacy.length === 0;
        parts.push(
          single
            ? `Cites \`${unmapped[0]}\` (${titleOf(unmapped[0]!)}), which \`iso27001.controls\` does not map: add it there, or change the text if this document does not implement it`
            : `Cites ${citedText(citation.text)}; not mapped in \`iso27001.controls\`: ${fold(unmapped)} (${unmapped.length} control${unmapped.length === 1 ? '' : 's'}): add them there, or change the text if this document does not implement them`,
        );
      }
      for (const entry of legacy) {
        const successors = entry.successors.map((id) => `\`${id}\`${mapped.has(id) ? ' (mapped)' : ''}`).join(', ');
        const also = entry.successors.some((id) => !mapped.has(id)) ? ' and map it in `iso27001.controls`' : '';
        parts.push(
          `Cites \`${entry.id}\`, an ISO 27001:2013 id (${entry.title}): in ISO 27001:2022 it is ${successors}; cite the 2022 id${entry.successors.length > 1 ? 's that apply' : ''}${also}`,
        );
      }
      report(parts.join('. '), citation);
    }
  },
};

interface LegacyCitation {
  id: string;
  title: string;
  successors: readonly string[];
}

const ID = /(A\.)?(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)/g;
const RANGE_BETWEEN = /^[ \t\n]*(?:[-\u2013\u2014]|to|through)[ \t\n]*$/;
const controlIndex = new Map(controls.map((control, index) => [control.id, index]));
const legacyIndex = new Map(legacyControls.map((control, index) => [control.id, index]));

/** The ids a citation names, in order, each once: 2022 controls (ranges expanded) and 2013 ids with their successors. */
function citedIds(text: string, edition: Edition): { current: string[]; legacy: LegacyCitation[] } {
  const current: string[] = [];
  const legacy: LegacyCitation[] = [];
  const seen = new Set<string>();
  const addCurrent = (id: string) => {
    if (!seen.has(id)) current.push(id);
    seen.add(id);
  };
  const matches = [...text.matchAll(ID)];
  for (let index = 0; index < matches.length; index++) {
    const start = `A.${matches[index]![2]!}`;
    const next = matches[index + 1];
    const between = next ? text.slice(matches[index]!.index + matches[index]![0].length, next.index) : '';
    if (next && RANGE_BETWEEN.test(between)) {
      const end = `A.${next[2]!}`;
      const expanded = expandRange(start, end);
      if (expanded) {
        for (const id of expanded.current) addCurrent(id);
        for (const id of expanded.legacy) addLegacy(id, edition, legacy, seen);
        index++;
        continue;
      }
    }
    const reading = readControlId(start, { edition });
    if (reading.kind === 'control' || reading.kind === 'loose') addCurrent(reading.id);
    else addLegacy(start, edition, legacy, seen);
  }
  return { current, legacy };
}

function addLegacy(id: string, edition: Edition, into: LegacyCitation[], seen: Set<string>): void {
  if (seen.has(id)) return;
  seen.add(id);
  const reading = readControlId(id, { edition });
  if (reading.kind === 'legacy') into.push({ id, title: reading.title, successors: reading.successors });
  else if (reading.kind === 'legacy-objective') {
    const [first, last] = [reading.controls2013[0], reading.controls2013[reading.controls2013.length - 1]];
    into.push({ id, title: `the objective of \`${first}\`–\`${last}\``, successors: reading.successors });
  }
  // Anything else is no control of either edition: prose numbering, not reported.
}

/** A range of one edition's controls in catalog order, or undefined when the ends are not two controls of one edition in order. */
function expandRange(start: string, end: string): { current: string[]; legacy: string[] } | undefined {
  const from = controlIndex.get(start);
  const to = controlIndex.get(end);
  // A 2022 range: both ends are 2022 ids (an end that is also a 2013 objective is read as 2022 here: a 2013 range has three numbers).
  if (from !== undefined && to !== undefined && from <= to) return { current: controls.slice(from, to + 1).map((control) => control.id), legacy: [] };
  const legacyFrom = legacyIndex.get(start);
  const legacyTo = legacyIndex.get(end);
  if (legacyFrom !== undefined && legacyTo !== undefined && legacyFrom <= legacyTo) {
    return { current: [], legacy: legacyControls.slice(legacyFrom, legacyTo + 1).map((control) => control.id) };
  }
  return undefined;
}

function titleOf(id: string): string {
  return controls[controlIndex.get(id)!]?.title ?? '';
}

/** The citation as written, its ids in code: `A.7.1`–`A.7.14`, `A.5.15`, `A.8.3` and `A.8.5`. */
function citedText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(ID, (id) => `\`${id}\``)
    .replace(/` ?[-\u2013\u2014] ?`/g, '`–`');
}

/** Ids in catalog order folded into runs: three or more neighbours read `A.7.5`–`A.7.14`; at most 12 pieces shown. */
function fold(ids: readonly string[]): string {
  const pieces: string[] = [];
  for (let start = 0; start < ids.length; ) {
    let end = start;
    while (end + 1 < ids.length && controlIndex.get(ids[end + 1]!) === controlIndex.get(ids[end]!)! + 1) end++;
    pieces.push(end - start >= 2 ? `\`${ids[start]}\`–\`${ids[end]}\`` : formatIds(ids.slice(start, end + 1)));
    start = end + 1;
  }
  const shown = pieces.slice(0, 12).join(', ');
  return pieces.length > 12 ? `${shown} and ${pieces.length - 12} more` : shown;
}
