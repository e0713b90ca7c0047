/**
 * One Adam step for one variable as one WebAssembly SIMD pass (wasm engine), instead of the ~12 tfjs kernels
 * tf.train.adam runs per variable (each a kernel call and a fresh tensor). Same float32 operations in the same
 * order as tfjs 4.22's AdamOptimizer, so the results are identical:
 *   m' = m b1 + g (1 - b1);  v' = v b2 + g^2 (1 - b2)
 *   x' = ((m' / (1 - b1^t)) / (sqrt(v' / (1 - b2^t)) + eps)) (-lr) + x
 */
import * as tf from '@tensorflow/tfjs';
import { assembleModule, FunctionBuilder, I32, V128 } from '../util/wasm-emitter';
import { compiledOnce, float32Bits, instantiateOver, kernelInputs, wasmBackendOf, wasmKernelsReady, type KernelArgs } from './wasm-backend';

const KERNEL_NAME = 'KieloAdam';

/** The step's constants: learning rate, betas, epsilon, and 1 - beta^t for this step. */
export interface AdamConstants {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

/** The constants in the order the wasm function takes them (after the 8 addresses and the count). */
function constantList(c: AdamConstants): number[] {
  return [c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.oneMinusAccBeta1, c.oneMinusAccBeta2, c.epsilon, -c.learningRate];
}

/** adam(x, g, m, v, outX, outM, outV, count4, ...constants as float bits): count4 = floats / 4, rounded up. */
function adamBody(): FunctionBuilder {
  const f = new FunctionBuilder(16);
  const [X, G, M, V, OX, OM, OV, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7];
  const constants = Array.from({ length: 8 }, (_, i) => 8 + i);
  const [B1, OMB1, B2, OMB2, BC1, BC2, EPS, NEG_LR] = constants.map(() => f.local(V128));
  const locals = [B1, OMB1, B2, OMB2, BC1, BC2, EPS, NEG_LR];
  constants.forEach((param, i) => f.get(param).f32ReinterpretI32().f32x4Splat().set(locals[i]));
  const offset = f.local(I32);
  const end = f.local(I32);
  const g = f.local(V128);
  const m = f.local(V128);
  const v = f.local(V128);
  f.get(COUNT).i32(16).i32Mul().set(end).i32(0).set(offset);
  f.block().get(COUNT).i32(0).i32Eq().brIf(0).loop();
  f.get(G).get(offset).i32Add().v128Load(0).set(g);
  f.get(M).get(offset).i32Add().v128Load(0).get(B1).f32x4Mul().get(g).get(OMB1).f32x4Mul().f32x4Add().set(m);
  f.get(V).get(offset).i32Add().v128Load(0).get(B2).f32x4Mul().get(g).get(g).f32x4Mul().get(OMB2).f32x4Mul().f32x4Add().set(v);
  f.get(OM).get(offset).i32Add().get(m).v128Store(0);
  f.get(OV).get(offset).i32Add().get(v).v128Store(0);
  f.get(OX).get(offset).i32Add();
  f.get(m).get(BC1).f32x4Div();
  f.get(v).get(BC2).f32x4Div().f32x4Sqrt().get(EPS).f32x4Add();
  f.f32x4Div().get(NEG_LR).f32x4Mul();
  f.get(X).get(offset).i32Add().v128Load(0).f32x4Add();
  f.v128Store(0);
  f.get(offset).i32(16).i32Add().tee(offset).get(end).i32Ne().brIf(0);
  f.end().end();
  return f;
}

type AdamFunction = (...args: number[]) => void;

function adamFunction(memory: object): AdamFunction {
  return compiledOnce(memory, 'adam', () => instantiateOver(assembleModule('imported', [{ name: 'adam', body: adamBody() }]), memory).adam as AdamFunction);
}

function adamKernelFunc(args: KernelArgs): tf.TensorInfo[] {
  const { backend, address } = wasmBackendOf(args);
  const { x, g, m, v } = kernelInputs(args, 'x', 'g', 'm', 'v');
  const size = x.shape.reduce((a, b) => a * b, 1);
  const outs = [x, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
  const bits = constantList(args.attrs as unknown as AdamConstants).map(float32Bits);
  // whole f32x4s: usesWasmAdam admits only sizes divisible by 4
  adamFunction(backend.wasm.asm.memory)(address(x), address(g), address(m), address(v), ...outs.map(address), Math.floor(size / 4), ...bits);
  return outs;
}


/** Registers KieloAdam with the wasm backend (wasm-kernels.ts). */
export function registerWasmAdam(): void {
  tf.registerKernel({ kernelName: KERNEL_NAME, backendName: 'wasm', kernelFunc: adamKernelFunc as unknown as tf.KernelFunc });
}

/** Whether adamStep runs as Kielo's kernel here (the wasm engine, a float32 variable of whole f32x4s). */
export function usesWasmAdam(x: tf.Tensor): boolean {
  return wasmKernelsReady() && x.dtype === 'float32' && x.size % 4 === 0;
}

/** [x', m', v'] of one Adam step (see the file comment); callers check usesWasmAdam(x) first. */
export function wasmAdamStep(x: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, constants: AdamConstants): tf.Tensor[] {
  if (!usesWasmAdam(x)) throw new Error(`wasmAdamStep: needs the wasm engine and a float32 size divisible by 4 (got ${x.size} on ${tf.getBackend()})`);
  return tf.engine().runKernel(KERNEL_NAME, { x, g, m, v }, constants as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}
