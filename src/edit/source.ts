/**
 * Reading a file for an in-place edit and finding its YAML: the front matter of
 * a policy or a whole YAML file (soa.yml). Reads go through the checker's safe
 * reader (no links out of the repository, size limit, UTF-8 only); a BOM is
 * remembered so the written file keeps it.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { splitFrontMatter } from '../parse/front-matter.js';
import { readPolicyFile } from '../parse/read-file.js';

export interface EditableFile {
  /** The text without a BOM. */
  text: string;
  bom: boolean;
}

export type ReadEditable = { ok: true; file: EditableFile } | { ok: false; message: string };

export function readEditable(realRoot: string, absolutePath: string): ReadEditable {
  const read = readPolicyFile(realRoot, absolutePath);
  if (!read.ok) return { ok: false, message: read.problem.message };
  const head = readFileSync(absolutePath).subarray(0, 3);
  return { ok: true, file: { text: read.text, bom: head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf } };
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
