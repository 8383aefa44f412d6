/**
 * Plans the rewrite of one `iso27001.clauses` list from ISO/IEC 27001:2013
 * numbering to 2022, as text edits at the YAML nodes' ranges (quoting, order
 * and comments stay): 2013 10.1 and 10.2 swap, items of the split 9.2 and 9.3
 * go to their new sub-clauses (`9.2 c` -> `9.2.2`), and a lettered item of a
 * renumbered clause keeps its letter and the way it was written (`10.1(a)` ->
 * `10.2(a)`). Used only for documents written in the 2013 edition: a 2022
 * document's `10.1` is 2022 10.1.
 */
import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { readClauseId, type Edition } from '../catalog/index.js';
import { renumbered } from '../model/mapping.js';
import type { MigrationPlan } from './migrate-controls.js';
import { renderLike } from './scalar.js';
import type { TextEdit } from './text.js';

const ARROW = '→';

export function planClauses(text: string, offset: number, node: Node | null | undefined, edition: Edition): MigrationPlan {
  if (edition !== 2013) return { edits: [], notes: [] };
  const nodes: unknown[] = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
  const edits: TextEdit[] = [];
  const notes: string[] = [];
  for (const child of nodes) {
    if (!isScalar(child) || !child.range) continue;
    const scalar = child as Scalar;
    const written = typeof scalar.value === 'string' ? scalar.value.trim() : typeof scalar.value === 'number' ? text.slice(offset + scalar.range![0], offset + scalar.range![1]).trim() : null;
    if (written === null) continue;
    const reading = readClauseId(written, { edition });
    const moved = renumbered(reading);
    if (!moved) continue;
    // An item that keeps its letter keeps its notation; a split clause's item becomes the 2022 sub-clause.
    const replacement = reading.kind === 'item' && written.startsWith(moved.from) ? `${moved.to}${written.slice(moved.from.length)}` : moved.to;
    edits.push({ start: offset + scalar.range![0], end: offset + scalar.range![1], text: renderLike(scalar, replacement) });
    notes.push(`clause ${written} ${ARROW} ${replacement} (2013 numbering)`);
  }
  return { edits, notes };
}
