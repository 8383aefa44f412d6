/**
 * The Statement of Applicability `isms init` writes: all 93 Annex A controls,
 * each undecided. Undecided is written as a commented-out entry, not as a guess:
 * an entry would be a decision (`applicable: true` is a claim an auditor reads),
 * while a commented line keeps the control listed and lets `soa-control-missing`
 * (a warning, so `isms check` still exits 0) count what is left to decide.
 */
import { controls, themes } from '../catalog/index.js';

export function soaText(organization: string | undefined, today: string): string {
  const width = Math.max(...controls.map((control) => control.id.length));
  const lines = [
    '# Statement of Applicability (ISO/IEC 27001:2022, clause 6.1.3 d)',
    `# ${organization ? `${oneLine(organization)}: s` : 'S'}tarted with \`isms init\` on ${today}.`,
    '#',
    '# Every Annex A control is listed and still undecided (commented out); `isms check` warns',
    '# (soa-control-missing) until each one is decided. To decide a control, remove the `# ` in',
    '# front of its line, then either',
    '#   - keep `applicable: true` and set `implementation: implemented | partial | planned | not-implemented`, or',
    '#   - write `applicable: false` and a `justification: "why it does not apply"`.',
    '# Map each applicable control from the policy that implements it (`iso27001.controls`);',
    '# `isms soa` prints the Statement of Applicability joined with the policies.',
    '',
    'controls:',
  ];
  for (const theme of themes) {
    lines.push(`  # ${theme} controls`);
    for (const control of controls.filter((candidate) => candidate.theme === theme)) {
      const entry = `${control.id}:`.padEnd(width + 1);
      lines.push(`  # ${entry} { applicable: true, implementation: planned }   # ${control.title}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
