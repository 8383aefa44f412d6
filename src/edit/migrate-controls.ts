/**
 * Plans the rewrite of one `iso27001.controls` list to exact ISO/IEC 27001:2022
 * ids, as text edits at the YAML nodes' ranges: flow (`[A.9.1.1, A.8.2]`) and
 * block (`- A.9.1.1`) lists, and a lone scalar. Rewritten: 2013 controls (with
 * or without `A.`), 2013 objectives (to the successors of their controls) and
 * 2022 ids written loosely (`A 5.15` -> `A.5.15`), each read in the document's
 * edition. Digits that are also a clause (`5.2`) are left for a person to
 * decide. Replacements keep each item's quoting; an id that maps to several
 * 2022 controls becomes all of them; ids that end up twice are merged (first
 * occurrence wins). Lists with nothing to rewrite are left untouched, which
 * makes a second run a no-op.
 */
import { isScalar, isSeq, Scalar, type Node, type YAMLSeq } from 'yaml';
import { readControlId, type ControlReading, type Edition } from '../catalog/index.js';
import { renderLike } from './scalar.js';
import { eolAt, lineEnd, lineStart, nextLineStart, replaceKeepingComment, type TextEdit } from './text.js';

export interface MigrationPlan {
  edits: TextEdit[];
  /** One line per change, for the user: "A.9.1.1 -> A.5.15". */
  notes: string[];
  /** Some change moved a 2013 id to 2022 (not only notation). */
  from2013?: boolean;
}

interface Item {
  node: Scalar;
  id: string;
  /** How the id is rewritten: a 2013 id or objective, or a 2022 id written loosely; null when it stays. */
  change: 'legacy' | 'objective' | 'loose' | null;
  /** The ids this item becomes (none when all are already listed). */
  kept: string[];
  /** The ids it would have become but that were already listed. */
  merged: string[];
}

const ARROW = '→';

/**
 * `node` is the value of `iso27001.controls`; `text` the whole file and `offset`
 * where the YAML starts in it.
 */
export function planControls(text: string, offset: number, node: Node | null | undefined, edition: Edition = 2022): MigrationPlan {
  if (isScalar(node)) return planLoneScalar(text, offset, node, edition);
  if (!isSeq(node)) return { edits: [], notes: [] };
  const seq = node as YAMLSeq;
  const items = resolveItems(seq, text, offset, edition);
  if (!items.some((item) => item.change)) return { edits: [], notes: [] };
  const flow = seq.flow === true;
  const edits: TextEdit[] = [];
  const notes: string[] = [];
  items.forEach((item, index) => {
    notes.push(...describe(item));
    if (!item.change && item.kept.length === 1) return;
    const [start, end] = [offset + item.node.range![0], offset + item.node.range![1]];
    if (item.kept.length === 0) {
      const into = item.change ? `${item.id}${item.change === 'loose' ? '' : ' (2013)'}, merged into ${item.merged.join(', ')}` : `${item.id}, a duplicate`;
      const edit = flow ? flowDeletion(text, offset, items, index) : blockDeletion(text, start, end, into);
      if (edit) {
        edits.push(edit);
        return;
      }
      // A line that cannot be removed cleanly keeps the item: as its 2022 id (a harmless duplicate), never a 2013 id.
      notes.pop();
      if (item.change) {
        edits.push({ start, end, text: renderLike(item.node, item.merged[0]!) });
        notes.push(`${item.id} ${ARROW} ${item.merged[0]} (listed twice now: its line also holds an anchor or tag, remove one by hand)`);
      }
      return;
    }
    const rendered = item.kept.map((id) => renderLike(item.node, id));
    if (flow) {
      edits.push({ start, end, text: rendered.join(', ') });
      return;
    }
    edits.push(replaceKeepingComment(text, start, end, rendered[0]!));
    if (rendered.length > 1) {
      const eol = eolAt(text, start);
      const prefix = itemPrefix(text, start);
      const at = lineEnd(text, start);
      edits.push({ start: at, end: at, text: rendered.slice(1).map((id) => `${eol}${prefix}${id}`).join('') });
    }
  });
  return { edits, notes, from2013: items.some((item) => item.change === 'legacy' || item.change === 'objective') };
}

/** The 2022 ids an id is rewritten to, and why; null when it stays as written. */
export function rewriteOf(reading: ControlReading): { ids: readonly string[]; change: NonNullable<Item['change']> } | null {
  switch (reading.kind) {
    case 'legacy':
      return reading.successors.length > 0 ? { ids: reading.successors, change: 'legacy' } : null;
    case 'legacy-objective':
      return reading.successors.length > 0 ? { ids: reading.successors, change: 'objective' } : null;
    case 'loose':
      // `5.2`: control A.5.2 or clause 5.2? Not ours to decide.
      return reading.alsoClause ? null : { ids: [reading.id], change: 'loose' };
    default:
      return null;
  }
}

/** An item's text as written (`5.15` is a YAML number: its source text, not the float). */
function scalarSource(node: Scalar, text: string, offset: number): string | null {
  if (typeof node.value === 'string') return node.value.trim();
  if (typeof node.value === 'number' && node.range) return text.slice(offset + node.range[0], offset + node.range[1]).trim();
  return null;
}

