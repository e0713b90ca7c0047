/**
 * Silero VAD v6 (github.com/snakers4/silero-vad, MIT; assets/vad/README.md) as a whole-clip speech decision, the
 * opt-in alternative to our energy+spectral detector (speech-detector.ts): a small recurrent network run with
 * onnxruntime-web's wasm engine (single-threaded, no download: its .mjs/.wasm pair comes from
 * node_modules/onnxruntime-web/dist under tsx, or from the bundles' app/ort folder, scripts/build-bundles.mjs).
 *
 * The model is called as silero-vad's own OnnxWrapper (utils_vad.py) calls it: 16 kHz, 512-sample frames, each
 * preceded by the last 64 samples of the frame before (zeros for the first), input [1, 576] float32, state
 * [2, 1, 128] float32 carried from frame to frame (zeros at the start of a clip), sr an int64 16000; output [1, 1]
 * speech probability. A clip is speech when more than SILERO_MIN_FRACTION of its frames have probability
 * >= FRAME_SPEECH_PROBABILITY (the fraction chosen by scripts/vad/silero-compare.ts on the tuning material).
 */
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Ort from 'onnxruntime-web';
import { resample } from '../audio';

/** The model file Kielo ships (assets/vad/silero_vad_v6.onnx). */
export const SILERO_MODEL = fileURLToPath(new URL('../../assets/vad/silero_vad_v6.onnx', import.meta.url));

/** Set in the package's bundles (scripts/build-bundles.mjs): the folder of onnxruntime-web's .mjs/.wasm, relative to this file. */
declare const KIELO_ORT_WASM_DIR: string | undefined;

/** Sample rate the model is run at (other rates are resampled to it). */
export const SILERO_RATE = 16000;
/** Samples per frame at 16 kHz (32 ms). */
export const SILERO_FRAME = 512;
const CONTEXT = 64;

/** Silero's own default: a frame is speech when its probability is at least this. */
export const FRAME_SPEECH_PROBABILITY = 0.5;

/**
 * A clip is speech when more than this fraction of its frames are speech frames: chosen by scripts/vad/silero-compare.ts
 * (chooseMinFraction, best balanced accuracy on the demo LID train split and generated non-speech of seed 1).
 */
export const SILERO_MIN_FRACTION = 0.118;

/** How many of `probabilities` are at or above `threshold`. */
export function speechFrameCount(probabilities: ArrayLike<number>, threshold = FRAME_SPEECH_PROBABILITY): number {
  let n = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i] >= threshold) n += 1;
  return n;
}

/** Fraction of `probabilities` at or above `threshold`; 0 for no frames. */
export function speechFrameFraction(probabilities: ArrayLike<number>, threshold = FRAME_SPEECH_PROBABILITY): number {
  return probabilities.length === 0 ? 0 : speechFrameCount(probabilities, threshold) / probabilities.length;
}

/** A loaded Silero model. */
export interface SileroVad {
  modelPath: string;
  /** Speech probability of each 512-sample frame of `samples` (16 kHz mono; the last frame zero-padded), state reset first. */
  probabilities(samples: Float32Array): Promise<Float32Array>;
}

/** The folder of onnxruntime-web's ort-wasm-simd-threaded.mjs / .wasm. */
function ortWasmDir(): string {
  if (typeof KIELO_ORT_WASM_DIR === 'string') return fileURLToPath(new URL(KIELO_ORT_WASM_DIR, import.meta.url));
  return dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
}

const loaded = new Map<string, Promise<SileroVad>>();

/**
 * Silero from `modelPath` (default the shipped v6), loaded once per process and path. Clips are run one after
 * another (each carries its own state through its frames). Error naming the file when it cannot be read.
 */
export function loadSilero(modelPath = SILERO_MODEL): Promise<SileroVad> {
  let vad = loaded.get(modelPath);
  if (!vad) {
    vad = createSilero(modelPath);
    loaded.set(modelPath, vad);
    vad.catch(() => loaded.delete(modelPath));
  }
  return vad;
}

async function createSilero(modelPath: string): Promise<SileroVad> {
  const model = await readFile(modelPath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Silero VAD model ${modelPath}: ${error.code === 'ENOENT' ? 'not found' : error.message}`);
  });
  const ort: typeof Ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = `${pathToFileURL(ortWasmDir()).href}/`;
  const session = await ort.InferenceSession.create(new Uint8Array(model)).catch((error: unknown) => {
    throw new Error(`Silero VAD model ${modelPath}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SILERO_RATE)]));
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (samples: Float32Array): Promise<Float32Array> => {
    const frames = Math.ceil(samples.length / SILERO_FRAME);
    const out = new Float32Array(frames);
    let state: Ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    for (let f = 0; f < frames; f++) {
      const input = new Float32Array(CONTEXT + SILERO_FRAME);
      const start = f * SILERO_FRAME;
      input.set(samples.subarray(Math.max(0, start - CONTEXT), Math.min(samples.length, start + SILERO_FRAME)), start >= CONTEXT ? 0 : CONTEXT);
      const result = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), sr, state });
      out[f] = Number(result.output.data[0]);
      state = result.stateN;
    }
    return out;
  };
  return {
    modelPath,
    probabilities(samples) {
      const next = queue.then(() => run(samples));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** Silero's whole-clip decision and what it rests on. */
export interface SileroDecision {
  speech: boolean;
  /** Frames analysed (32 ms each at 16 kHz). */
  frames: number;
  /** Fraction of frames with probability >= FRAME_SPEECH_PROBABILITY. */
  speechFraction: number;
}

/** Whether `samples` (mono at `sampleRate`) hold speech by Silero: more than SILERO_MIN_FRACTION speech frames. */
export async function detectSpeechSilero(samples: Float32Array, sampleRate: number): Promise<SileroDecision> {
  const vad = await loadSilero();
  const at16k = sampleRate === SILERO_RATE ? samples : resample(samples, sampleRate, SILERO_RATE);
  const probabilities = await vad.probabilities(at16k);
  const speechFraction = speechFrameFraction(probabilities);
  return { speech: speechFraction > SILERO_MIN_FRACTION, frames: probabilities.length, speechFraction };
}
