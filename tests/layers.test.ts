/**
 * The layers of src/, checked from the import statements themselves:
 *
 *   catalog <- model <- parse / config / fs <- rules <- check <- format / report / github /
 *   edit / scaffold / git <- commands / cli / action
 *
 * The pure core (the catalog, the model, the parsers, the rules, check(), the config and the
 * file guards) knows nothing of GitHub, the terminal, the command line or running programs,
 * so it can be used as a library and tested without them. Only core -> edge edges are
 * forbidden here; the order inside the core is the modules' own business.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..', 'src');

/** Core folders (and top-level files, by name without .ts). `text` is a leaf they all may use. */
const CORE = ['catalog', 'model', 'parse', 'config', 'fs', 'rules', 'text', 'check', 'check-focus'];
/** Edge folders and files: output formats, GitHub, git, editing, the CLI, the action. */
const EDGE = ['format', 'report', 'github', 'git', 'edit', 'scaffold', 'commands', 'cli', 'action'];
/** Packages and Node modules the core must not load: GitHub's toolkit, running programs, the terminal. */
const EDGE_PACKAGES = [/^@actions\//, /^@octokit\//, /^(node:)?child_process$/, /^(node:)?tty$/, /^(node:)?readline$/];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The layer of a file: its first folder under src/, or its name for a top-level file. */
function layerOf(file: string): string {
  const [first = '', ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length === 0 ? first.replace(/\.ts$/, '') : first;
}

interface Edge {
  from: string;
  specifier: string;
  typeOnly: boolean;
}

/**
 * Every module a file names: `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and
 * `import('x')`. Comments are removed first, so an example in a comment is no edge.
 */
export function importsOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const statement = /(?:^|[;\s])(import|export)(\s+type)?\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(statement)) found.push({ specifier: match[3]!, typeOnly: match[2] !== undefined });
  for (const match of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1]!, typeOnly: false });
  return found;
}

function edges(): Edge[] {
  return sourceFiles(SRC).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map(({ specifier, typeOnly }) => ({ from: file, specifier, typeOnly })),
  );
}

function targetLayer(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return layerOf(path.resolve(path.dirname(from), specifier.replace(/\.js$/, '.ts')));
}

const shownEdge = (edge: Edge) => `${path.relative(SRC, edge.from).split(path.sep).join('/')} -> ${edge.specifier}`;

describe('layers', () => {
  it('reads import and export statements, and leaves comments out', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "import {\n  g,\n  h,\n} from './gh.js';",
      "// import { x } from '../format/terminal.js';",
      "/* export { y } from '../github/z.js'; */",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: '../b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: false },
      { specifier: './d.js', typeOnly: false },
      { specifier: './e.js', typeOnly: false },
      { specifier: './gh.js', typeOnly: false },
      { specifier: './f.js', typeOnly: false },
    ]);
  });

  it('finds every source file a layer and sees the imports of the core', () => {
    const all = edges();
    const layers = new Set(sourceFiles(SRC).map(layerOf));
    for (const layer of [...CORE, ...EDGE]) expect(layers, `no src/${layer}`).toContain(layer);
    // The walk sees real edges (a parser that found nothing would pass the next test).
    expect(all.some((edge) => layerOf(edge.from) === 'check' && targetLayer(edge.from, edge.specifier) === 'rules')).toBe(true);
  });

  it('the pure core imports nothing of the output formats, GitHub, git, the CLI or the terminal', () => {
    const upward = edges().filter((edge) => {
      if (!CORE.includes(layerOf(edge.from))) return false;
      const target = targetLayer(edge.from, edge.specifier);
      return target === null ? EDGE_PACKAGES.some((pattern) => pattern.test(edge.specifier)) : EDGE.includes(target);
    });
    expect(upward.map(shownEdge), 'core -> edge imports: move what the core needs into the core (or a leaf like src/text), or inject it').toEqual([]);
  });
});
