/**
 * Plans the rewrite of a Statement of Applicability's control keys from
 * ISO/IEC 27001:2013 to 2022, as text edits (comments, order and layout stay).
 *
 * Several 2013 controls can map to one 2022 control; the SoA can then hold one
 * decision only. The rule: a 2022 key already in the file keeps its decision;
 * otherwise the first 2013 key (in file order) that maps to it gives its key and
 * decision. A later key whose decision is the same is removed; one whose decision
 * differs is kept as a comment under a note, and reported, so a person decides.
 * A 2013 control that maps to several 2022 controls gives its decision to each.
 * A 2022 key written loosely (`A 5.15`, `5.15`) becomes the exact id the same way.
 */
import { isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { legacyReplacement, readControlId } from '../catalog/index.js';
import type { MigrationPlan } from './migrate-controls.js';
import { renderLike } from './scalar.js';
import { pairOf } from './source.js';
import { adjustCommentGap, eolAt, lineEnd, lineStart, nextLineStart, trimEnd, type TextEdit } from './text.js';

const ARROW = '→';

interface Entry {
  pair: Pair<Node, Node | null>;
  key: string;
  /** Where the pair's text starts and its last visible character ends (file offsets). */
  start: number;
  end: number;
  value: unknown;
}

export function planSoa(text: string, offset: number, root: Node | null): MigrationPlan {
  const controls = pairOf(root, 'controls')?.value;
  if (!isMap(controls)) return { edits: [], notes: [] };
  const map = controls as YAMLMap<Node, Node | null>;
  const entries = map.items.flatMap((pair): Entry[] => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const keyRange = pair.key.range;
    const valueRange = pair.value?.range;
    const end = trimEnd(text, offset + keyRange[0], offset + (valueRange ? valueRange[1] : keyRange[1]));
    // A number key (`5.10`) is its source text, not the float (5.1).
    const key = typeof pair.key.value === 'number' ? text.slice(offset + keyRange[0], offset + keyRange[1]).trim() : String(pair.key.value).trim();
    return [{ pair: pair as Pair<Node, Node | null>, key, start: offset + keyRange[0], end, value: plainValue(pair.value) }];
  });
  if (!entries.some((entry) => targetsOf(entry.key))) return { edits: [], notes: [] };

  // Decisions already written with 2022 keys win; then the first 2013 key to claim a control.
  const owner = new Map<string, { from: string; value: unknown }>();
  for (const entry of entries) if (!targetsOf(entry.key)) owner.set(entry.key, { from: entry.key, value: entry.value });

  const edits: TextEdit[] = [];
  const notes: string[] = [];
  const flow = map.flow === true;
  for (const entry of entries) {
    const targets = targetsOf(entry.key);
    if (!targets) continue;
    const claimed: string[] = [];
    /** Targets already decided: how this entry's decision compares with the one kept. */
    const taken: Array<{ target: string; keeper: string; kind: 'same' | 'details' | 'conflict'; kept: unknown }> = [];
    for (const target of targets) {
      const current = owner.get(target);
      if (!current) {
        owner.set(target, { from: entry.key, value: entry.value });
        claimed.push(target);
        continue;
      }
      const kind = sameDecision(current.value, entry.value) ? 'same' : applicableOf(current.value) === applicableOf(entry.value) ? 'details' : 'conflict';
      taken.push({ target, keeper: current.from, kind, kept: current.value });
    }
    if (claimed.length > 0) notes.push(`${entry.key} ${ARROW} ${claimed.join(', ')}${targets.length > 1 ? ' (split in 2022: the decision is copied to each)' : ''}`);
    for (const { target, keeper, kind, kept } of taken) {
      const by = keeper === target ? `${target} is already decided` : `${target} keeps the decision of ${keeper}`;
      if (kind === 'same') notes.push(`${entry.key} ${ARROW} ${target} (merged: same decision as ${keeper})`);
      else if (kind === 'details') notes.push(`${entry.key} ${ARROW} ${target} (merged: ${by}; the details of ${entry.key} differed${claimed.length === 0 ? (flow ? ' and were removed' : ' and are kept as a comment') : ''})`);
      else notes.push(`${entry.key} ${ARROW} ${target}: conflict, ${by} (${summary(kept)}) but ${entry.key} said ${summary(entry.value)}${claimed.length === 0 ? (flow ? ' (removed)' : ' (kept as a comment)') : ''}: decide and edit the SoA`);
    }

    const keyNode = entry.pair.key as Scalar;
    if (claimed.length > 0) {
      const keyStart = offset + keyNode.range![0];
      const keyEnd = offset + keyNode.range![1];
      const key = renderLike(keyNode, claimed[0]!);
      edits.push({ start: keyStart, end: keyEnd, text: key });
      // Keep an aligned trailing comment aligned: after the value when it is on the key's line, else after the key.
      const after = entry.end > keyEnd && entry.end <= lineEnd(text, keyStart) ? entry.end : text[keyEnd] === ':' ? keyEnd + 1 : keyEnd;
      const gap = adjustCommentGap(text, after, keyEnd - keyStart - key.length);
      if (gap) edits.push(gap);
      if (claimed.length > 1) edits.push(copies(text, entry, keyStart, keyEnd, claimed.slice(1).map((id) => renderLike(keyNode, id)), flow));
      continue;
    }
    // Nothing left to claim: the entry goes; a differing decision stays visible as a comment.
    const keepers = targets.map((target) => (owner.get(target)!.from === target ? `${target} (already decided)` : `${target} (decided by ${owner.get(target)!.from})`)).join(' and ');
    const differs = taken.some((item) => item.kind !== 'same');
    const was = readControlId(entry.key, { edition: 2022 }).kind === 'legacy' ? ' (2013)' : '';
    const note = differs ? `isms migrate: ${entry.key}${was} maps to ${keepers}; its own entry differs and is kept below for review:` : null;
    const merged = `${entry.key}${was}, merged into ${targets.join(', ')}`;
    edits.push(flow ? flowRemoval(text, entry, entries) : blockRemoval(text, entry, note, merged));
  }
  return { edits, notes };
}

