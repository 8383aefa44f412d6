/**
 * Reads the Statement of Applicability (the `controls:` mapping of Annex A ids to decisions): `soa.yml` (path from the
 * config's `soa`), a top-level `controls:` mapping of Annex A id -> decision.
 * Validated with positions like policies' front matter (same YAML parser and
 * limits). A missing file means "no SoA": the control-coverage rules stay quiet.
 *
 * Entries that cannot be used are reported and left out; every other entry is
 * kept, so one typo does not silence the rest of the SoA.
 */
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, type Document, type Node, type Pair } from 'yaml';
import { defaultEdition, readControlId, type Edition } from '../catalog/index.js';
import type { Config } from '../config/load.js';
import type { Position, Severity } from '../model/finding.js';
import { nearest } from '../model/nearest.js';
import { scalarText } from '../model/policy.js';
import { IMPLEMENTATIONS, type Implementation, type Soa, type SoaDecision } from '../model/soa.js';
import { looseControlMessage, unknownControlMessage } from '../rules/control-messages.js';
import { formatIds } from '../rules/suggest.js';
import { parseYamlWithPositions, type ParseProblem, type ParsedYaml } from './front-matter.js';
import { isInside, mebibytes, readTextFile, type TextReadOptions } from './read-file.js';

/** A problem found in the SoA; `severity` only when it is not the rule's default (a loosely written key is a warning). */
export type SoaProblem = Omit<ParseProblem, 'rule'> & { severity?: Severity };
export type SoaProblemSink = (rule: string, file: string, problem: SoaProblem) => void;

/** How the SoA's keys are read: the edition of `.isms.yml` (under 2013, `A.6.1` is the 2013 objective). */
export interface SoaReadOptions {
  edition: Edition;
}

/** The keys a control's entry may have. */
export const SOA_ENTRY_KEYS = ['applicable', 'justification', 'implementation', 'notes'] as const;
const TOP_LEVEL_KEYS = ['controls'] as const;
const START: Position = { line: 1, column: 1 };

/**
 * The SoA's size limit: 2 MiB, twice a policy's. 93 decisions with a paragraph of
 * justification each are about 100 KiB; the limit leaves room for long notes and stops a
 * file that would tie up the YAML parser (or memory) long before it could.
 */
export const MAX_SOA_BYTES = 2 * 1024 * 1024;
export const SOA_LIMITS: TextReadOptions = { limit: MAX_SOA_BYTES, tooLargeAdvice: 'keep one short entry per control and move long texts to evidence' };

/**
 * Loads the SoA named by the config, or null when there is none (or it cannot be
 * read at all, which is reported as soa-invalid). `root` is the real path of the repository.
 */
export function loadSoa(config: Config, root: string, sink: SoaProblemSink): Soa | null {
  const absolute = path.resolve(root, config.soa);
  // Repo-relative whatever the config wrote (`./soa.yml`, an absolute path inside the repo).
  const file = toPosix(path.relative(root, absolute));
  if (!isInside(root, absolute)) {
    sink('soa-invalid', config.file ?? file, {
      message: `The SoA path \`${config.soa}\` leaves the repository: set \`soa\` in .isms.yml to a file inside it, such as soa.yml`,
      ...START,
    });
    return null;
  }
  const read = readTextFile(root, absolute, SOA_LIMITS);
  if (!read.ok) {
    const refusal = read.refusal;
    // No SoA file: control coverage is still computed, but nothing is measured against decisions.
    if (refusal.reason === 'missing' && !refusal.throughLink) return null;
    const message =
      refusal.reason === 'folder'
        ? `\`${file}\` is a folder: the SoA is one YAML file (set \`soa\` in .isms.yml)`
        : refusal.reason === 'special'
          ? `\`${file}\` is not a regular file (a FIFO, socket or device): the SoA is one YAML file`
          : refusal.reason === 'too-large'
            ? `\`${file}\` is ${refusal.size === null ? 'over' : `${mebibytes(refusal.size)}, over`} the ${MAX_SOA_BYTES / 1024 / 1024} MiB limit for the SoA, and was not read: ${SOA_LIMITS.tooLargeAdvice}`
            : read.problem.message;
    sink('soa-invalid', file, { message, line: read.problem.line, column: read.problem.column });
    return null;
  }
  return parseSoa(read.text, file, sink, { edition: config.edition });
}

