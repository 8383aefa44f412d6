/** `isms migrate`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Rewrite ISO/IEC 27001:2013 control ids to 2022',
  usage: 'isms migrate',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms migrate` is not available in this version yet');
  },
};
