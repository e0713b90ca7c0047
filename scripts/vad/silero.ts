/**
 * Silero VAD (github.com/snakers4/silero-vad, MIT) run with onnxruntime-web's wasm engine in Node, for measuring it
 * against our detector. Neither package is a dependency of Kielo: both are found in the repository's node_modules or
 * in a scratch folder (SILERO_INSTALL), and the model file comes from @ricky0123/vad-web's dist folder (it ships
 * silero_vad_legacy.onnx (v4), silero_vad_v5.onnx and silero_vad_v6.onnx) — nothing is downloaded at run time.
 *
 * The model is called as silero-vad's own OnnxWrapper (utils_vad.py) and @ricky0123/vad-web's models/silero.js call
 * it: 16 kHz, 512-sample frames, each preceded by the last 64 samples of the frame before (zeros for the first),
 * input [1, 576] float32, state [2, 1, 128] float32 carried from frame to frame (zeros at the start of a clip), sr an
 * int64 16000; output [1, 1] speech probability. v4 (legacy) takes h and c [2, 1, 64] instead of state and no context.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The scratch folder the compare script looks in after the repository. */
export const SILERO_SCRATCH = '/tmp/kielo-silero';
/** The command that installs what the compare script needs, outside Kielo's package.json. */
export const SILERO_INSTALL = `mkdir -p ${SILERO_SCRATCH} && npm install --prefix ${SILERO_SCRATCH} onnxruntime-web@1 @ricky0123/vad-web@0.0.31`;

/** Silero model versions @ricky0123/vad-web ships. */
export const SILERO_VERSIONS = ['v5', 'v6', 'legacy'] as const;
export type SileroVersion = (typeof SILERO_VERSIONS)[number];

/** Samples per frame at 16 kHz (32 ms). */
export const SILERO_FRAME = 512;
const CONTEXT = 64;
const RATE = 16000;

/** The part of onnxruntime-web's API used here. */
interface OrtTensor {
  data: ArrayLike<number | bigint>;
  dispose(): void;
}
interface OrtSession {
  inputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  env: { wasm: { numThreads: number } };
  Tensor: new (type: string, data: Float32Array | BigInt64Array, dims?: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array): Promise<OrtSession> };
}

/** A loaded Silero model. */
export interface SileroVad {
  version: SileroVersion;
  /** Where onnxruntime-web and the model file were found. */
  runtimePath: string;
  modelPath: string;
  /** Speech probability of each 512-sample frame of `samples` (16 kHz mono; the last frame zero-padded), state reset first. */
  probabilities(samples: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Folders searched for the two packages, in order: `from` when given, else the repository, then SILERO_SCRATCH. */
export function sileroSearchPath(from?: string): string[] {
  return from !== undefined ? [resolve(from)] : [process.cwd(), SILERO_SCRATCH];
}

/** Resolves `request` from the first of `dirs` that has it; undefined when none does. */
function resolveFrom(dirs: readonly string[], request: string): string | undefined {
  for (const dir of dirs) {
    try {
      return createRequire(join(dir, 'noop.js')).resolve(request);
    } catch {
      // not in this one
    }
  }
  return undefined;
}

/**
 * Loads onnxruntime-web and the Silero `version` model file from the first folder of sileroSearchPath(from) that has
 * them. Error naming what is missing, where it looked and the install command when either is absent.
 */
export async function loadSilero(version: SileroVersion = 'v5', from?: string): Promise<SileroVad> {
  const dirs = sileroSearchPath(from);
  const runtimePath = resolveFrom(dirs, 'onnxruntime-web');
  const vadPackage = resolveFrom(dirs, '@ricky0123/vad-web/package.json');
  const modelPath = vadPackage && join(dirname(vadPackage), 'dist', `silero_vad_${version}.onnx`);
  const missing = [
    ...(runtimePath ? [] : ['onnxruntime-web']),
    ...(modelPath && existsSync(modelPath) ? [] : [`the Silero model file silero_vad_${version}.onnx (from @ricky0123/vad-web)`]),
  ];
  if (missing.length) throw new Error(`Silero VAD: ${missing.join(' and ')} not found (looked in ${dirs.join(', ')}). Install them outside Kielo with:\n  ${SILERO_INSTALL}`);
  const loaded = (await import(pathToFileURL(runtimePath!).href)) as Ort & { default?: Ort };
  const ort = loaded.default ?? loaded;
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(await readFile(modelPath!)));
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE)]));
  const legacy = version === 'legacy';
  const zeros = (n: number, dims: number[]) => new ort.Tensor('float32', new Float32Array(n), dims);
  return {
    version,
    runtimePath: runtimePath!,
    modelPath: modelPath!,
    async probabilities(samples) {
      const frames = Math.ceil(samples.length / SILERO_FRAME);
      const out = new Float32Array(frames);
      let state: Record<string, OrtTensor> = legacy ? { h: zeros(128, [2, 1, 64]), c: zeros(128, [2, 1, 64]) } : { state: zeros(256, [2, 1, 128]) };
      const context = legacy ? 0 : CONTEXT;
      for (let f = 0; f < frames; f++) {
        const input = new Float32Array(context + SILERO_FRAME);
        const start = f * SILERO_FRAME;
        input.set(samples.subarray(Math.max(0, start - context), Math.min(samples.length, start + SILERO_FRAME)), start >= context ? 0 : context);
        const result = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), sr, ...state });
        out[f] = Number(result.output.data[0]);
        state = legacy ? { h: result.hn, c: result.cn } : { state: result.stateN };
      }
      return out;
    },
    async release() {
      await session.release();
    },
  };
}
