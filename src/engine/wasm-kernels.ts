/**
 * Turns on Kielo's own kernels for the wasm backend (gemm, TDNN, pair energy, Adam, sharing Identity: see
 * docs/ARCHITECTURE.md) once the backend is initialised and its memory is one the kernels can import; where it is
 * not, they stay off and every layer keeps its tfjs-op path.
 */
import { registerWasmAdam } from './wasm-adam';
import { checkWasmBackend } from './wasm-backend';
import { registerWasmIdentity } from './wasm-identity';
import { registerWasmMatMul } from './wasm-matmul';
import { registerWasmPairEnergy } from './wasm-pair-energy';
import { registerWasmTdnn } from './wasm-tdnn';

let registered = false;

/** Checks the initialised wasm backend and registers the kernels (once); returns whether they run. */
export function enableWasmKernels(backend: unknown): boolean {
  if (!checkWasmBackend(backend)) return false;
  if (!registered) {
    registerWasmIdentity();
    registerWasmMatMul();
    registerWasmTdnn();
    registerWasmPairEnergy();
    registerWasmAdam();
    registered = true;
  }
  return true;
}
