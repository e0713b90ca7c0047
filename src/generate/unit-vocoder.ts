/**
 * Babble from a unit prior through a WaveNet vocoder in one call: a unit sequence drawn from the prior's bigram, its
 * centroids as a raw log-mel sequence at the corpus's median level, normalised as the vocoder was trained (per
 * utterance) and vocoded, and the sequence's level put back on the waveform (vocodeLogMel). No input:
 * an unconditional two-stage generator (units, then waveform).
 */
import { hopSamples } from '../features';
import { loadUnitPrior, sampleUnits, unitLogMel } from '../models/unit-prior';
import type { WavenetWeights } from '../models/wavenet';
import { checkSameFrontEnd, vocodeLogMel, vocoderMelSpec, type VocodeOptions } from './vocoder';

/** Options of vocodeUnitPrior: the length, the prior's seed, and the vocoder's sampling (its seed is `seed` too). */
export type VocodeUnitPriorOptions = Omit<VocodeOptions, 'samples'> & {
  /** Seconds to generate (> 0). */
  seconds: number;
  /** Names the two models in errors. */
  names?: { vocoder: string; prior: string };
};

/** Loads the unit prior in `priorDir`, draws `seconds` of units with options.seed and vocodes them with `weights`. */
export async function vocodeUnitPrior(weights: WavenetWeights, priorDir: string, options: VocodeUnitPriorOptions): Promise<{ samples: Float32Array; samplesPerSecond: number; units: Int32Array; gainDb: number }> {
  const names = options.names ?? { vocoder: 'the vocoder', prior: priorDir };
  if (!(options.seconds > 0) || !Number.isFinite(options.seconds)) throw new RangeError(`seconds must be > 0, got ${options.seconds}`);
  const spec = vocoderMelSpec(weights.config, names.vocoder);
  const { prior, spec: priorSpec } = await loadUnitPrior(priorDir);
  checkSameFrontEnd(spec, priorSpec, `unit prior ${names.prior}`, names.vocoder);
  const hop = hopSamples(spec);
  const samples = Math.max(1, Math.round(options.seconds * weights.config.sampleRate));
  const units = sampleUnits(prior, Math.ceil(samples / hop), options.seed ?? 1);
  const { seconds: _seconds, names: _names, ...vocodeOptions } = options;
  const generated = await vocodeLogMel(weights, unitLogMel(prior, units), { ...vocodeOptions, samples });
  return { ...generated, units };
}
