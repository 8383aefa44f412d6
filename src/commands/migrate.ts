/**
 * `isms migrate [paths...] [--dry-run]`: rewrites ISO/IEC 27001:2013 control ids
 * to 2022 in policies' `iso27001.controls` and in the SoA's control keys, editing
 * the text in place (comments, order, quoting and layout stay). All files are
 * planned before any is written: a file that cannot be read or parsed stops the
 * run with nothing written (exit 2).
 */
import path from 'node:path';
import { findPolicyFiles } from '../check.js';
import { loadConfig, UsageError } from '../config/load.js';
import { unifiedDiff } from '../edit/diff.js';
import { migrateText, type FileKind } from '../edit/migrate.js';
import { readEditable, withBom } from '../edit/source.js';
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
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Rewrite ISO/IEC 27001:2013 control ids to 2022 (policies and soa.yml)',
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
      const result = migrateText(target.kind, read.file.text);
      if (!result.ok) {
        failures.push(`${target.file}: ${result.message}`);
        continue;
      }
      if (result.text !== read.file.text || result.notes.length > 0) {
        plans.push({ file: target.file, real: read.file.real, before: read.file.text, after: result.text, written: withBom(read.file, result.text), notes: result.notes });
      }
    }
    if (failures.length > 0) {
      // One line per file (file names and messages can hold line breaks: shown visibly), then the one-line error.
      io.stderr(failures.map((line) => `  ${safeText(line)}\n`).join(''));
      throw new UsageError(`Nothing was written; cannot migrate ${failures.length === 1 ? 'the file' : `the ${failures.length} files`} above`);
    }

    const changed = plans.filter((plan) => plan.after !== plan.before);
    const report = describe(plans, targets.length, dryRun);
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

function describe(plans: readonly Planned[], scanned: number, dryRun: boolean): string {
  if (plans.length === 0) return `No ISO/IEC 27001:2013 control ids in ${scanned} file${scanned === 1 ? '' : 's'}: nothing to migrate.`;
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(safeText(plan.file), ...plan.notes.map((note) => `  ${safeText(note)}`));
  }
  const changed = plans.filter((plan) => plan.after !== plan.before).length;
  const files = `${changed} of ${scanned} file${scanned === 1 ? '' : 's'}`;
  lines.push(dryRun ? `Would migrate ${files} to ISO/IEC 27001:2022 ids.` : `Migrated ${files} to ISO/IEC 27001:2022 ids. Review the changes (git diff) and run \`isms check\`.`);
  return lines.join('\n');
}
