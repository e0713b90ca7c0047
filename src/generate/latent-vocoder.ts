/**
 * A VAE's log-mel through a WaveNet vocoder in one call: patches drawn from the VAE's prior (or decoded along the
 * straight path between two files' mean codes) are laid out as one log-mel sequence and vocoded.
 *
 * Units: the VAE normalises patches by its training set's per-band mean and one standard deviation (config.norm)
 * and decodeCodes undoes that, so decoded patches are raw log-mel (natural log of mel power, the VAE's FeatureSpec,
 * cmvn 'none'). The vocoder was trained on its own FeatureSpec, per-utterance normalised when melSpec.cmvn is
 * 'utterance': the sequence is checked to have the vocoder's front end (rate, hop, window, bands...) and normalised
 * over its own frames (toVocoderFrames), exactly as a recording's frames are; the VAE's absolute level does not
 * reach such a vocoder (it never saw any) and is put back on its waveform by one gain (vocodeLogMel).
 */
import { initEngine } from '../engine';
import { hopSamples, type FeatureMatrix } from '../features';
import { decodeCodes, encodeFile, interpolateCodes, loadGenerative, overlapAddPatches, samplePatches, type LoadedGenerative } from '../models/generative';
import type { WavenetWeights } from '../models/wavenet';
import { checkSameFrontEnd, vocodeLogMel, vocoderMelSpec, type VocodeOptions } from './vocoder';

/** Frames shared by neighbouring patches in the sequence (cross-faded); the rest of each patch stands as decoded. */
const SEAM_FRAMES = 4;

/** Where the log-mel comes from: the VAE's prior, or the path from file `from` to file `to`. */
export type LatentSource = { kind: 'prior'; seed: number } | { kind: 'interpolation'; from: string; to: string };

/** Options of vaeLogMel. */
export interface VaeLogMelOptions {
  /** Seconds of log-mel wanted (> 0); the sequence holds at least one patch. */
  seconds: number;
  source: LatentSource;
}

/** Patches of `patchFrames` that cover `seconds` of frames (at least one) with SEAM_FRAMES shared between neighbours. */
function patchesFor(patchFrames: number, seconds: number, hopMs: number): number {
  const wanted = Math.max(patchFrames, Math.round((seconds * 1000) / hopMs));
  return 1 + Math.ceil((wanted - patchFrames) / (patchFrames - SEAM_FRAMES));
}

/** A raw log-mel sequence [frames x nMels] from a loaded VAE: prior patches or an interpolation, laid end to end with cross-faded seams. */
export async function vaeLogMel(vae: LoadedGenerative, o: VaeLogMelOptions): Promise<FeatureMatrix> {
  const { patch, nMels } = vae.net.config;
  const wanted = patchesFor(patch.frames, o.seconds, vae.spec.hopMs);
  let patches: Float32Array;
  if (o.source.kind === 'prior') {
    patches = samplePatches(vae.net, wanted, o.source.seed);
  } else {
    const [a, b] = [await encodeFile(vae, o.source.from), await encodeFile(vae, o.source.to)];
    patches = decodeCodes(vae.net, interpolateCodes(Float32Array.from(a.code), Float32Array.from(b.code), Math.max(2, wanted)));
  }
  const count = patches.length / (patch.frames * nMels);
  const starts = Array.from({ length: count }, (_, i) => i * (patch.frames - SEAM_FRAMES));
  return overlapAddPatches(patches, starts, patch, nMels, starts[count - 1] + patch.frames);
}

/** Options of vocodeVae: where the frames come from, and the vocoder's sampling. */
export type VocodeVaeOptions = VaeLogMelOptions & Omit<VocodeOptions, 'samples'> & {
  /** Names the two models in errors. */
  names?: { vocoder: string; vae: string };
};

/** Loads the VAE in `vaeDir`, makes its log-mel sequence, and vocodes it with `weights`; samples at the vocoder's rate. */
export async function vocodeVae(weights: WavenetWeights, vaeDir: string, options: VocodeVaeOptions): Promise<{ samples: Float32Array; samplesPerSecond: number; frames: number }> {
  const names = options.names ?? { vocoder: 'the vocoder', vae: vaeDir };
  const spec = vocoderMelSpec(weights.config, names.vocoder);
  await initEngine();
  const vae = await loadGenerative(vaeDir, ['vae']);
  try {
    checkSameFrontEnd(spec, vae.spec, `VAE ${names.vae}`, names.vocoder);
    const raw = await vaeLogMel(vae, options);
    const { seconds: _seconds, source: _source, names: _names, ...vocodeOptions } = options;
    // the sequence is whole patches; the waveform stops at the seconds asked (at most the frames' length)
    const samples = Math.min(raw.frames * hopSamples(spec), Math.max(1, Math.round(options.seconds * weights.config.sampleRate)));
    const generated = await vocodeLogMel(weights, raw, { ...vocodeOptions, samples });
    return { samples: generated.samples, samplesPerSecond: generated.samplesPerSecond, frames: raw.frames };
  } finally {
    vae.net.dispose();
  }
}
