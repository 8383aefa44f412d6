/**
 * The README's rule reference, generated from the rule modules so the two cannot
 * drift apart (tests/readme.test.ts compares; `npm run docs` rewrites).
 */
import { rules } from '../rules/index.js';

export function rulesMarkdown(): string {
  const lines: string[] = ['| rule | default | reports when |', '|---|---|---|'];
  for (const rule of rules) {
    lines.push(`| [\`${rule.id}\`](#${rule.id}) | ${rule.defaultSeverity} | ${rule.summary.replace(/\|/g, '\\|')} |`);
  }
  for (const rule of rules) {
    lines.push('', `### ${rule.id}`, '', `**${rule.defaultSeverity}** · ${rule.summary}`, '', rule.docs);
    const bad = rule.examples.notOk[0];
    if (bad) {
      const shown = bad.text.length > 600 ? `${bad.text.slice(0, 300)}\n...\n` : bad.text;
      const path = bad.path ?? 'policies/example.md';
      const language = /\.ya?ml$/.test(path) ? 'yaml' : 'markdown';
      lines.push('', `Example (${bad.name}), \`${path}\`:`, '', `\`\`\`${language}`, shown.trimEnd(), '```');
      if (bad.expected?.length) {
        lines.push('', 'reports', '', '```text', ...bad.expected.map((entry) => `${/^[^\d-]/.test(entry) ? '' : `${bad.path ?? 'policies/example.md'}:`}${entry} …  ${rule.id}`), '```');
      }
    }
  }
  return lines.join('\n');
}