/** Parses and validates SoA text; `file` is the repo-relative path findings name. */
export function parseSoa(text: string, file: string, sink: SoaProblemSink, options: SoaReadOptions = { edition: defaultEdition }): Soa | null {
  const invalid = (message: string, position: Position) => sink('soa-invalid', file, { message, ...position });
  const parsed = parseYamlWithPositions(text, 1);
  if (!parsed.ok) {
    for (const problem of parsed.problems) invalid(problem.message, { line: problem.line, column: problem.column });
    return null;
  }
  const yaml = parsed.yaml;
  const position = (node: Node | null | undefined): Position => (node?.range ? yaml.at(node.range[0]) : START);
  const contents = yaml.doc.contents;
  if (yaml.data === null) {
    invalid('Empty SoA: write `controls:` with one entry per Annex A control, e.g. `A.5.1: { applicable: true }`', START);
    return null;
  }
  if (!isMap(contents) || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    invalid(`Unexpected ${describeValue(yaml.data)} as the SoA, expected a mapping with \`controls:\``, position(contents));
    return null;
  }

  let controlsPair: Pair<Node, Node | null> | undefined;
  let typo = false;
  for (const item of contents.items) {
    const key = keyText(item, text);
    if (key === 'controls') {
      controlsPair = item as Pair<Node, Node | null>;
      continue;
    }
    typo = true;
    const suggestion = nearest(key, TOP_LEVEL_KEYS);
    invalid(`Unknown key \`${key}\` in the SoA, expected ${suggestion ? `\`${suggestion}\`` : '`controls`'}: the SoA holds only \`controls:\``, position(item.key as Node));
  }
  if (!controlsPair) {
    if (!typo) invalid('Missing `controls:`: list every Annex A control under it, e.g. `A.5.1: { applicable: true }`', START);
    return null;
  }
  const controlsPosition = position(controlsPair.key);
  const unreadable = new Set<string>();
  const soa: Soa = { file, decisions: new Map(), unreadable, controlsPosition };
  const controlsNode = resolve(controlsPair.value, yaml.doc);
  if (controlsNode === null || (isScalar(controlsNode) && controlsNode.value === null)) return soa;
  if (!isMap(controlsNode)) {
    invalid(
      `Unexpected ${describeValue(controlsNode.toJSON())} for \`controls\`, expected a mapping of control id to decision, e.g. \`A.5.1: { applicable: true }\``,
      position(controlsNode),
    );
    return null;
  }
  /** Which key decided each control, for a second key naming the same control (`A.5.15` and `A 5.15`). */
  const decidedBy = new Map<string, { written: string; at: Position }>();
  for (const item of controlsNode.items) {
    const pair = item as Pair<Node, Node | null>;
    const written = keyText(pair, text);
    const keyPosition = position(pair.key);
    const control = readKey(written, keyPosition, file, sink, options);
    if (control === null) continue;
    const earlier = decidedBy.get(control);
    if (earlier) {
      invalid(
        `\`${written}\` decides \`${control}\` again (already decided by \`${earlier.written}\` at ${earlier.at.line}:${earlier.at.column}): keep one entry per control (\`isms migrate\` merges them)`,
        keyPosition,
      );
      continue;
    }
    decidedBy.set(control, { written, at: keyPosition });
    const decision = readEntry(pair, control, written, keyPosition, yaml, text, file, sink, position, unreadable);
    if (decision) soa.decisions.set(decision.control, decision);
  }
  return soa;
}

/**
 * The 2022 control a key decides, read as front matter's ids are (same reader, same
 * messages), or null when it decides none (reported). A loosely written key
 * (`A 5.15`, `5.15`) is a warning and still decides its control: the control meant
 * is certain, and `isms migrate` rewrites the key. An SoA decides controls only, so
 * digits that are also a clause (`5.2`) are the control here. A 2013 control or
 * objective is control-legacy and decides nothing until migrated.
 */
function readKey(written: string, at: Position, file: string, sink: SoaProblemSink, options: SoaReadOptions): string | null {
  const reading = readControlId(written, { edition: options.edition });
  switch (reading.kind) {
    case 'control':
      return reading.id;
    case 'loose':
      sink('control-unknown', file, { message: looseControlMessage(written, reading.id), severity: 'warning', ...at });
      return reading.id;
    case 'legacy': {
      const what = written === reading.id2013 ? 'ISO 27001:2013' : `ISO 27001:2013 \`${reading.id2013}\` ${reading.title}`;
      sink('control-legacy', file, {
        message: `Unexpected \`${written}\` (${what}), expected ${formatIds(reading.successors)}: decide on the 2022 control(s) instead, or run \`isms migrate\``,
        ...at,
      });
      return null;
    }
    case 'legacy-objective': {
      const because = reading.ambiguous ? ', read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`' : '';
      sink('control-legacy', file, {
        message: `Unexpected \`${written}\` (ISO 27001:2013 objective of ${range(reading.controls2013)}${because}), expected ${formatIds(reading.successors)} (the successors of its controls): an objective is no decision, so decide on each of those controls instead (\`isms migrate\` leaves it for you)`,
        ...at,
      });
      return null;
    }
    case 'unknown':
      sink('soa-invalid', file, { message: unknownControlMessage(written, reading.nearest, 'soa'), ...at });
      return null;
  }
}

function range(ids: readonly string[]): string {
  return ids.length > 2 ? `\`${ids[0]}\`–\`${ids[ids.length - 1]}\`` : formatIds(ids);
}

