/** `isms new`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'Create a draft policy from a template',
  usage: 'isms new',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms new` is not available in this version yet');
  },
};