function resolveItems(seq: YAMLSeq, text: string, offset: number, edition: Edition): Item[] {
  const seen = new Set<string>();
  const items: Item[] = [];
  for (const child of seq.items) {
    // Aliases, maps and other oddities stay as written: control-unknown explains them.
    if (!isScalar(child) || !child.range) continue;
    const id = scalarSource(child, text, offset);
    if (id === null) continue;
    const rewrite = rewriteOf(readControlId(id, { edition }));
    const candidates = rewrite?.ids ?? [id];
    const kept = candidates.filter((candidate) => !seen.has(candidate));
    const merged = candidates.filter((candidate) => seen.has(candidate));
    for (const candidate of kept) seen.add(candidate);
    items.push({ node: child, id, change: rewrite?.change ?? null, kept, merged });
  }
  return items;
}

function describe(item: Item): string[] {
  if (!item.change) return item.kept.length === 0 ? [`removed duplicate ${item.id}`] : [];
  const all = [...item.kept, ...item.merged];
  if (item.kept.length === 0) return [`${item.id} ${ARROW} ${item.merged.join(', ')} (merged: already listed)`];
  if (all.length === 1) return [`${item.id} ${ARROW} ${item.kept[0]}${item.change === 'loose' ? ' (written exactly)' : ''}`];
  const split = item.change === 'objective' ? '2013 objective: the successors of its controls, all written; keep those the document implements' : 'split in 2022: all written';
  if (item.merged.length === 0) return [`${item.id} ${ARROW} ${item.kept.join(', ')} (${split})`];
  return [`${item.id} ${ARROW} ${item.kept.join(', ')} (split in 2022 into ${all.join(', ')}; ${item.merged.join(', ')} already listed)`];
}

/** `controls: A.18.2.3` -> `controls: [A.5.36, A.8.8]` (a lone id stays a lone id). */
function planLoneScalar(text: string, offset: number, node: Scalar, edition: Edition): MigrationPlan {
  const id = node.range ? scalarSource(node, text, offset) : null;
  if (id === null || !node.range) return { edits: [], notes: [] };
  const rewrite = rewriteOf(readControlId(id, { edition }));
  if (!rewrite) return { edits: [], notes: [] };
  const replacement = rewrite.ids;
  const rendered = replacement.map((candidate) => renderLike(node, candidate));
  const value = rendered.length === 1 ? rendered[0]! : `[${rendered.join(', ')}]`;
  const several = replacement.length > 1 ? ' (split in 2022: all written)' : '';
  return {
    edits: [{ start: offset + node.range[0], end: offset + node.range[1], text: value }],
    notes: [`${id} ${ARROW} ${replacement.join(', ')}${several}`],
    from2013: rewrite.change !== 'loose',
  };
}

/** What precedes a block item on its line (`    - `), reused for the lines added after it. */
function itemPrefix(text: string, itemStart: number): string {
  const before = text.slice(lineStart(text, itemStart), itemStart);
  if (/^[ \t]*-[ \t]+$/.test(before)) return before;
  // `- - A.1` or similar: indent to the last dash.
  const dash = before.lastIndexOf('-');
  return `${' '.repeat(Math.max(0, dash))}- `;
}

/**
 * Removes a block item's line. A comment on that line is kept on a line of its
 * own, saying which id it was about (comments are the author's, not ours to drop).
 */
function blockDeletion(text: string, start: number, end: number, what: string): TextEdit | null {
  const from = lineStart(text, start);
  const lineStop = lineEnd(text, start);
  const before = text.slice(from, start);
  const after = text.slice(end, lineStop);
  const comment = /^\s*(#.*)$/.exec(after);
  // Something else shares the line (an anchor, a tag): not ours to remove.
  if (!/^[ \t]*-[ \t]+$/.test(before) || !(after.trim() === '' || comment)) return null;
  if (comment) {
    const indent = /^[ \t]*/.exec(before)![0];
    return { start: from, end: lineStop, text: `${indent}# ${what}: ${comment[1]!.replace(/^#\s*/, '')}` };
  }
  return { start: from, end: nextLineStart(text, start), text: '' };
}

/** Removes a flow item with the comma that separates it from its neighbour. */
function flowDeletion(text: string, offset: number, items: readonly Item[], index: number): TextEdit {
  const item = items[index]!;
  const start = offset + item.node.range![0];
  const end = offset + item.node.range![1];
  const previous = items[index - 1];
  if (previous) {
    const previousEnd = offset + previous.node.range![1];
    if (/^\s*,\s*$/.test(text.slice(previousEnd, start))) return { start: previousEnd, end, text: '' };
  }
  const next = items[index + 1];
  if (next) {
    const nextStart = offset + next.node.range![0];
    if (/^\s*,\s*$/.test(text.slice(end, nextStart))) return { start, end: nextStart, text: '' };
  }
  // A comment between items or a trailing comma: remove the value and its own comma only.
  const comma = /^\s*,/.exec(text.slice(end));
  return { start, end: comma ? end + comma[0].length : end, text: '' };
}
