/**
 * section-missing: each heading listed in `required_sections` (`.isms.yml`)
 * appears in the body, matched the way a person reads headings: at any level,
 * without case, numbering, emphasis, emoji or trailing punctuation, and a
 * combined heading (`Purpose and scope`) counts for each of its parts.
 */
import type { PolicyType } from '../model/policy.js';
import type { FileRule } from './types.js';

export const sectionMissing: FileRule = {
  id: 'section-missing',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: 'A heading in `required_sections` is absent from the body.',
  docs: [
    'Set `required_sections: [Purpose, Scope]` in `.isms.yml` to require those headings in every policy, procedure and standard (or per document type: `required_sections: { policy: [Purpose, Scope], procedure: [Purpose] }`). Add a heading with that text (`## Scope`).',
    '',
    'Headings are matched as a reader sees them, at any level:',
    '',
    '- case, emphasis and code marks, emoji and other symbols, and punctuation at either end do not count: `## **Scope**`, `## 🎯 Purpose`, `## SCOPE:` are `Scope` and `Purpose`;',
    '- numbering before the text does not count: `## 2. Purpose`, `## 1.1 Scope`, `## 2) Purpose`, `## A. Scope`, `## IV. Scope`, `## Section 3: Scope`, `## 2️⃣ Scope`;',
    '- a combined heading counts for each part: `## Purpose and scope`, `## Purpose & Scope`, `## Purpose / Scope`, `## Purpose, Scope and Objectives`; a required combined section (`Roles and responsibilities`) is there when each part is, in one heading or several;',
    '- `of this policy` (document, standard, procedure) at the end, and an id in parentheses (`## Scope (A.5.1)`), do not count;',
    '- a paragraph that is one bold line on its own (`**Purpose**`, `**2. Scope:**`), as documents exported from Word write headings, counts as a heading.',
    '',
    'A heading that only mentions the word (`## Out of scope`, `## Policy scope`) is not the section.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'both sections',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## Purpose\n\n## scope\n',
      },
      {
        name: 'numbered, emphasised and emoji headings',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope, Roles and responsibilities]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## 1. 🎯 **Purpose:**\n\n### 1.1 _Scope_ of this policy\n\n## Section 3: Roles & Responsibilities\n',
      },
      {
        name: 'a combined heading',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## 2) Purpose and scope\n',
      },
      {
        name: 'bold lines used as headings (exported from Word)',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n**1. Purpose**\n\nWhy this policy exists.\n\n__Scope:__\n\nWho it applies to.\n',
      },
    ],
    notOk: [
      {
        name: 'no Scope',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## Purpose\n',
        expected: ['4:1 Missing section `Scope`'],
      },
      {
        name: 'a heading that only mentions the word, and bold text inside a paragraph',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## Purpose\n\n## Out of scope\n\nThe **Scope** is below.\n\n- **Scope**\n',
        expected: ['4:1 Missing section `Scope`: add a `## Scope` heading'],
      },
    ],
  },
  check({ body, config, frontMatter, policy, report }) {
    const required = config.requiredSections[policy.type as PolicyType] ?? [];
    if (required.length === 0) return;
    const present = new Set<string>();
    for (const heading of [...body.headings, ...body.boldLines]) for (const part of sectionParts(heading.text)) present.add(part);
    // Line after the closing fence: where the body (and so the missing heading) would start.
    const bodyLine = frontMatter.positionOf(frontMatter.source.length).line + 1;
    for (const section of required) {
      const parts = sectionParts(section);
      if (parts.length > 0 && parts.every((part) => present.has(part))) continue;
      report(
        `Missing section \`${section}\`: add a \`## ${section}\` heading (required by \`required_sections\`; numbered, bold or combined headings such as \`## 2. ${section}\` count)`,
        { line: bodyLine, column: 1 },
      );
    }
  },
};

/** Longer heading text is no section title: only its start is read (bounds the work on hostile headings). */
const MAX_HEADING = 300;
/** Where a combined heading joins its parts: `and`, `&`, `+`, `/`, `,`, `;`, `|`. */
const JOINS = /[&+/,;|]| and /g;
/** Marks that are not words: symbols (emoji, arrows), format characters, keycap and variation selectors. */
const NOT_WORDS = /[\p{Extended_Pictographic}\p{S}\p{Cf}\u20e3\ufe0e\ufe0f*_`]/gu;
/**
 * Numbering before the text: `2.`, `1.1`, `2)`, `A.`, `IV.`, `Section 3:`, `§ 3` (a number, letter or
 * Roman numeral, then punctuation or a space). Bounded quantifiers: linear.
 */
const NUMBERING = /^(?:(?:section|chapter|part|clause|article|§)[ ]?)?(?:\d{1,3}(?:\.\d{1,3}){0,5}\.?|[a-z][.)]|[ivxlc]{1,6}[.)])(?:[ ]?[-–—:.)])?[ ]/;
/** An id or note in parentheses at the end: `Scope (A.5.1)`. */
const TRAILING_PARENTHESES = /\([^()]{0,100}\)$/;
const OF_THIS_DOCUMENT = / of (?:this|the) (?:policy|document|standard|procedure|guideline)$/;
const EDGE_PUNCTUATION = /^[\p{P} ]+|[\p{P} ]+$/gu;

/** What a heading says, as the parts a reader hears: `2. Purpose & Scope:` is `purpose` and `scope`. */
export function sectionParts(heading: string): string[] {
  const text = heading.slice(0, MAX_HEADING).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const parts: string[] = [];
  for (const piece of text.replace(NOT_WORDS, ' ').replace(/\s+/g, ' ').replace(JOINS, '|').split('|')) {
    let part = piece.trim();
    for (let again = 0; again < 2; again++) part = part.replace(NUMBERING, '').trim(); // `Section 3: 3.1 Scope`
    part = part.replace(TRAILING_PARENTHESES, '').trim().replace(OF_THIS_DOCUMENT, '').replace(EDGE_PUNCTUATION, '').trim();
    if (part !== '') parts.push(part);
  }
  return parts;
}
