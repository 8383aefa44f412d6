/**
 * `isms migrate [paths...] [--dry-run]`: rewrites ids to exact ISO/IEC 27001:2022
 * ids, editing the text in place (comments, order, quoting and layout stay):
 * policies' `iso27001.controls` (2013 controls and objectives, loose notation)
 * and `iso27001.clauses` (2013 numbering), a document's `iso27001.edition`, the
 * SoA's control keys, and, on a run over the whole ISMS, `.isms.yml` `edition:
 * 2013`. The report names the controls new in 2022 (no 2013 predecessor) as ones
 * to consider. All files are planned before any is written: a file that cannot
 * be read or parsed stops the run with nothing written (exit 2).
 */
import path from 'node:path';
import { controlsNewIn2022 } from '../catalog/index.js';
import { findPolicyFiles } from '../check.js';
import { loadConfig, UsageError } from '../config/load.js';
import { unifiedDiff } from '../edit/diff.js';
import { migrateText, type FileKind } from '../edit/migrate.js';
import { pairOf, readEditable, wholeYaml, withBom } from '../edit/source.js';
import { renderLike } from '../edit/scalar.js';
import { applyEdits } from '../edit/text.js';
import { isScalar } from 'yaml';
import { isInside, resolveInside } from '../fs/inside.js';
import { writeFileInside } from '../fs/write-inside.js';
import { SOA_LIMITS } from '../parse/soa.js';
import { safeText } from '../format/terminal.js';
import { ruleIds } from '../rules/index.js';
import { stringOption } from './output.js';
import type { Command } from './types.js';

interface Target {
  file: string;
  kind: FileKind;
}

interface Planned {
  file: string;
  /** The file's real path inside the repository, where the edit is written. */
  real: string;
  before: string;
  after: string;
  written: string;
  notes: string[];
  from2013: boolean;
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Rewrite ISO/IEC 27001:2013 ids and loosely written ids to exact 2022 ids (policies, soa.yml, .isms.yml edition)',
  usage: 'isms migrate [paths...] [--dry-run] [--config FILE]',
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean' },
    config: { type: 'string', short: 'c' },
  },
  async run({ values, positionals }, io) {
    const dryRun = values['dry-run'] === true;
    const config = loadConfig(io.cwd, stringOption(values.config), ruleIds);
    const root = config.root;
    const targets = await findTargets(config, positionals, io.cwd);

    const plans: Planned[] = [];
    const failures: string[] = [];
    for (const target of targets) {
      const read = readEditable(root, path.join(root, target.file), target.kind === 'soa' ? SOA_LIMITS : undefined);
      if (!read.ok) {
        failures.push(`${target.file}: ${read.message}`);
        continue;
      }
      const result = migrateText(target.kind, read.file.text, { edition: config.edition });
      if (!result.ok) {
        failures.push(`${target.file}: ${result.message}`);
        continue;
      }
      if (result.text !== read.file.text || result.notes.length > 0) {
        plans.push({ file: target.file, real: read.file.real, before: read.file.text, after: result.text, written: withBom(read.file, result.text), notes: result.notes, from2013: result.from2013 });
      }
    }
    const configNote = config.edition === 2013 ? planConfigEdition(config, positionals.length === 0, plans, failures) : null;
    if (failures.length > 0) {
      // One line per file (file names and messages can hold line breaks: shown visibly), then the one-line error.
      io.stderr(failures.map((line) => `  ${safeText(line)}\n`).join(''));
      throw new UsageError(`Nothing was written; cannot migrate ${failures.length === 1 ? 'the file' : `the ${failures.length} files`} above`);
    }

    const changed = plans.filter((plan) => plan.after !== plan.before);
    const scanned = targets.length + (plans.some((plan) => plan.file === config.file) ? 1 : 0);
    const report = describe(plans, scanned, dryRun) + (configNote ? `\n${configNote}` : '');
    if (dryRun) {
      // The diff alone on stdout (a patch `git apply` takes); what changed and why on stderr.
      io.stdout(changed.map((plan) => unifiedDiff(plan.before, plan.after, safeText(plan.file))).join(''));
      io.stderr(`${report}\nDry run: nothing was written.\n`);
      return 0;
    }
    // To the file itself (a link inside the repository survives), never outside the repository.
    for (const plan of changed) writeFileInside(root, plan.real, plan.written, plan.file);
    io.stdout(`${report}\n`);
    return 0;
  },
};

