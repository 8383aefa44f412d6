/**
 * One file's migration to exact ISO/IEC 27001:2022 ids as data: the new text
 * and what changed. A policy's `iso27001.controls` and `iso27001.clauses` (read
 * in the document's edition), its `iso27001.edition`, or a SoA's `controls` keys.
 */
import { isScalar } from 'yaml';
import { documentEditionOf, editionOf, readControlId, type Edition } from '../catalog/index.js';
import { planClauses } from './migrate-clauses.js';
import { planControls, type MigrationPlan } from './migrate-controls.js';
import { planSoa } from './migrate-soa.js';
import { renderLike } from './scalar.js';
import { frontMatterYaml, pairOf, wholeYaml } from './source.js';
import { applyEdits, type TextEdit } from './text.js';

export type FileKind = 'policy' | 'soa';

export type MigrateResult =
  | {
      ok: true;
      text: string;
      notes: string[];
      /** The file was written in (or read as) the 2013 edition: the report names the controls new in 2022. */
      from2013: boolean;
    }
  | { ok: false; message: string };

export interface MigrateOptions {
  /** `.isms.yml` `edition`: the edition of documents that do not set `iso27001.edition`. */
  edition: Edition;
}

export function migrateText(kind: FileKind, text: string, options: MigrateOptions = { edition: 2022 }): MigrateResult {
  const parsed = kind === 'soa' ? wholeYaml(text) : frontMatterYaml(text);
  if (!parsed.ok) return { ok: false, message: `${parsed.message}; fix it (isms check shows where) and run migrate again` };
  const region = parsed.region;
  if (!region) return { ok: true, text, notes: [], from2013: false };
  const contents = region.doc.contents;
  let plan: MigrationPlan;
  let from2013 = false;
  if (kind === 'soa') {
    plan = planSoa(text, region.offset, contents);
    from2013 = plan.notes.some((note) => /^A\.\d+\.\d+\.\d+ /.test(note));
  } else {
    const iso = pairOf(contents, 'iso27001')?.value;
    const editionNode = pairOf(iso, 'edition')?.value;
    const declared = isScalar(editionNode) ? editionOf(editionNode.value) : undefined;
    const stated = declared ?? options.edition;
    const controlsNode = pairOf(iso, 'controls')?.value;
    const written = controlTexts(controlsNode, text, region.offset);
    // Ambiguous ids (`A.8.2`) are rewritten as 2013 only when the edition is declared:
    // a guess from the other ids is enough for a finding, not for changing what a document says.
    const controls = planControls(text, region.offset, controlsNode, stated);
    if (stated === 2022 && documentEditionOf(written, stated).edition === 2013) controls.notes.push(...ambiguousNotes(written));
    const clauses = planClauses(text, region.offset, pairOf(iso, 'clauses')?.value, stated);
    const edits: TextEdit[] = [...controls.edits, ...clauses.edits];
    const notes = [...controls.notes, ...clauses.notes];
    if (declared === 2013 && isScalar(editionNode) && editionNode.range) {
      // The ids are 2022 ids now: the document says so, or its ambiguous ids would still be read as 2013.
      edits.push({ start: region.offset + editionNode.range[0], end: region.offset + editionNode.range[1], text: renderLike(editionNode, '2022') });
      notes.push('iso27001.edition 2013 → 2022');
    }
    from2013 = controls.from2013 === true || clauses.edits.length > 0 || declared === 2013;
    plan = { edits, notes };
  }
  if (plan.edits.length === 0) return { ok: true, text, notes: plan.notes, from2013 };
  return { ok: true, text: applyEdits(text, plan.edits), notes: plan.notes, from2013 };
}

/** A note for each id left as written that means another control in 2013. */
function ambiguousNotes(written: readonly string[]): string[] {
  return written.flatMap((id) => {
    const reading = readControlId(id, { edition: 2013 });
    if (reading.kind !== 'legacy-objective' || !reading.ambiguous) return [];
    return [
      `${id.trim()} left as written: it is a 2022 control, but in 2013 the objective of ${reading.controls2013.join(', ')} (→ ${reading.successors.join(', ')}); this document's other ids are 2013, so check which is meant (set \`iso27001.edition: 2013\` and run migrate again to rewrite it as 2013)`,
    ];
  });
}

/** The control ids as written, a number (`5.15`) as its source text. */
function controlTexts(node: unknown, text: string, offset: number): string[] {
  const items: unknown[] = node && typeof node === 'object' && 'items' in node ? (node as { items: unknown[] }).items : [node];
  return items.flatMap((item) => {
    if (!isScalar(item)) return [];
    if (typeof item.value === 'string') return [item.value];
    if (typeof item.value === 'number' && item.range) return [text.slice(offset + item.range[0], offset + item.range[1])];
    return [];
  });
}
