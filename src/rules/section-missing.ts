/**
 * section-missing: each heading listed in `required_sections` (`.isms.yml`)
 * appears in the body, at any level, compared without case.
 */
import type { PolicyType } from '../model/policy.js';
import type { FileRule } from './types.js';

export const sectionMissing: FileRule = {
  id: 'section-missing',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: 'A heading in `required_sections` is absent from the body.',
  docs: 'Set `required_sections: [Purpose, Scope]` in `.isms.yml` to require those headings in every document. Add a heading with that text (`## Scope`).',
  examples: {
    ok: [
      {
        name: 'both sections',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## Purpose\n\n## scope\n',
      },
    ],
    notOk: [
      {
        name: 'no Scope',
        files: { '.isms.yml': 'required_sections: [Purpose, Scope]\n' },
        text: '---\nid: POL-AC-001\n---\n# Access control\n\n## Purpose\n',
        expected: ['4:1 Missing section `Scope`'],
      },
    ],
  },
  check({ body, config, frontMatter, policy, report }) {
    const required = config.requiredSections[policy.type as PolicyType] ?? [];
    if (required.length === 0) return;
    const present = new Set(body.headings.map((heading) => normalise(heading.text)));
    // Line after the closing fence: where the body (and so the missing heading) would start.
    const bodyLine = frontMatter.positionOf(frontMatter.source.length).line + 1;
    for (const section of required) {
      if (present.has(normalise(section))) continue;
      report(`Missing section \`${section}\`: add a \`## ${section}\` heading (required by \`required_sections\`)`, { line: bodyLine, column: 1 });
    }
  },
};

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
