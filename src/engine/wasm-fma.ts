/**
 * How Kielo's gemm (and so the TDNN kernels built on it) multiplies and adds in its inner loop: 'relaxed-fma',
 * one fused f32x4.relaxed_madd of WebAssembly relaxed SIMD, or 'simd128', an f32x4.mul then an f32x4.add.
 * Relaxed SIMD is detected, never assumed: a tiny module using the instruction must validate (Electron's V8
 * validates it; Node 20's only under --experimental-wasm-relaxed-simd). KIELO_WASM_FMA chooses: 'auto' (default:
 * relaxed-fma where it validates), 'off' (simd128 always) or 'on' (relaxed-fma, an error where it does not validate).
 */
import { assembleModule, FunctionBuilder } from '../util/wasm-emitter';

/** The gemm inner loop's multiply-add. */
export type MultiplyAdd = 'relaxed-fma' | 'simd128';

/** What KIELO_WASM_FMA asks for. */
export type FmaSetting = 'auto' | 'on' | 'off';

/** The environment variable that chooses the multiply-add. */
export const FMA_ENV = 'KIELO_WASM_FMA';

interface WasmValidate {
  validate(bytes: Uint8Array): boolean;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmValidate }).WebAssembly;

/**
 * A module with one function, probe(): stores f32x4.relaxed_madd(2, 3, 4) (= 2 x 3 + 4 = 10 in every lane) at
 * byte 0 of its own memory. Validating it detects relaxed SIMD; running it checks the operand order.
 */
export function relaxedMaddProbe(): Uint8Array {
  const f = new FunctionBuilder(0);
  f.i32(0).f32x4Const(2).f32x4Const(3).f32x4Const(4).f32x4RelaxedMadd().v128Store(0);
  return assembleModule(1, [{ name: 'probe', body: f }]);
}

/** Whether this runtime validates relaxed SIMD's f32x4.relaxed_madd. */
export function relaxedSimdValidates(): boolean {
  return wasmApi.validate(relaxedMaddProbe());
}

/** Reads KIELO_WASM_FMA (unset or empty: 'auto'); another value is an error naming it. */
export function parseFmaSetting(value: string | undefined): FmaSetting {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'on' || value === 'off') return value;
  throw new Error(`${FMA_ENV}='${value}': expected auto, on or off`);
}

/** The multiply-add a setting gives on a runtime that does (or does not) validate relaxed SIMD. */
export function chooseMultiplyAdd(setting: FmaSetting, relaxedSimd: boolean): MultiplyAdd {
  if (setting === 'off') return 'simd128';
  if (relaxedSimd) return 'relaxed-fma';
  if (setting === 'on') {
    throw new Error(`${FMA_ENV}=on, but this runtime does not validate WebAssembly relaxed SIMD (Node 20: run node with --experimental-wasm-relaxed-simd)`);
  }
  return 'simd128';
}

let chosen: MultiplyAdd | undefined;

/** The multiply-add of this process's gemm kernels: KIELO_WASM_FMA and the runtime, decided once. */
export function gemmMultiplyAdd(): MultiplyAdd {
  chosen ??= chooseMultiplyAdd(parseFmaSetting(process.env[FMA_ENV]), relaxedSimdValidates());
  return chosen;
}
