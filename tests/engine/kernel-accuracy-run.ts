/**
 * Child process of tests/engine/wasm-fma.test.ts: loads the wasm engine (its multiply-add as this process's
 * runtime and KIELO_WASM_FMA decide) and prints one JSON line: the kernels' label, the multiply-add, the worst
 * errors against float64 and a product's values.
 */
import { gemmMultiplyAdd, initEngine } from '../../src/engine';
import { gemmSample, gemmWorstError, tdnnWorstErrors } from './kernel-accuracy';

const engine = await initEngine('wasm');
console.log(JSON.stringify({ kernels: engine.kernels, multiplyAdd: gemmMultiplyAdd(), gemm: gemmWorstError(), tdnn: tdnnWorstErrors(), sample: gemmSample() }));
