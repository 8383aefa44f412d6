/** `isms review`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'Record a review: set last_reviewed in place',
  usage: 'isms review',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms review` is not available in this version yet');
  },
};
