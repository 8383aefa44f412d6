#!/usr/bin/env node
/**
 * Cuts GitHub's official REST description down to the operations isms-as-code uses, so the fake
 * GitHub in tests can check every request and reply against it without a 385 MB dependency.
 *
 *   node scripts/github-openapi-cut.mjs            writes tests/fixtures/github-openapi-cut.json
 *   node scripts/github-openapi-cut.mjs --check    fails when the committed cut differs
 *
 * It fetches the pinned @octokit/openapi tarball with `npm pack` (npm checks the registry's
 * integrity hash), reads generated/api.github.com.json (the form that keeps `$ref`s, so the cut
 * can keep shared components once instead of inlining them everywhere), keeps OPERATIONS and
 * every component they reference, transitively, and drops what validation never reads: prose
 * (`description`, `summary`), examples and vendor extensions. The output has sorted keys and a
 * fixed layout, so the same version always gives the same bytes; the sha256 it prints is the one
 * tests/openapi-conformance.test.ts pins. To change the pinned version or add an operation, edit
 * the constants below, run the script, and paste the new sha256 into that test.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@octokit/openapi';
const VERSION = '23.0.2';
const DESCRIPTION = 'generated/api.github.com.json';

/**
 * Every REST operation src/ calls or the fake serves, by operationId. GraphQL (`POST /graphql`)
 * is not part of the REST description; the conformance checker validates it by hand.
 */
const OPERATIONS = [
  // Reminder issues (src/github/reminders).
  'issues/list-for-repo',
  'issues/create',
  'issues/get',
  'issues/update',
  'issues/create-comment',
  'issues/add-assignees',
  'issues/add-labels',
  'issues/remove-label',
  'issues/list-labels-for-repo',
  'issues/get-label',
  'issues/create-label',
  'repos/get',
  'users/get-authenticated',
  'rate-limit/get',
  // Pull request review and summary comment (src/github/pull-request.ts).
  'pulls/get',
  'pulls/list-files',
  'pulls/list-review-comments',
  'pulls/list-reviews',
  'pulls/create-review',
  'issues/list-comments',
  'issues/update-comment',
  'issues/delete-comment',
  'pulls/update-review',
  'pulls/delete-review-comment',
  'issues/remove-assignees',
  // Reading the PR head's files when the head is not checked out.
  'repos/get-content',
  'git/get-tree',
];

/** Keys that carry prose, examples or tooling hints: validation never reads them. */
const DROPPED = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'tags']);
/** Keys whose value maps names to objects (a property called `description` is not prose). */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'paths', 'responses', 'content', 'headers', 'schemas', 'parameters', 'requestBodies', 'components']);

const here = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(here, '..', 'tests', 'fixtures', 'github-openapi-cut.json');

function fetchDescription() {
  const dir = mkdtempSync(path.join(tmpdir(), 'github-openapi-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const { filename, integrity } = packed[0];
    execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir, `package/${DESCRIPTION}`]);
    const text = readFileSync(path.join(dir, 'package', DESCRIPTION), 'utf8');
    return { document: JSON.parse(text), integrity, sha256: createHash('sha256').update(text).digest('hex') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Drops prose and extensions everywhere except inside name maps, where keys are names. */
function prune(node, inNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => prune(item));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inNameMap && (DROPPED.has(key) || key.startsWith('x-'))) continue;
    out[key] = prune(value, !inNameMap && NAME_MAPS.has(key));
  }
  return out;
}

function refsIn(node, found = new Set()) {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function sortKeys(node) {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.keys(node).sort().map((key) => [key, sortKeys(node[key])]));
}

function cut({ document, integrity, sha256 }) {
  const paths = {};
  const missing = new Set(OPERATIONS);
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!OPERATIONS.includes(operation?.operationId)) continue;
      missing.delete(operation.operationId);
      paths[template] ??= {};
      paths[template][method] = prune(operation);
    }
  }
  if (missing.size > 0) throw new Error(`${PACKAGE}@${VERSION} has no operation ${[...missing].join(', ')}: fix OPERATIONS`);

  const components = {};
  const pending = [...refsIn(paths)];
  const seen = new Set();
  while (pending.length > 0) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    if (!match) throw new Error(`unexpected $ref ${ref}: only #/components/<kind>/<name> is supported`);
    const [, kind, name] = match;
    const target = document.components[kind]?.[name];
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    const pruned = prune(target);
    (components[kind] ??= {})[name] = pruned;
    pending.push(...refsIn(pruned));
  }

  return sortKeys({
    openapi: document.openapi,
    info: {
      title: `${document.info.title}: the operations isms-as-code uses`,
      version: document.info.version,
      'x-source': { package: `${PACKAGE}@${VERSION}`, file: DESCRIPTION, integrity, sha256, operations: [...OPERATIONS].sort() },
    },
    paths,
    components,
  });
}

const text = `${JSON.stringify(cut(fetchDescription()), null, 1)}\n`;
const digest = createHash('sha256').update(text).digest('hex');
if (process.argv.includes('--check')) {
  const committed = readFileSync(OUTPUT, 'utf8');
  if (committed !== text) {
    console.error(`${path.relative(process.cwd(), OUTPUT)} differs from a fresh cut (sha256 ${digest}): run node scripts/github-openapi-cut.mjs`);
    process.exit(1);
  }
  console.log(`up to date, sha256 ${digest}`);
} else {
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} (${Buffer.byteLength(text)} bytes, ${OPERATIONS.length} operations), sha256 ${digest}`);
}
