/** `isms report`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the HTML coverage and review report',
  usage: 'isms report',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms report` is not available in this version yet');
  },
};
