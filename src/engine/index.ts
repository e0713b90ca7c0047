/**
 * The one place that loads a TensorFlow.js backend. Order of preference: tfjs-node (native TensorFlow, users'
 * desktops) > wasm (XNNPACK, SIMD) > cpu (plain JavaScript). `KIELO_ENGINE=node|wasm|cpu` or an explicit
 * argument forces one; asking for one that cannot load is an error, never a silent fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wasmKernelsReady } from './wasm-backend';
import { gemmMultiplyAdd, type MultiplyAdd } from './wasm-fma';
import { enableWasmKernels } from './wasm-kernels';

/** The engines Kielo can run on, fastest first. */
export const ENGINES = ['node', 'wasm', 'cpu'] as const;
/** One TensorFlow.js engine. */
export type EngineName = (typeof ENGINES)[number];

/** The tfjs backend name of each engine. */
const BACKEND_OF: Record<EngineName, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** Which engine runs, and why the faster ones did not. */
export interface EngineInfo {
  name: EngineName;
  /** tfjs backend name ('tensorflow', 'wasm', 'cpu'). */
  backend: string;
  /** tfjs version. */
  version: string;
  /** Why each faster engine was passed over (empty when the first choice loaded). */
  skipped: { name: EngineName; reason: string }[];
  /** Kielo's own kernels on top of the engine ('Kielo WebAssembly SIMD', '... + FMA' on wasm), or null. */
  kernels: string | null;
}

/** The names EngineInfo.kernels gives Kielo's wasm kernels, by their gemm's multiply-add (wasm-fma.ts). */
export const WASM_KERNELS_LABEL: Record<MultiplyAdd, string> = {
  simd128: 'Kielo WebAssembly SIMD',
  'relaxed-fma': 'Kielo WebAssembly SIMD + FMA',
};

const require = createRequire(import.meta.url);
/** Set in the package's bundles (scripts/build-bundles.mjs): the folder of tfjs-backend-wasm's .wasm files, relative to this file. */
declare const KIELO_WASM_DIR: string | undefined;
let current: EngineInfo | null = null;

/** Parses an engine name from user input (flag or env var); throws with the bad value. */
export function parseEngineName(value: string): EngineName {
  if ((ENGINES as readonly string[]).includes(value)) return value as EngineName;
  throw new Error(`unknown engine '${value}': expected one of ${ENGINES.join(', ')}`);
}

async function loadEngine(name: EngineName): Promise<void> {
  if (name === 'node') {
    await import('@tensorflow/tfjs-node' as string);
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dir = typeof KIELO_WASM_DIR === 'string'
      ? fileURLToPath(new URL(KIELO_WASM_DIR, import.meta.url))
      : dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${pathToFileURL(dir).pathname}/`);
  }
  const ok = await tf.setBackend(BACKEND_OF[name]);
  if (!ok) throw new Error(`backend '${BACKEND_OF[name]}' failed to initialise`);
  await tf.ready();
  if (name === 'wasm') enableWasmKernels(tf.backend());
}

/**
 * Initialises TensorFlow.js once per process and returns which engine runs. `preference` (or KIELO_ENGINE)
 * forces one engine; 'auto' (default) takes the fastest that loads.
 */
export async function initEngine(preference: EngineName | 'auto' = 'auto'): Promise<EngineInfo> {
  const forced = preference !== 'auto' ? preference : process.env.KIELO_ENGINE ? parseEngineName(process.env.KIELO_ENGINE) : null;
  if (current && (!forced || current.name === forced)) return current;
  const candidates: EngineName[] = forced ? [forced] : [...ENGINES];
  if (candidates.includes('wasm')) gemmMultiplyAdd(); // a bad KIELO_WASM_FMA is an error, not a silent fallback
  const skipped: EngineInfo['skipped'] = [];
  for (const name of candidates) {
    try {
      await loadEngine(name);
      current = { name, backend: tf.getBackend(), version: tf.version.tfjs, skipped, kernels: wasmKernelsReady() ? WASM_KERNELS_LABEL[gemmMultiplyAdd()] : null };
      return current;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      if (forced) throw new Error(`engine '${name}' is not available here: ${reason}`);
      skipped.push({ name, reason });
    }
  }
  throw new Error(`no TensorFlow.js engine could load: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** The engine initialised by initEngine, or null before it ran. */
export function currentEngine(): EngineInfo | null {
  return current;
}

/** The engines that load on this machine (each tried in turn; leaves the fastest active). For tests and benches. */
export async function availableEngines(): Promise<EngineName[]> {
  const found: EngineName[] = [];
  for (const name of [...ENGINES].reverse()) {
    try {
      await initEngine(name);
      found.unshift(name);
    } catch {
      // not on this machine
    }
  }
  if (found.length) await initEngine(found[0]);
  return found;
}

export { tf };
export { gemm, usesWasmGemm } from './wasm-matmul';
export { wasmTdnnForward, wasmTdnnGrad, type TdnnAttrs } from './wasm-tdnn';
export { usesWasmPairEnergy, wasmPairEnergy, wasmPairEnergyGrad } from './wasm-pair-energy';
export { wasmKernelsReady } from './wasm-backend';
export { gemmMultiplyAdd, type MultiplyAdd } from './wasm-fma';
export { usesWasmAdam, wasmAdamStep, type AdamConstants } from './wasm-adam';
export { readFloatsInto } from './wasm-read';