async function findTargets(config: ReturnType<typeof loadConfig>, positionals: readonly string[], cwd: string): Promise<Target[]> {
  const root = config.root;
  const soaPath = path.resolve(root, config.soa);
  const relative = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
  if (positionals.length === 0) {
    const targets: Target[] = (await findPolicyFiles(config, undefined)).map((file) => ({ file, kind: 'policy' }));
    // A soa.yml that is a link out of the repository is kept as a target: reading it refuses it, with the reason.
    if (isInside(root, soaPath) && resolveInside(root, soaPath).kind !== 'missing') targets.push({ file: relative(soaPath), kind: 'soa' });
    return targets;
  }
  const yamlFiles: Target[] = [];
  const others: string[] = [];
  for (const entry of positionals) {
    const absolute = path.resolve(cwd, entry);
    if (/\.ya?ml$/i.test(entry)) {
      // The same checks as any explicit path: inside the repository, through no link out of it.
      for (const file of await findPolicyFiles(config, [path.relative(root, absolute) || '.'])) yamlFiles.push({ file, kind: 'soa' });
    } else {
      others.push(path.relative(root, absolute) || '.');
    }
  }
  const policies = others.length > 0 ? await findPolicyFiles(config, others) : [];
  return [...policies.map((file): Target => ({ file, kind: 'policy' })), ...yamlFiles];
}

/**
 * `.isms.yml` `edition: 2013` becomes 2022 on a run over the whole ISMS (every
 * document is then written in 2022 ids). A run over some paths leaves it, and
 * says how the migrated documents keep their 2022 reading meanwhile.
 */
function planConfigEdition(config: ReturnType<typeof loadConfig>, wholeIsms: boolean, plans: Planned[], failures: string[]): string | null {
  if (!config.file) return null;
  if (!wholeIsms) {
    return `${safeText(config.file)} still sets \`edition: 2013\`: run \`isms migrate\` without paths to move the whole ISMS, or set \`iso27001.edition: 2022\` in each migrated document until then.`;
  }
  const read = readEditable(config.root, path.join(config.root, config.file));
  if (!read.ok) {
    failures.push(`${config.file}: ${read.message}`);
    return null;
  }
  const parsed = wholeYaml(read.file.text);
  const node = parsed.ok ? pairOf(parsed.region?.doc.contents, 'edition')?.value : undefined;
  if (!parsed.ok || !parsed.region || !isScalar(node) || !node.range) return null;
  const offset = parsed.region.offset;
  const after = applyEdits(read.file.text, [{ start: offset + node.range[0], end: offset + node.range[1], text: renderLike(node, '2022') }]);
  plans.push({ file: config.file, real: read.file.real, before: read.file.text, after, written: withBom(read.file, after), notes: ['edition 2013 → 2022'], from2013: true });
  return null;
}

function describe(plans: readonly Planned[], scanned: number, dryRun: boolean): string {
  if (plans.length === 0) return `No ISO/IEC 27001:2013 control ids in ${scanned} file${scanned === 1 ? '' : 's'}: nothing to migrate.`;
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(safeText(plan.file), ...plan.notes.map((note) => `  ${safeText(note)}`));
  }
  const changed = plans.filter((plan) => plan.after !== plan.before).length;
  const files = `${changed} of ${scanned} file${scanned === 1 ? '' : 's'}`;
  if (plans.some((plan) => plan.from2013)) {
    lines.push(
      `New in ISO/IEC 27001:2022, with no 2013 predecessor: consider these ${controlsNewIn2022.length} controls in your risk treatment and SoA:`,
      ...controlsNewIn2022.map((control) => `  ${control.id} ${control.title}`),
    );
  }
  lines.push(dryRun ? `Would migrate ${files} to ISO/IEC 27001:2022 ids.` : `Migrated ${files} to ISO/IEC 27001:2022 ids. Review the changes (git diff) and run \`isms check\`.`);
  return lines.join('\n');
}
