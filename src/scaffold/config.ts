/** The `.isms.yml` that `isms init` writes: the defaults, spelled out so they can be changed. */
export function configText(organization: string | undefined): string {
  const lines = [
    '# isms-as-code configuration (every key is optional; see the README).',
    organization ? `organization: ${JSON.stringify(organization.replace(/\s+/g, ' ').trim())}` : '# organization: "Your Company Ltd"',
    'policies: ["policies/**/*.md"]',
    'review_every: 12 months',
    'remind_within_days: 30',
    'required_sections: [Purpose, Scope]',
    'soa: soa.yml',
    '# Roles that documents may name as owners or approver, and who holds them:',
    '# roles: { CISO: ["@maria", "ciso@example.org"], ISMS Owner: ["@your-org/security"] }',
    '# edition: 2022   # the ISO/IEC 27001 edition ids are written in (2013 until `isms migrate`)',
    '# Per-rule severities: error | warning | off',
    '# rules: { section-missing: error }',
  ];
  return `${lines.join('\n')}\n`;
}
