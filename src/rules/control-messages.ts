/**
 * The messages for a control id that is written loosely or is not an Annex A
 * control, shared by front matter (control-unknown) and the SoA's keys
 * (src/parse/soa.ts), so the same id gets the same answer in both places.
 */
import { getControl, readCsfId, type CsfFramework } from '../catalog/index.js';
import { themeRangeHint } from './suggest.js';

/** Where the id was written: a document's `iso27001.controls`, or a key of the SoA's `controls:`. */
export type ControlPlace = 'document' | 'soa';

/** A 2022 control written loosely (`A 5.15`, `5.15`): the fix is certain. */
export function looseControlMessage(written: string, id: string): string {
  return `Unexpected \`${written}\`, expected \`${id}\` (${getControl(id)?.title ?? ''}): the same control written exactly; \`isms migrate\` rewrites it`;
}

/**
 * An id that is no Annex A 2022 control. A NIST CSF subcategory (`PR.AC-4`) says
 * where it belongs; an id past the end of a theme names the theme's range;
 * `nearest` is given only when the text named a control by its exact title.
 * Never a near number: that is a different control.
 */
export function unknownControlMessage(written: string, nearest: string | undefined, place: ControlPlace): string {
  const base = `Unexpected control \`${written}\` (not in ISO/IEC 27001:2022 Annex A)`;
  const csf = csfIdOf(written);
  if (csf) {
    const mapping = `\`maps_to: { ${csf.framework}: [${csf.id}] }\``;
    const kind = csf.framework === 'nist-csf-1.1' ? 'NIST CSF 1.1' : 'NIST CSF 2.0';
    return place === 'document'
      ? `${base}: \`${written}\` is a ${kind} subcategory id; list it under ${mapping} instead of \`iso27001.controls\``
      : `${base}: \`${written}\` is a ${kind} subcategory id, and the SoA decides Annex A controls only; remove it (a policy maps to it with ${mapping})`;
  }
  if (nearest) return `${base}, expected \`${nearest}\` (${getControl(nearest)?.title ?? ''})`;
  const range = themeRangeHint(written);
  return range ? `${base}: ${range}` : base;
}

/**
 * The NIST CSF framework an id belongs to, with its exact spelling: 1.1 when it is
 * a 1.1 id (exact or loosely written, `pr.ac-4`), else 2.0 when it is a 2.0 id.
 */
export function csfIdOf(text: string): { framework: CsfFramework; id: string } | undefined {
  const reading = readCsfId(text, { framework: 'nist-csf-1.1' });
  if (reading.kind === 'subcategory' || reading.kind === 'loose') return { framework: 'nist-csf-1.1', id: reading.id };
  if (reading.kind === 'other-framework') return { framework: 'nist-csf-2.0', id: reading.id };
  return undefined;
}
