/** `kielo eval`: not built yet; the issue that owns it replaces this file. */
import type { CliCommand } from '../command';
import { UsageError } from '../../util/errors';

export const command: CliCommand = {
  name: 'eval',
  summary: 'not available yet',
  usage: '',
  help: '',
  options: {},
  async run() {
    throw new UsageError('kielo eval is not available in this build yet');
  },
};
