/**
 * The element-wise half of a quadrature-pair filterbank on the wasm engine, as two one-pass SIMD kernels
 * instead of ~4 tfjs kernels each way (models/layers/bandpass.ts logPairEnergy):
 *   KieloPairEnergy:     z [rows, 2F] -> E [rows, F], E = (z_f^2 + z_(F+f)^2) + eps
 *   KieloPairEnergyGrad: z, E, dy [rows, F] -> dZ [rows, 2F], dZ_f = 2 z_f dy_f / E_f, dZ_(F+f) = 2 z_(F+f) dy_f / E_f
 * F must be a multiple of 4 (usesWasmPairEnergy).
 */
import * as tf from '@tensorflow/tfjs';
import { assembleModule, FunctionBuilder, I32, V128 } from '../util/wasm-emitter';
import { compiledOnce, float32Bits, instantiateOver, kernelInputs, wasmBackendOf, wasmKernelsReady, type KernelArgs } from './wasm-backend';

const ENERGY_KERNEL = 'KieloPairEnergy';
const GRAD_KERNEL = 'KieloPairEnergyGrad';

/** energy(z, out, count4, filters4, epsBits): count4 = rows F / 4 groups of 4 filters, filters4 = F / 4. */
function energyBody(): FunctionBuilder {
  const f = new FunctionBuilder(5);
  const [Z, OUT, COUNT, GROUPS, EPS] = [0, 1, 2, 3, 4];
  const eps = f.local(V128);
  const a = f.local(V128);
  const b = f.local(V128);
  const g = f.local(I32);
  const n = f.local(I32);
  const za = f.local(I32);
  const out = f.local(I32);
  const half = f.local(I32);
  f.get(EPS).f32ReinterpretI32().f32x4Splat().set(eps);
  f.get(GROUPS).i32(16).i32Mul().set(half);
  f.get(Z).set(za).get(OUT).set(out).i32(0).set(n).i32(0).set(g);
  f.block().get(COUNT).i32(0).i32Eq().brIf(0).loop();
  f.get(za).v128Load(0).set(a);
  f.get(za).get(half).i32Add().v128Load(0).set(b);
  f.get(out).get(a).get(a).f32x4Mul().get(b).get(b).f32x4Mul().f32x4Add().get(eps).f32x4Add().v128Store(0);
  f.get(out).i32(16).i32Add().set(out);
  f.get(za).i32(16).i32Add().set(za);
  // at the end of a row's F filters, skip the row's second half (the quadrature outputs)
  f.block().get(g).i32(1).i32Add().tee(g).get(GROUPS).i32Ne().brIf(0);
  f.i32(0).set(g).get(za).get(half).i32Add().set(za);
  f.end();
  f.get(n).i32(1).i32Add().tee(n).get(COUNT).i32Ne().brIf(0);
  f.end().end();
  return f;
}

/** grad(z, energy, dy, out, count4, filters4). */
function gradBody(): FunctionBuilder {
  const f = new FunctionBuilder(6);
  const [Z, E, DY, OUT, COUNT, GROUPS] = [0, 1, 2, 3, 4, 5];
  const scale = f.local(V128);
  const n = f.local(I32);
  const g = f.local(I32);
  const za = f.local(I32);
  const oa = f.local(I32);
  const at = f.local(I32);
  const half = f.local(I32);
  f.get(GROUPS).i32(16).i32Mul().set(half);
  f.get(Z).set(za).get(OUT).set(oa).i32(0).set(at).i32(0).set(n).i32(0).set(g);
  f.block().get(COUNT).i32(0).i32Eq().brIf(0).loop();
  // scale = 2 dy / E
  f.get(DY).get(at).i32Add().v128Load(0).get(E).get(at).i32Add().v128Load(0).f32x4Div().f32x4Const(2).f32x4Mul().set(scale);
  f.get(oa).get(za).v128Load(0).get(scale).f32x4Mul().v128Store(0);
  f.get(oa).get(half).i32Add().get(za).get(half).i32Add().v128Load(0).get(scale).f32x4Mul().v128Store(0);
  f.get(at).i32(16).i32Add().set(at);
  f.get(za).i32(16).i32Add().set(za);
  f.get(oa).i32(16).i32Add().set(oa);
  f.block().get(g).i32(1).i32Add().tee(g).get(GROUPS).i32Ne().brIf(0);
  f.i32(0).set(g).get(za).get(half).i32Add().set(za).get(oa).get(half).i32Add().set(oa);
  f.end();
  f.get(n).i32(1).i32Add().tee(n).get(COUNT).i32Ne().brIf(0);
  f.end().end();
  return f;
}

type Fn = (...args: number[]) => void;
function functionsFor(memory: object): { energy: Fn; grad: Fn } {
  return compiledOnce(memory, 'pair energy', () => {
    const exports = instantiateOver(assembleModule('imported', [{ name: 'energy', body: energyBody() }, { name: 'grad', body: gradBody() }]), memory);
    return { energy: exports.energy as Fn, grad: exports.grad as Fn };
  });
}

function energyKernelFunc(args: KernelArgs): tf.TensorInfo {
  const { backend, address } = wasmBackendOf(args);
  const { z } = kernelInputs(args, 'z');
  const [rows, width] = z.shape;
  const filters = width / 2;
  const out = backend.makeOutput([rows, filters], 'float32');
  const eps = float32Bits((args.attrs as { eps: number }).eps);
  functionsFor(backend.wasm.asm.memory).energy(address(z), address(out), (rows * filters) / 4, filters / 4, eps);
  return out;
}

function gradKernelFunc(args: KernelArgs): tf.TensorInfo {
  const { backend, address } = wasmBackendOf(args);
  const { z, energy, dy } = kernelInputs(args, 'z', 'energy', 'dy');
  const [rows, width] = z.shape;
  const out = backend.makeOutput([rows, width], 'float32');
  functionsFor(backend.wasm.asm.memory).grad(address(z), address(energy), address(dy), address(out), (rows * width) / 8, width / 8);
  return out;
}

/** Registers KieloPairEnergy and KieloPairEnergyGrad with the wasm backend (once; initEngine calls it). */
export function registerWasmPairEnergy(): void {
  tf.registerKernel({ kernelName: ENERGY_KERNEL, backendName: 'wasm', kernelFunc: energyKernelFunc as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: GRAD_KERNEL, backendName: 'wasm', kernelFunc: gradKernelFunc as unknown as tf.KernelFunc });
}

/** Whether the pair kernels run here: the wasm engine and F (filters) a multiple of 4. */
export function usesWasmPairEnergy(filters: number): boolean {
  return wasmKernelsReady() && filters > 0 && filters % 4 === 0;
}

/** E = z_f^2 + z_(F+f)^2 + eps for z [rows, 2F]. */
export function wasmPairEnergy(z: tf.Tensor2D, eps: number): tf.Tensor2D {
  return tf.engine().runKernel(ENERGY_KERNEL, { z }, { eps } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** dZ of log E given dy = dLoss/d(log E): [2 z_f dy_f / E_f, 2 z_(F+f) dy_f / E_f]. */
export function wasmPairEnergyGrad(z: tf.Tensor2D, energy: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  return tf.engine().runKernel(GRAD_KERNEL, { z, energy, dy }) as tf.Tensor2D;
}
