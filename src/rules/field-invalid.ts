/**
 * field-invalid: a field has the wrong type or a value outside its set. Dates
 * (date-invalid) and owner references (owner-invalid) have rules of their own.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { editionOf } from '../catalog/edition.js';
import { cadenceExpectation, formatDate, readDuration } from '../model/dates.js';
import { POLICY_STATUSES, POLICY_TYPES, reviewFacts } from '../model/policy.js';
import { nearest } from '../model/nearest.js';
import { checkDocumentFields } from './document-fields.js';
import { ID_PATTERN, show, typeName } from './fields.js';
import type { FileContext, FileRule } from './types.js';

function checkEnum(context: FileContext, field: string, allowed: readonly string[]): void {
  const value = context.frontMatter.data[field];
  if (value === undefined) return;
  const position = context.frontMatter.valuePosition([field]);
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
    context.report(
      `Unexpected \`${field}\` ${show(value)}, expected ${allowed.map((item) => `\`${item}\``).join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      position,
    );
  }
}

/** A list of text items (a lone text item is accepted too when `single` is true). */
function checkTextList(context: FileContext, path: string[], single: boolean, example: string): void {
  const { frontMatter, report } = context;
  const node = frontMatter.node(path);
  if (node === undefined || node === null) return;
  const name = path.join('.');
  if (isScalar(node)) {
    if (!single) {
      report(`Unexpected ${typeName(node.value)} for \`${name}\`, expected a list such as ${example}`, frontMatter.nodePosition(node));
    } else if (typeof node.value !== 'string' && typeof node.value !== 'number') {
      report(`Unexpected ${typeName(node.value)} for \`${name}\`, expected text or a list such as ${example}`, frontMatter.nodePosition(node));
    }
    return;
  }
  if (!isSeq(node)) {
    report(`Unexpected a mapping for \`${name}\`, expected a list such as ${example}`, frontMatter.nodePosition(node));
    return;
  }
  for (const entry of node.items) {
    const item = frontMatter.resolve(entry as Node | null);
    if (!isScalar(item) || (typeof item.value !== 'string' && typeof item.value !== 'number') || String(item.value).trim() === '') {
      const value = isScalar(item) ? item.value : (item as { toJSON?: () => unknown } | null)?.toJSON?.();
      report(`Unexpected ${typeName(value)} in \`${name}\`, expected text items such as ${example}`, frontMatter.nodePosition(entry as Node | null));
    }
  }
}

