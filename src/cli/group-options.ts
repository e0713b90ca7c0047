/** `--group-by` and `--group-pattern`, as `kielo train lid`, `kielo eval` and `kielo crossval` take them. */
import { enumOption, stringOption, type OptionValues } from './options';
import { compileGroupPattern, type GroupBy } from '../datasets';
import { UsageError } from '../util/errors';

/**
 * The grouping among `choices` and its pattern. A pattern needs a speaker or source grouping, and is compiled here so a
 * bad one is a usage error at once.
 */
export function groupOptions<G extends GroupBy>(values: OptionValues, choices: readonly G[]): { groupBy?: G; groupPattern?: string } {
  const groupBy = enumOption(values, 'group-by', choices);
  const groupPattern = stringOption(values, 'group-pattern');
  if (groupPattern !== undefined) {
    if (groupBy === undefined || groupBy === 'file') throw new UsageError('--group-pattern needs --group-by speaker|source');
    compileGroupPattern(groupPattern);
  }
  return { groupBy, groupPattern };
}
