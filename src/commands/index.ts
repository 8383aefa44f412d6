/** Every `isms` command, in the order `isms --help` lists them. */
import { catalogCommand } from './catalog.js';
import { checkCommand } from './check.js';
import { dueCommand } from './due.js';
import { initCommand } from './init.js';
import { migrateCommand } from './migrate.js';
import { newCommand } from './new.js';
import { remindCommand } from './remind.js';
import { reportCommand } from './report.js';
import { reviewCommand } from './review.js';
import { soaCommand } from './soa.js';
import type { Command } from './types.js';

export const commands: readonly Command[] = [
  checkCommand,
  dueCommand,
  soaCommand,
  reportCommand,
  remindCommand,
  newCommand,
  initCommand,
  migrateCommand,
  reviewCommand,
  catalogCommand,
];