/** One `A.x.y: { ... }` entry for `control` (its key written as `id`): a decision, or null when it cannot be used (reported). */
function readEntry(
  pair: Pair<Node, Node | null>,
  control: string,
  id: string,
  keyPosition: Position,
  yaml: ParsedYaml,
  source: string,
  file: string,
  sink: SoaProblemSink,
  position: (node: Node | null | undefined) => Position,
  unreadable: Set<string>,
): SoaDecision | null {
  const invalid = (message: string, at: Position) => sink('soa-invalid', file, { message, ...at });
  const node = resolve(pair.value, yaml.doc);
  const value = node === null ? null : node.toJS(yaml.doc);
  if (!isMap(node) || value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid(
      `Unexpected ${describeValue(value)} for \`${id}\`, expected a mapping such as \`{ applicable: true }\` or \`{ applicable: false, justification: "..." }\``,
      node === null ? keyPosition : position(node),
    );
    unreadable.add(control);
    return null;
  }
  const entry = value as Record<string, unknown>;
  const field = (key: string): Pair<Node, Node | null> | undefined =>
    node.items.find((item): item is Pair<Node, Node | null> => isPair(item) && keyText(item, source) === key);
  const valuePosition = (key: string): Position => {
    const found = field(key);
    return found ? (found.value?.range ? position(found.value) : position(found.key)) : keyPosition;
  };

  for (const item of node.items) {
    const key = keyText(item, source);
    if ((SOA_ENTRY_KEYS as readonly string[]).includes(key)) continue;
    const suggestion = nearest(key, SOA_ENTRY_KEYS);
    invalid(
      `Unknown key \`${key}\` in \`${id}\`${suggestion ? `, did you mean \`${suggestion}\`?` : ''}: an entry has ${SOA_ENTRY_KEYS.map((known) => `\`${known}\``).join(', ')}`,
      position(item.key as Node),
    );
  }

  const applicable = own(entry, 'applicable');
  if (applicable === undefined) {
    invalid(`\`${id}\` has no \`applicable\`: write \`applicable: true\` or \`applicable: false\``, keyPosition);
    unreadable.add(control);
    return null;
  }
  if (typeof applicable !== 'boolean') {
    invalid(`Unexpected ${describeValue(applicable)} for \`applicable\` of \`${id}\`, expected \`true\` or \`false\``, valuePosition('applicable'));
    unreadable.add(control);
    return null;
  }

  const justification = optionalText(entry, 'justification', id, invalid, valuePosition);
  const notes = optionalText(entry, 'notes', id, invalid, valuePosition);
  let implementation: Implementation | null = null;
  let implementationInvalid = false;
  const rawImplementation = own(entry, 'implementation');
  if (rawImplementation !== undefined && rawImplementation !== null) {
    if (typeof rawImplementation === 'string' && (IMPLEMENTATIONS as readonly string[]).includes(rawImplementation)) {
      implementation = rawImplementation as Implementation;
    } else {
      implementationInvalid = true;
      const suggestion = typeof rawImplementation === 'string' ? nearest(rawImplementation, IMPLEMENTATIONS) : undefined;
      invalid(
        `Unexpected ${describeValue(rawImplementation)} for \`implementation\` of \`${id}\`, expected ${suggestion ? `\`${suggestion}\`` : IMPLEMENTATIONS.map((known) => `\`${known}\``).join(', ')}`,
        valuePosition('implementation'),
      );
    }
  }

  if (!applicable && justification.missing) {
    sink('soa-justification-missing', file, {
      message: `\`${id}\` is marked not applicable without a justification: add \`justification: "..."\` saying why the control does not apply (ISO/IEC 27001 6.1.3 d)`,
      ...(field('justification') ? valuePosition('justification') : keyPosition),
    });
  }
  return {
    control,
    applicable,
    justification: justification.text,
    implementation,
    ...(implementationInvalid ? { implementationInvalid: true } : {}),
    notes: notes.text,
    position: keyPosition,
  };
}

/** A free-text field: its trimmed text, and whether it is absent or blank (a wrong type is reported, not "missing"). */
function optionalText(
  entry: Record<string, unknown>,
  key: string,
  id: string,
  invalid: (message: string, at: Position) => void,
  valuePosition: (key: string) => Position,
): { text: string | null; missing: boolean } {
  const value = own(entry, key);
  if (value === undefined || value === null) return { text: null, missing: true };
  if (typeof value !== 'string') {
    invalid(`Unexpected ${describeValue(value)} for \`${key}\` of \`${id}\`, expected text (quote it)`, valuePosition(key));
    return { text: null, missing: false };
  }
  const trimmed = value.trim();
  return trimmed === '' ? { text: null, missing: true } : { text: trimmed, missing: false };
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A mapping key as written (`5.10` stays "5.10"); non-scalar keys are shown as JSON. */
function keyText(item: unknown, source: string): string {
  if (!isPair(item)) return '';
  const text = scalarText(item.key, source);
  if (text !== null) return text.trim();
  const key = item.key as Node | null;
  return key && typeof key.toJSON === 'function' ? JSON.stringify(key.toJSON()) : '';
}

function resolve(node: Node | null | undefined, doc: Document.Parsed): Node | null {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return node;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}
