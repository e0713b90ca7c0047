/** The --vad option of classify and eval: which speech detector decides "no speech" (src/features/vad.ts). */
import { VADS, type VadName } from '../features/vad';
import type { OptionSpec } from './command';
import { enumOption, type OptionValues } from './options';

/** The parseArgs spec of --vad. */
export const vadSpec = { vad: { type: 'string' } } satisfies OptionSpec;

/** Its help lines: what each detector is and how they measured (assets/vad/README.md, scripts/vad/silero-compare.ts). */
export const vadHelp = [
  `  --vad D           speech detector, ${VADS.join('|')}: kielo (default) is ours, energy and spectral shape;`,
  '                    silero is Silero VAD v6 (a network, 10-13x our cost, still >18x real time). Measured:',
  '                    real speech kept 97.6% silero / 97.4% kielo; recorded sound effects rejected 97.8% / 19.8%',
].join('\n');

/** The --vad value, undefined when absent (the default, kielo); UsageError naming the allowed values otherwise. */
export function vadOption(values: OptionValues): VadName | undefined {
  return enumOption(values, 'vad', VADS);
}
