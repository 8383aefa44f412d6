/**
 * An existing ISMS in another house style, through the real checker: numbered,
 * bold, emoji and combined headings; controls cited in the text (ranges, lists,
 * parentheses, ids in code); blanks from other templates. A clean set gives no
 * finding at all; a set with real problems gives one finding per problem, at
 * the problem.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { sectionParts } from '../src/rules/section-missing.js';
import { makeRepo } from './support/repo.js';

const CONFIG = [
  'organization: Fernhill Analytics GmbH',
  'policies: ["isms/**/*.md"]',
  'required_sections: [Purpose, Scope, Roles and responsibilities]',
  'soa: soa.yml',
  'rules:',
  '  control-uncovered: off',
  '  clause-uncovered: off',
  '  soa-control-missing: off',
  '',
].join('\n');

const SOA = 'controls:\n  A.7.12: { applicable: false, justification: "The building cabling belongs to the landlord." }\n';

function frontMatter(id: string, title: string, controls: string, extra = ''): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'owners: ["@fh-lena"]',
    'approver: "@fh-jonas"',
    'approved_on: 2026-03-02',
    'status: approved',
    'version: "2.1"',
    'last_reviewed: 2026-03-02',
    'review_every: 12 months',
    `iso27001:\n  controls: [${controls}]`,
    ...(extra ? [extra] : []),
    '---',
    '',
  ].join('\n');
}

/** A policy with numbered headings, the way a numbered Word outline comes out. */
const numbered = (cited: string) =>
  frontMatter('FH-POL-05', 'Access Management Policy', 'A.5.15, A.5.16, A.5.18, A.8.2') +
  [
    '# Access Management Policy',
    '',
    '## 1. Purpose',
    '',
    'Why access is managed.',
    '',
    '## 1.1 Scope:',
    '',
    'All Fernhill systems.',
    '',
    '## 2) Roles & Responsibilities',
    '',
    `Access follows the role (A.5.15, A.5.18). ${cited}`,
    '',
    '### 2.1 Identity management (A.5.16)',
    '',
    'Write `A.5.17` in the ticket when a password is reset; see Appendix A.1.2 for the form.',
    '',
    '```text',
    'A.8.5 is configured in the identity provider',
    '```',
    '',
  ].join('\n');

/** A policy exported from Word: bold lines as headings, an emoji, a combined heading. */
const exported = (extraLine: string) =>
  frontMatter('FH-POL-07', 'Physical Security Policy', 'A.7.1, A.7.2, A.7.3, A.7.4, A.7.11') +
  [
    '# Physical Security Policy',
    '',
    '**🎯 Purpose and scope**',
    '',
    'Protect the office in Leipzig.',
    '',
    '**Roles, responsibilities and authorities:**',
    '',
    'Facilities runs the building. Controls A.7.1 – A.7.4 apply to every floor; cabling security (A.7.12) is excluded in the SoA.',
    '',
    extraLine,
    '',
  ].join('\n');

/** A procedure with a combined heading and a section that only mentions the word. */
const procedure = (scopeHeading: string) =>
  frontMatter('FH-PRC-02', 'Offboarding Procedure', 'A.5.11, A.6.5', 'type: procedure') +
  [
    '# Offboarding Procedure',
    '',
    '## Purpose / Objectives',
    '',
    'Leavers return assets (A.5.11) and keep their duties after they leave (A.6.5).',
    '',
    `## ${scopeHeading}`,
    '',
    'Everyone who leaves.',
    '',
    '## Roles and responsibilities',
    '',
    'HR starts the checklist.',
    '',
  ].join('\n');

async function findingsOf(files: Record<string, string>): Promise<string[]> {
  const result = await check({ root: makeRepo({ '.isms.yml': CONFIG, 'soa.yml': SOA, ...files }), today: '2026-11-24' });
  return result.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`);
}

describe('an existing ISMS in another house style', () => {
  it('a clean set gives no finding: numbered, bold, emoji and combined headings, cited controls that are mapped or excluded', async () => {
    expect(
      await findingsOf({
        'isms/access.md': numbered(''),
        'isms/physical.md': exported('Doors are locked after hours.'),
        'isms/offboarding.md': procedure('2. Scope of this procedure'),
      }),
    ).toEqual([]);
  });

  it('a set with real problems gives one finding per problem, at the problem', async () => {
    const findings = await findingsOf({
      'isms/access.md': numbered('Privileged access is reviewed quarterly (A.9.2.3, A.8.2) and logged (A.8.15).'),
      'isms/physical.md': exported('Visitors sign in at [RECEPTION_DESK] with <your visitor badge>. Controls A.7.1 to A.7.6 are audited yearly.'),
      'isms/offboarding.md': procedure('Out of scope'),
    });
    expect(findings).toEqual([
      expect.stringMatching(
        /^isms\/access\.md:26:84 warning control-cited-not-mapped Cites `A\.9\.2\.3`, an ISO 27001:2013 id \(Management of privileged access rights\): in ISO 27001:2022 it is `A\.8\.2` \(mapped\); cite the 2022 id$/,
      ),
      expect.stringMatching(/^isms\/access\.md:26:112 warning control-cited-not-mapped Cites `A\.8\.15` \(Logging\), which `iso27001\.controls` does not map/),
      expect.stringMatching(/^isms\/offboarding\.md:15:1 warning section-missing Missing section `Scope`: add a `## Scope` heading/),
      'isms/physical.md:24:21 error placeholder-left Unfilled placeholder `[RECEPTION_DESK]` in an approved document: replace it with the real text, or set `status: draft` until it is written',
      'isms/physical.md:24:43 error placeholder-left Unfilled placeholder `<your visitor badge>` in an approved document: replace it with the real text, or set `status: draft` until it is written',
      expect.stringMatching(
        /^isms\/physical\.md:24:74 warning control-cited-not-mapped Cites `A\.7\.1` to `A\.7\.6`; not mapped in `iso27001\.controls`: `A\.7\.5`, `A\.7\.6` \(2 controls\)/,
      ),
    ]);
  });
});

describe('headings as a reader hears them', () => {
  it.each([
    ['2. Purpose', ['purpose']],
    ['1.1 Scope', ['scope']],
    ['2) Purpose', ['purpose']],
    ['A. Scope', ['scope']],
    ['IV. Scope', ['scope']],
    ['Section 3: Scope', ['scope']],
    ['2\uFE0F\u20E3 Scope', ['scope']],
    ['🎯 **Purpose**:', ['purpose']],
    ['_Scope_ of this policy', ['scope']],
    ['PURPOSE & SCOPE', ['purpose', 'scope']],
    ['Purpose / Scope', ['purpose', 'scope']],
    ['Purpose, Scope and Objectives', ['purpose', 'scope', 'objectives']],
    ['Scope (A.5.1)', ['scope']],
    ['Out of scope', ['out of scope']],
    ['Policy scope', ['policy scope']],
  ])('%s', (heading, parts) => {
    expect(sectionParts(heading)).toEqual(parts);
  });
});
