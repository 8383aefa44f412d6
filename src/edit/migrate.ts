/**
 * One file's ISO/IEC 27001:2013 -> 2022 migration as data: the new text and
 * what changed. A policy's `iso27001.controls`, or a SoA's `controls` keys.
 */
import { planControls, type MigrationPlan } from './migrate-controls.js';
import { planSoa } from './migrate-soa.js';
import { frontMatterYaml, pairOf, wholeYaml } from './source.js';
import { applyEdits } from './text.js';

export type FileKind = 'policy' | 'soa';

export type MigrateResult = { ok: true; text: string; notes: string[] } | { ok: false; message: string };

export function migrateText(kind: FileKind, text: string): MigrateResult {
  const parsed = kind === 'soa' ? wholeYaml(text) : frontMatterYaml(text);
  if (!parsed.ok) return { ok: false, message: `${parsed.message}; fix it (isms check shows where) and run migrate again` };
  const region = parsed.region;
  if (!region) return { ok: true, text, notes: [] };
  const contents = region.doc.contents;
  let plan: MigrationPlan;
  if (kind === 'soa') {
    plan = planSoa(text, region.offset, contents);
  } else {
    const iso = pairOf(contents, 'iso27001')?.value;
    plan = planControls(text, region.offset, pairOf(iso, 'controls')?.value);
  }
  if (plan.edits.length === 0) return { ok: true, text, notes: plan.notes };
  return { ok: true, text: applyEdits(text, plan.edits), notes: plan.notes };
}
