/**
 * Reading a file for an in-place edit and finding its YAML: the front matter of
 * a policy or a whole YAML file (soa.yml). Reads go through the checker's safe
 * reader (no links out of the repository, regular files only, size limit, UTF-8
 * only), once; a BOM is remembered so the written file keeps it, and the file's
 * real path is where the edit is written (a link inside the repository survives).
 */
import { isMap, isPair, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { splitFrontMatter } from '../parse/front-matter.js';
import { MAX_FILE_BYTES, readTextFile, type TextReadOptions } from '../parse/read-file.js';

export interface EditableFile {
  /** The text without a BOM. */
  text: string;
  bom: boolean;
  /** The file's real path, inside the repository: write the edit here. */
  real: string;
}

export type ReadEditable = { ok: true; file: EditableFile } | { ok: false; message: string };

const POLICY_LIMIT: TextReadOptions = { limit: MAX_FILE_BYTES, tooLargeAdvice: 'split it or move attachments to evidence' };

/** `limits`: the SoA has its own (see parse/soa.ts); policies have the checker's. */
export function readEditable(root: string, absolutePath: string, limits: TextReadOptions = POLICY_LIMIT): ReadEditable {
  const read = readTextFile(root, absolutePath, limits);
  if (!read.ok) return { ok: false, message: read.problem.message };
  return { ok: true, file: { text: read.text, bom: read.bom, real: read.real } };
}

export function withBom(file: EditableFile, text: string): string {
  return file.bom ? `\uFEFF${text}` : text;
}

/** A YAML document and where its text starts in the file. */
export interface YamlRegion {
  doc: Document.Parsed;
  /** Offset of the YAML text in the file text: add it to node ranges. */
  offset: number;
  /** Length of the YAML text. */
  length: number;
}

export type YamlResult = { ok: true; region: YamlRegion | null } | { ok: false; message: string };

/** The front matter of a policy; `region: null` when the file has none. */
export function frontMatterYaml(text: string): YamlResult {
  const split = splitFrontMatter(text);
  if (!split.ok) {
    return split.problem.rule === 'front-matter-missing' ? { ok: true, region: null } : { ok: false, message: split.problem.message };
  }
  const yaml = split.split.yaml ?? '';
  return parseRegion(yaml, text.indexOf('\n') + 1);
}

/** A whole file as YAML. */
export function wholeYaml(text: string): YamlResult {
  return parseRegion(text, 0);
}

function parseRegion(yaml: string, offset: number): YamlResult {
  // The checker's options, so an edit sees exactly what `isms check` sees.
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true, schema: 'core', strict: true });
  const error = doc.errors[0];
  if (error) return { ok: false, message: `invalid YAML: ${error.message.split('\n')[0]}` };
  return { ok: true, region: { doc, offset, length: yaml.length } };
}

/** The pair for `key` in a mapping node. */
export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap).items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}
