/**
 * The field-invalid checks of the document-control fields (classification,
 * audience, author, supersedes, related, parent, history): their shapes. Their
 * dates are date-invalid's, the order of `history` is history-invalid's and
 * whether the ids exist is reference-unknown's.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { HISTORY_KEYS, historyEntries, REQUIRED_HISTORY_KEYS } from '../model/document-control.js';
import type { Position } from '../model/finding.js';
import { nearest } from '../model/nearest.js';
import { show, typeName } from './fields.js';
import type { FileContext } from './types.js';

function valueOf(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  return isScalar(node) ? node.value : node.toJSON();
}

function isText(node: unknown): boolean {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '';
}

/** One text value (`classification: Internal`, `parent: POL-IS-001`). */
function checkText(context: FileContext, field: string, example: string, listHint = ''): void {
  const { frontMatter, report } = context;
  if (frontMatter.data[field] === undefined) return;
  const node = frontMatter.node([field]);
  if (isText(node)) return;
  const value = valueOf(node);
  report(
    value === null || value === ''
      ? `Unexpected empty \`${field}\`: write it (e.g. \`${field}: ${example}\`) or remove the field`
      : `Unexpected ${typeName(value)} for \`${field}\`, expected one value such as \`${field}: ${example}\`${listHint}`,
    frontMatter.valuePosition([field]),
  );
}

/** One text value or a list of them (`audience: All staff`, `related: [POL-AC-001]`). */
function checkTextOrList(context: FileContext, field: string, example: string): void {
  const { frontMatter, report } = context;
  if (frontMatter.data[field] === undefined) return;
  const node = frontMatter.node([field]);
  if (isText(node)) return;
  if (!isSeq(node)) {
    const value = valueOf(node);
    report(
      value === null || value === ''
        ? `Unexpected empty \`${field}\`: list the values (e.g. \`${field}: ${example}\`) or remove the field`
        : `Unexpected ${typeName(value)} for \`${field}\`, expected text or a list such as \`${field}: ${example}\``,
      frontMatter.valuePosition([field]),
    );
    return;
  }
  for (const entry of node.items) {
    const item = frontMatter.resolve(entry as Node | null);
    if (isText(item)) continue;
    report(`Unexpected ${typeName(valueOf(item))} in \`${field}\`, expected text items such as \`${field}: ${example}\``, frontMatter.nodePosition(entry as Node | null));
  }
}

function checkHistory(context: FileContext): void {
  const { frontMatter, report } = context;
  if (frontMatter.data.history === undefined) return;
  const example = '[{version: "1.0", date: 2026-01-15, summary: First issue}]';
  const history = frontMatter.node(['history']);
  if (!isSeq(history)) {
    report(`Unexpected ${typeName(valueOf(history))} for \`history\`, expected a list of entries such as \`history: ${example}\``, frontMatter.valuePosition(['history']));
    return;
  }
  for (const located of historyEntries(frontMatter)) {
    const where = `\`history\` entry ${located.index}`;
    const node = located.node;
    if (!isMap(node)) {
      report(`Unexpected ${typeName(valueOf(frontMatter.resolve(history.items[located.index - 1] as Node | null)))} as ${where}, expected a mapping with version, date and summary (author and approver optional)`, located.position);
      continue;
    }
    const present = new Set<string>();
    const unknown: Array<{ key: string; position: Position }> = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if ((HISTORY_KEYS as readonly string[]).includes(key)) {
        present.add(key);
        const value = frontMatter.resolve(pair.value as Node | null);
        // Dates are date-invalid's; every other value is text (a version may be a number).
        if (key !== 'date' && !isText(value)) {
          report(`Unexpected ${value === null || valueOf(value) === '' ? 'empty value' : typeName(valueOf(value))} for \`${key}\` in ${where}, expected text`, frontMatter.nodePosition(value ?? (pair.key as Node)));
        }
      } else {
        unknown.push({ key, position: frontMatter.nodePosition(pair.key as Node) });
      }
    }
    const missing: string[] = REQUIRED_HISTORY_KEYS.filter((key) => !present.has(key));
    for (const { key, position } of unknown) {
      // A key that stands in for a missing one (`description` for `summary`) is one problem, not two.
      const suggestion = nearest(key, missing) ?? (missing.length === 1 ? missing[0] : undefined) ?? nearest(key, HISTORY_KEYS);
      const standsFor = suggestion === undefined ? -1 : missing.indexOf(suggestion);
      if (standsFor !== -1) missing.splice(standsFor, 1);
      report(
        `Unexpected key ${show(key)} in ${where}${suggestion ? `, expected \`${suggestion}\`` : ''}: an entry has ${HISTORY_KEYS.map((name) => `\`${name}\``).join(', ')}`,
        position,
      );
    }
    if (missing.length > 0) {
      report(
        `Missing ${missing.map((key) => `\`${key}\``).join(' and ')} in ${where}: each entry has a version, a date (YYYY-MM-DD) and a summary of the change`,
        located.position,
      );
    }
  }
}

export function checkDocumentFields(context: FileContext): void {
  const { frontMatter, report } = context;
  checkText(context, 'classification', 'Internal');
  checkText(context, 'author', '"Jane Doe"', ' (name the main author; approvers go in `approver`)');
  checkText(context, 'parent', 'POL-IS-001', ' (a document hangs off one policy; list others in `related`)');
  if (frontMatter.data.audience !== undefined && frontMatter.data.distribution !== undefined) {
    report(
      'Unexpected both `audience` and `distribution`: they are the same field (who must read the document); keep one and merge the lists',
      frontMatter.keyPosition('distribution') ?? { line: 1, column: 1 },
    );
  }
  checkTextOrList(context, 'audience', '[All staff, Contractors]');
  checkTextOrList(context, 'distribution', '[All staff, Contractors]');
  checkTextOrList(context, 'supersedes', '[POL-IS-000]');
  checkTextOrList(context, 'related', '[POL-AC-001, STD-CR-001]');
  checkHistory(context);
}
