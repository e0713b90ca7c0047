/**
 * A generative model on audio files: a file's codes, its reconstruction, samples and interpolations as audio
 * through a MelVocoder (Griffin-Lim unless another is given). A file shorter than one patch is an InputFileError
 * naming it.
 */
import { loadAudio } from '../../audio';
import type { FeatureMatrix } from '../../features';
import { griffinLimVocoder, type MelVocoder } from '../../features/griffin-lim';
import { logMelDistanceDb } from '../../features/mel-distance';
import { InputFileError } from '../../util/errors';
import { decodeCodes, encodePatches, meanCode, reconstructLogMel, samplePatches } from './codec';
import type { LoadedGenerative } from './files';
import { extractPatches, logMelOf, patchSamples, patchSize } from './patches';
import { interpolateCodes } from './vae';

/** Seconds of silence between generated patches laid end to end. */
const GAP_SECONDS = 0.1;

/** A file's log-mel at the model's front end; InputFileError when it is shorter than one patch. */
export async function fileLogMel(model: LoadedGenerative, file: string): Promise<FeatureMatrix> {
  const { samples } = await loadAudio(file, { sampleRate: model.spec.sampleRate });
  const m = logMelOf(samples, model.spec);
  const { patch } = model.net.config;
  if (m.frames < patch.frames) {
    const need = patchSamples(patch, model.spec) / model.spec.sampleRate;
    throw new InputFileError(file, `shorter than one patch: ${(samples.length / model.spec.sampleRate).toFixed(3)} s, the model reads ${patch.frames} frames (${need.toFixed(3)} s)`);
  }
  return m;
}

/** The codes of one file. */
export interface FileCodes {
  file: string;
  /** The mean of the patch codes (what the latent map places). */
  code: number[];
  /** One code per patch, every `hop` frames. */
  patches: number[][];
  /** Start of each patch in seconds. */
  starts: number[];
}

/** Codes of a file's patches (AE: bottleneck, VAE: encoder mean) and their mean. */
export async function encodeFile(model: LoadedGenerative, file: string): Promise<FileCodes> {
  const m = await fileLogMel(model, file);
  const { data, starts } = extractPatches(m, model.net.config.patch);
  const codes = encodePatches(model.net, data);
  const k = model.net.config.code;
  const hop = model.spec.hopMs / 1000;
  return {
    file,
    code: [...meanCode(model.net, m)],
    patches: starts.map((_, i) => [...codes.subarray(i * k, (i + 1) * k)]),
    starts: starts.map((s) => s * hop),
  };
}

/** A file through the model and back to audio, with the log-mel distance (dB) of the reconstruction from the original. */
export async function reconstructFile(model: LoadedGenerative, file: string, vocoder: MelVocoder = griffinLimVocoder()): Promise<{ samples: Float32Array; distortionDb: number }> {
  const m = await fileLogMel(model, file);
  const rebuilt = reconstructLogMel(model.net, m);
  return { samples: vocoder.vocode(rebuilt, model.spec), distortionDb: logMelDistanceDb(m, rebuilt) };
}

/** Log-mel patches [count x D] as audio: each vocoded on its own, laid end to end with a short silence between. */
export function patchesToAudio(model: LoadedGenerative, patches: Float32Array, vocoder: MelVocoder = griffinLimVocoder()): Float32Array {
  const { patch, nMels } = model.net.config;
  const d = patchSize(patch, nMels);
  const count = patches.length / d;
  const gap = Math.round(GAP_SECONDS * model.spec.sampleRate);
  const pieces = Array.from({ length: count }, (_, i) => vocoder.vocode({ data: patches.subarray(i * d, (i + 1) * d), frames: patch.frames, dims: nMels }, model.spec));
  const out = new Float32Array(pieces.reduce((a, p) => a + p.length + gap, 0));
  pieces.reduce((at, p) => (out.set(p, at), at + p.length + gap), 0);
  return out;
}

/** Seconds one generated patch takes in patchesToAudio's output (the patch and the gap after it). */
export function secondsPerPatch(model: LoadedGenerative): number {
  return patchSamples(model.net.config.patch, model.spec) / model.spec.sampleRate + GAP_SECONDS;
}

/** `count` samples of a VAE (its prior) or GAN (its noise, scaled by temperature) as audio. */
export function generateAudioSamples(model: LoadedGenerative, count: number, seed: number, temperature = 1, vocoder?: MelVocoder): Float32Array {
  return patchesToAudio(model, samplePatches(model.net, count, seed, temperature), vocoder);
}

/** The straight path from file a's mean code to file b's, in `steps` decoded patches, as audio. */
export async function interpolateFiles(model: LoadedGenerative, a: string, b: string, steps: number, vocoder?: MelVocoder): Promise<Float32Array> {
  const [ca, cb] = [await encodeFile(model, a), await encodeFile(model, b)];
  return patchesToAudio(model, decodeCodes(model.net, interpolateCodes(Float32Array.from(ca.code), Float32Array.from(cb.code), steps)), vocoder);
}
