/**
 * soa-justification-missing: ISO/IEC 27001 6.1.3 d) asks the SoA to justify
 * every exclusion. A control marked `applicable: false` needs a non-blank
 * `justification`. Raised by the parser (src/parse/soa.ts).
 */
import type { ParseRule } from './types.js';

export const soaJustificationMissing: ParseRule = {
  id: 'soa-justification-missing',
  scope: 'parse',
  defaultSeverity: 'error',
  summary: 'A control marked not applicable has no justification.',
  docs: 'Auditors ask why each excluded control does not apply. Add `justification: "..."` to the entry, e.g. `A.7.1: { applicable: false, justification: "Fully remote; no offices" }`, or mark the control applicable.',
  examples: {
    ok: [
      { name: 'an exclusion with its reason', path: 'soa.yml', text: 'controls:\n  A.7.1: { applicable: false, justification: "Fully remote; no offices" }\n' },
      { name: 'an applicable control (justification optional)', path: 'soa.yml', text: 'controls:\n  A.5.1: { applicable: true }\n' },
    ],
    notOk: [
      { name: 'an exclusion without a reason', path: 'soa.yml', text: 'controls:\n  A.7.1: { applicable: false }\n', expected: ['2:3 `A.7.1` is marked not applicable without a justification'] },
      { name: 'a blank justification', path: 'soa.yml', text: 'controls:\n  A.7.1:\n    applicable: false\n    justification: "  "\n', expected: ['4:20 `A.7.1`'] },
    ],
  },
};