export const fieldInvalid: FileRule = {
  id: 'field-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A field has the wrong type or value (empty title, unknown status, bad id format, bad duration).',
  docs: [
    '- `id`: capitals, digits and hyphens with at least one hyphen, e.g. `POL-AC-001`.',
    '- `title`: non-empty text. `version`: text or a number.',
    '- `type`: `policy`, `procedure`, `standard`, `guideline`, `plan`, `record`, `register`, `form` or `template`. `status`: `draft`, `review`, `approved` or `retired`.',
    '- `review_every`: `N days`, `N weeks`, `N months`, `N years` or ISO 8601 (`P1Y`, `P6M`, `P90D`), from one day to 10 years (a longer cadence would let an approved document go unreviewed for good).',
    '- `owners`, `evidence`, `iso27001.clauses`, `iso27001.controls` and each list in `maps_to`: lists of text.',
    '- `iso27001.edition`: `2013` or `2022`, the edition the document\'s ids are written in (default: `.isms.yml` `edition`, else 2022).',
    '- `iso27001` and `maps_to`: mappings. `evidence` entries: repo-relative paths or `https://` URLs.',
    '- Document control: `classification`, `author` and `parent` (one document id): one text value each. `audience` (or its alias `distribution`, not both), `supersedes` and `related` (document ids): text or a list of text.',
    '- `history`: a list of entries, each with `version`, `date` and `summary`, and optionally `author` and `approver`.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'well-typed fields',
        text: '---\nid: POL-AC-001\ntitle: Access Control Policy\ntype: procedure\nstatus: review\nversion: 1.2\nreview_every: P6M\niso27001:\n  clauses: [5.2, "9.2.1"]\n  controls: [A.5.15]\nmaps_to:\n  nist-csf-2.0: [PR.AA-01]\nevidence: [records/access-review.md, "https://example.com/x"]\n---\n',
      },
      {
        name: 'document-control fields',
        text: '---\nid: PRC-AC-002\ntype: guideline\nclassification: Internal\neffective_date: 2026-02-01\ndistribution: All staff\nauthor: Jane Doe\nsupersedes: ISP-2019\nrelated: [POL-AC-001]\nparent: POL-AC-001\nhistory:\n  - { version: 0.9, date: 2025-12-01, author: Jane Doe, summary: Draft }\n  - { version: "1.0", date: 2026-01-15, approver: "@ciso", summary: First issue }\n---\n',
        files: { 'policies/parent.md': '---\nid: POL-AC-001\n---\n' },
      },
    ],
    notOk: [
      { name: 'a lower-case id', text: '---\nid: pol-ac-1\n---\n', expected: ['2:5 `pol-ac-1`'] },
      { name: 'an empty title', text: '---\ntitle: ""\n---\n', expected: ['2:8 empty'] },
      { name: 'an unknown status', text: '---\nstatus: aproved\n---\n', expected: ['2:9 did you mean `approved`'] },
      { name: 'a cadence without a unit', text: '---\nreview_every: 12\n---\n', expected: ['2:15 `12`'] },
      { name: 'a cadence longer than 10 years', text: '---\nreview_every: 999999999999 years\n---\n', expected: ['2:15 expected a cadence of at most 10 years'] },
      { name: 'an unknown edition', text: '---\niso27001:\n  edition: 2017\n---\n', expected: ['3:12 Unexpected `iso27001.edition` `2017`, expected `2013` or `2022`'] },
      { name: 'controls as text', text: '---\niso27001:\n  controls: A.5.15\n---\n', expected: ['3:13 expected a list'] },
      { name: 'a mapping in a list', text: '---\nevidence:\n  - path: x.md\n---\n', expected: ['3:5 Unexpected a mapping in `evidence`'] },
      { name: 'an http evidence link', text: '---\nevidence: ["http://example.com/x"]\n---\n', expected: ['2:12 https://'] },
      { name: 'both audience and distribution', text: '---\naudience: [All staff]\ndistribution: [IT]\n---\n', expected: ['3:1 Unexpected both `audience` and `distribution`'] },
      { name: 'two parents', text: '---\nparent: [POL-IS-001, POL-AC-001]\n---\n', expected: ['2:9 Unexpected a list for `parent`, expected one value'] },
      {
        name: 'a history entry with its summary under another name',
        text: '---\nhistory:\n  - version: "1.0"\n    date: 2026-01-15\n    description: First issue\n---\n',
        expected: ['5:5 Unexpected key `description` in `history` entry 1, expected `summary`'],
      },
      { name: 'a history entry that is text', text: '---\nhistory:\n  - 1.0 2026-01-15 First issue\n---\n', expected: ['3:5 expected a mapping with version, date and summary'] },
    ],
  },
  check(context) {
    const { frontMatter, report } = context;
    const data = frontMatter.data;
    if (data.id !== undefined && (typeof data.id !== 'string' || !ID_PATTERN.test(data.id))) {
      report(`Unexpected \`id\` ${show(data.id)}, expected capitals, digits and hyphens such as \`POL-AC-001\``, frontMatter.valuePosition(['id']));
    }
    if (data.title !== undefined && (typeof data.title !== 'string' || data.title.trim() === '')) {
      report(
        typeof data.title === 'string' || data.title === null
          ? 'Unexpected empty `title`: name the document'
          : `Unexpected ${typeName(data.title)} for \`title\`, expected text`,
        frontMatter.valuePosition(['title']),
      );
    }
    checkEnum(context, 'type', POLICY_TYPES);
    checkEnum(context, 'status', POLICY_STATUSES);
    if (data.version !== undefined && typeof data.version !== 'string' && typeof data.version !== 'number') {
      report(`Unexpected ${typeName(data.version)} for \`version\`, expected text or a number such as "1.2"`, frontMatter.valuePosition(['version']));
    }
    if (data.review_every !== undefined) {
      const reading = typeof data.review_every === 'string' ? readDuration(data.review_every) : undefined;
      if (!reading?.ok) {
        report(
          `Unexpected \`review_every\` ${show(data.review_every)}, expected ${cadenceExpectation(reading?.problem ?? 'syntax')}`,
          frontMatter.valuePosition(['review_every']),
        );
      }
    }
    const review = reviewFacts(data, context.config);
    if (review.beyondCalendar) {
      // Only reachable with a last_reviewed near year 9999, but a due date must never be made up.
      const field = data.review_every !== undefined ? 'review_every' : 'last_reviewed';
      report(
        `Unexpected \`${field}\`: ${formatDate(review.lastReviewed!)} + ${review.reviewEvery.text} is after 9999-12-31, the last date a review can fall due; set \`last_reviewed\` to the day of the last review`,
        frontMatter.valuePosition([field]),
      );
    }
    if (data.approver !== undefined && typeof data.approver !== 'string') {
      report(`Unexpected ${typeName(data.approver)} for \`approver\`, expected one reference such as "@alice"`, frontMatter.valuePosition(['approver']));
    }
    checkTextList(context, ['owners'], true, '["@alice", "@org/security"]');
    if (data.owner !== undefined && typeof data.owner !== 'string') {
      report(`Unexpected ${typeName(data.owner)} for \`owner\`, expected one reference such as "@alice" (use \`owners\` for a list)`, frontMatter.valuePosition(['owner']));
    }
    const iso = frontMatter.node(['iso27001']);
    if (iso !== undefined && iso !== null && !isMap(iso)) {
      report(`Unexpected ${typeName(data.iso27001)} for \`iso27001\`, expected a mapping with \`clauses\` and \`controls\` lists`, frontMatter.nodePosition(iso));
    } else {
      checkTextList(context, ['iso27001', 'clauses'], false, '["6.1.2", "9.2"]');
      checkTextList(context, ['iso27001', 'controls'], false, '[A.5.15, A.8.2]');
      const edition = frontMatter.node(['iso27001', 'edition']);
      if (edition !== undefined && editionOf(isScalar(edition) ? edition.value : undefined) === undefined) {
        report(`Unexpected \`iso27001.edition\` ${show(isScalar(edition) ? edition.value : (edition as { toJSON?: () => unknown } | null)?.toJSON?.())}, expected \`2013\` or \`2022\` (the ISO/IEC 27001 edition this document's ids are written in)`, frontMatter.nodePosition(edition));
      }
    }
    const mapsTo = frontMatter.node(['maps_to']);
    if (mapsTo !== undefined && mapsTo !== null && !isMap(mapsTo)) {
      report(`Unexpected ${typeName(data.maps_to)} for \`maps_to\`, expected a mapping such as \`nist-csf-2.0: [PR.AA-01]\``, frontMatter.nodePosition(mapsTo));
    } else if (isMap(mapsTo)) {
      for (const pair of mapsTo.items) {
        if (isScalar(pair.key)) checkTextList(context, ['maps_to', String(pair.key.value)], false, '[PR.AA-01]');
      }
    }
    checkTextList(context, ['evidence'], true, '[records/access-review-2026.md]');
    checkDocumentFields(context);
    for (const item of frontMatter.items(['evidence'])) {
      if (typeof item.value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(item.value) && !item.value.startsWith('https://')) {
        report(`Unexpected evidence link ${show(item.value)}, expected a repo-relative path or an \`https://\` URL`, item.position);
      }
    }
  },
};