/**
 * The 2022 keys an SoA key becomes, or undefined when it stays: a 2013 control's
 * successors, or the exact id of a 2022 control written loosely. An SoA decides
 * controls only, so digits that are also a clause (`5.2`) are the control here;
 * a 2013 objective is not a decision on any one control and stays for a person.
 */
export function targetsOf(key: string): readonly string[] | undefined {
  const legacy = legacyReplacement(key);
  if (legacy) return legacy;
  const reading = readControlId(key, { edition: 2022 });
  if (reading.kind === 'legacy') return reading.successors;
  return reading.kind === 'loose' ? [reading.id] : undefined;
}

/** The entry's value as plain data; an alias or other oddity compares as its source text. */
function plainValue(node: Node | null): unknown {
  if (!node) return null;
  try {
    return node.toJSON();
  } catch {
    return `<${String(node)}>`;
  }
}

/** Same entry, whatever the order of its keys. */
function sameDecision(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function applicableOf(value: unknown): unknown {
  return value && typeof value === 'object' && 'applicable' in value ? (value as { applicable: unknown }).applicable : undefined;
}

function summary(value: unknown): string {
  if (value && typeof value === 'object' && 'applicable' in value) {
    const applicable = (value as { applicable: unknown }).applicable;
    return `applicable: ${String(applicable)}`;
  }
  return JSON.stringify(value) ?? 'nothing';
}

/** The entry's text again under each extra key: after its last line (block) or after it (flow). */
function copies(text: string, entry: Entry, keyStart: number, keyEnd: number, keys: string[], flow: boolean): TextEdit {
  if (flow) {
    const value = text.slice(keyEnd, entry.end);
    return { start: entry.end, end: entry.end, text: keys.map((key) => `, ${key}${value}`).join('') };
  }
  const from = lineStart(text, entry.start);
  const to = lineEnd(text, entry.end);
  const eol = eolAt(text, entry.start);
  const before = text.slice(from, keyStart);
  const after = text.slice(keyEnd, to);
  return { start: to, end: to, text: keys.map((key) => `${eol}${before}${key}${after}`).join('') };
}

/** Removes a block entry's lines, or turns them into comments under a note when its decision differed. */
function blockRemoval(text: string, entry: Entry, note: string | null, merged: string): TextEdit {
  const from = lineStart(text, entry.start);
  const to = nextLineStart(text, entry.end);
  const eol = eolAt(text, entry.start);
  const indent = /^[ \t]*/.exec(text.slice(from, entry.start))![0];
  if (note === null) {
    // Same decision: the entry goes, but a comment the author wrote on it stays, saying what it was about.
    const comment = /^\s*#\s*(.*)$/.exec(text.slice(entry.end, lineEnd(text, entry.end)));
    return { start: from, end: to, text: comment ? `${indent}# ${merged}: ${comment[1]}${to > lineEnd(text, entry.end) ? eol : ''}` : '' };
  }
  const lines = text.slice(from, lineEnd(text, entry.end)).split(/\r?\n/);
  const commented = lines.map((line) => `${indent}# ${line.slice(Math.min(indent.length, /^[ \t]*/.exec(line)![0].length))}`);
  const ending = to > lineEnd(text, entry.end) ? eol : '';
  return { start: from, end: to, text: [`${indent}# ${note}`, ...commented].join(eol) + ending };
}

function flowRemoval(text: string, entry: Entry, entries: readonly Entry[]): TextEdit {
  const index = entries.indexOf(entry);
  const previous = entries[index - 1];
  if (previous && /^\s*,\s*$/.test(text.slice(previous.end, entry.start))) return { start: previous.end, end: entry.end, text: '' };
  const next = entries[index + 1];
  if (next && /^\s*,\s*$/.test(text.slice(entry.end, next.start))) return { start: entry.start, end: next.start, text: '' };
  const comma = /^\s*,/.exec(text.slice(entry.end));
  return { start: entry.start, end: comma ? entry.end + comma[0].length : entry.end, text: '' };
}
