/** `isms init`: placeholder until its issue lands; says so instead of pretending. */
import { UsageError } from '../config/load.js';
import type { Command } from './types.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold a new ISMS repository',
  usage: 'isms init',
  allowPositionals: true,
  options: {},
  async run() {
    throw new UsageError('`isms init` is not available in this version yet');
  },
};
