/** `kielo train wavenet`: not built yet; the issue that owns it replaces this file. */
import type { CliCommand } from '../command';
import { UsageError } from '../../util/errors';

export const command: CliCommand = {
  name: 'train wavenet',
  summary: 'not available yet',
  usage: '',
  help: '',
  options: {},
  async run() {
    throw new UsageError('kielo train wavenet is not available in this build yet');
  },
};
