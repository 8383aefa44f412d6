/** `isms remind`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const remindCommand: Command = {
  name: 'remind',
  summary: 'Open, update and close review-reminder issues on GitHub',
  usage: 'isms remind',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms remind` is not available in this version yet');
  },
};
