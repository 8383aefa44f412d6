/** `isms soa`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const soaCommand: Command = {
  name: 'soa',
  summary: 'Render the Statement of Applicability joined with the policies',
  usage: 'isms soa',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms soa` is not available in this version yet');
  },
};
