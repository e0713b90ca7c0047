/**
 * The fast generator's step as one WebAssembly SIMD function, assembled at run time for one model's shapes:
 * every weight matrix packed into 16-column panels (4 f32x4 accumulators per pass over the input), the gate
 * nonlinearities as a vectorised rational tanh (Eigen's float approximation, error ~1e-7), queues and scratch
 * in the module's own memory. step(input) leaves the next sample's logits at `logitsOffset`.
 */
import { dilationsOf, type WavenetConfig } from '../../models/wavenet';
import { packMatrix, padBias } from '../packed';
import { assembleModule, FunctionBuilder, I32, V128 } from '../../util/wasm-emitter';

/** f32x4 accumulators per pass over the input (panel width = 4 x this), and rows per loop iteration. */
const ACCUMULATORS = 4;
const UNROLL = 4;
const PANEL = 4 * ACCUMULATORS;

/** The part of the WebAssembly JS API used here (Node's types do not declare it without the DOM lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Where everything lives in the kernel's memory (byte offsets). */
interface Layout {
  bytes: number;
  alloc(floats: number): number;
}

function makeLayout(): Layout {
  const layout = {
    bytes: 0,
    alloc(floats: number) {
      const at = layout.bytes;
      layout.bytes += Math.ceil(floats / 4) * 16;
      return at;
    },
  };
  return layout;
}

// Eigen's generic_fast_tanh_float: tanh(x) = x * P(x^2) / Q(x^2) on [-c, c], exact to float rounding.
const TANH_CLAMP = 7.90531110763549805;
const TANH_P = [-2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8, 1.48572235717979e-5, 6.37261928875436e-4, 4.89352455891786e-3];
const TANH_Q = [1.19825839466702e-6, 1.18534705686654e-4, 2.26843463243900e-3, 4.89352518554385e-3];

/** A compiled kernel: call step(input), read logits. */
export interface WavenetKernel {
  step(input: number): void;
  /** Zeroes every queue and queue position. */
  reset(): void;
  /** Logits of the next sample (length classes), a view into the kernel's memory. */
  logits: Float32Array;
  /** Every layer's gate bias (gateB + label embedding, length 2R), views into the kernel's memory that step() reads. */
  gateBiases: Float32Array[];
}

/** Whether the SIMD kernel can run this config (channel counts multiples of 4) in this runtime. */
export function simdKernelSupported(config: WavenetConfig): boolean {
  return config.residualChannels % 4 === 0 && config.skipChannels % 4 === 0 && wasmApi !== undefined;
}

/**
 * Builds the kernel for weights (names and shapes as wavenetParamShapes) and an optional label index.
 * Caller validates weights and label first.
 */
export function buildWavenetKernel(config: WavenetConfig, tensors: Map<string, Float32Array>, label?: number): WavenetKernel {
  const { residualChannels: r, skipChannels: s, classes: c, labels } = config;
  const t = (name: string) => tensors.get(name)!;
  const layout = makeLayout();
  const writes: [offset: number, values: Float32Array][] = [];
  const place = (values: Float32Array) => {
    const at = layout.alloc(values.length);
    writes.push([at, values]);
    return at;
  };
  const placeMatrix = (values: Float32Array, rows: number, cols: number) => {
    const packed = packMatrix(values, rows, cols, PANEL);
    return { offset: place(packed.data), rows, paddedCols: packed.paddedCols };
  };

  const embed = place(t('embed'));
  const layers = dilationsOf(config).map((dilation, i) => {
    const gate = placeMatrix(t(`layer${i}/gateW`), 2 * r, 2 * r);
    const gateBiasValues = padBias(t(`layer${i}/gateB`), gate.paddedCols);
    if (labels.length) {
      const cond = t(`layer${i}/cond`);
      for (let j = 0; j < 2 * r; j++) gateBiasValues[j] += cond[label! * 2 * r + j];
    }
    const gateBias = place(gateBiasValues);
    const out = placeMatrix(t(`layer${i}/outW`), r, s + r);
    const outBias = place(padBias(t(`layer${i}/outB`), out.paddedCols));
    return { dilation, gate, gateBias, out, outBias, queue: 0, position: 0 };
  });
  const out1 = placeMatrix(t('out1W'), s, s);
  const out1Bias = place(padBias(t('out1B'), out1.paddedCols));
  const out2 = placeMatrix(t('out2W'), s, c);
  const out2Bias = place(padBias(t('out2B'), out2.paddedCols));
  // State after all weights, so reset() zeroes one range.
  const stateStart = layout.bytes;
  for (const layer of layers) {
    layer.queue = layout.alloc(layer.dilation * r);
    layer.position = layout.alloc(4);
  }
  const x = layout.alloc(2 * r); // [h[t-d], h[t]]
  const h = x + 4 * r;
  const z = layout.alloc(Math.max(...layers.map((l) => l.gate.paddedCols)));
  const gated = layout.alloc(r);
  const y = layout.alloc(Math.max(...layers.map((l) => l.out.paddedCols)));
  const skip = layout.alloc(out1.paddedCols);
  const hidden = layout.alloc(out1.paddedCols);
  const logits = layout.alloc(out2.paddedCols);

  const f = new FunctionBuilder(1);
  const ptr = f.local(I32), xp = f.local(I32), n = f.local(I32), q = f.local(I32), pos = f.local(I32), base = f.local(I32);
  const acc = Array.from({ length: ACCUMULATORS }, () => f.local(V128));
  const xs = f.local(V128), tv = f.local(V128), x2 = f.local(V128);

  /** out = bias + x @ W for a packed matrix, 4 accumulators per 16-column panel. */
  const matVec = (w: { offset: number; rows: number; paddedCols: number }, xOffset: number, bias: number, outOffset: number) => {
    for (let panel = 0; panel < w.paddedCols / PANEL; panel++) {
      const bytes = PANEL * 4;
      const unroll = w.rows % UNROLL === 0 ? UNROLL : 1;
      acc.forEach((a, k) => f.i32(0).v128Load(bias + panel * bytes + 16 * k).set(a));
      f.i32(w.offset + panel * w.rows * bytes).set(ptr).i32(xOffset).set(xp).i32(w.rows / unroll).set(n);
      f.loop();
      for (let u = 0; u < unroll; u++) {
        f.get(xp).f32Load(4 * u).f32x4Splat().set(xs);
        acc.forEach((a, k) => f.get(a).get(xs).get(ptr).v128Load(u * bytes + 16 * k).f32x4Mul().f32x4Add().set(a));
      }
      f.get(ptr).i32(bytes * unroll).i32Add().set(ptr).get(xp).i32(4 * unroll).i32Add().set(xp);
      f.get(n).i32(-1).i32Add().tee(n).brIf(0).end();
      acc.forEach((a, k) => f.i32(outOffset + panel * bytes + 16 * k).get(a).v128Store());
    }
  };
  /** Replaces the f32x4 on the stack by its tanh. */
  const tanh = () => {
    f.set(tv).get(tv).f32x4Const(-TANH_CLAMP).f32x4Max().f32x4Const(TANH_CLAMP).f32x4Min().tee(tv).get(tv).f32x4Mul().set(x2);
    f.f32x4Const(TANH_P[0]);
    for (const a of TANH_P.slice(1)) f.get(x2).f32x4Mul().f32x4Const(a).f32x4Add();
    f.get(tv).f32x4Mul();
    f.f32x4Const(TANH_Q[0]);
    for (const b of TANH_Q.slice(1)) f.get(x2).f32x4Mul().f32x4Const(b).f32x4Add();
    f.f32x4Div();
  };
  /** mem[dst + 16k] = mem[a + 16k] + mem[b + 16k] for k < floats/4. */
  const addVectors = (dst: number, a: number, b: number, floats: number) => {
    for (let k = 0; k < floats / 4; k++) f.i32(dst + 16 * k).i32(0).v128Load(a + 16 * k).i32(0).v128Load(b + 16 * k).f32x4Add().v128Store();
  };
  const relu = (at: number, floats: number) => {
    for (let k = 0; k < floats / 4; k++) f.i32(at + 16 * k).i32(0).v128Load(at + 16 * k).f32x4Const(0).f32x4Max().v128Store();
  };

  // h = embed[input]; skip = 0
  f.get(0).i32(4 * r).i32Mul().set(base);
  for (let k = 0; k < r / 4; k++) f.i32(h + 16 * k).get(base).v128Load(embed + 16 * k).v128Store();
  for (let k = 0; k < s / 4; k++) f.i32(skip + 16 * k).f32x4Const(0).v128Store();
  for (const layer of layers) {
    // x[0:R] = queue[pos]; queue[pos] = h; pos = (pos + 1) mod dilation
    f.i32(0).i32Load(layer.position).tee(pos).i32(4 * r).i32Mul().set(q);
    for (let k = 0; k < r / 4; k++) {
      f.i32(x + 16 * k).get(q).v128Load(layer.queue + 16 * k).v128Store();
      f.get(q).i32(0).v128Load(h + 16 * k).v128Store(layer.queue + 16 * k);
    }
    f.i32(0).get(pos).i32(1).i32Add().tee(pos).i32(0).get(pos).i32(layer.dilation).i32Ne().select().i32Store(layer.position);
    matVec(layer.gate, x, layer.gateBias, z);
    // gated = tanh(zf) * sigmoid(zg), sigmoid(v) = 0.5 + 0.5 tanh(v / 2)
    for (let k = 0; k < r / 4; k++) {
      f.i32(gated + 16 * k).i32(0).v128Load(z + 16 * k);
      tanh();
      f.i32(0).v128Load(z + 4 * r + 16 * k).f32x4Const(0.5).f32x4Mul();
      tanh();
      f.f32x4Const(0.5).f32x4Mul().f32x4Const(0.5).f32x4Add().f32x4Mul().v128Store();
    }
    matVec(layer.out, gated, layer.outBias, y);
    addVectors(skip, skip, y, s);
    addVectors(h, h, y + 4 * s, r);
  }
  relu(skip, s);
  matVec(out1, skip, out1Bias, hidden);
  relu(hidden, out1.paddedCols);
  matVec(out2, hidden, out2Bias, logits);

  const wasm = assembleModule(Math.ceil(layout.bytes / 65536) + 1, [{ name: 'step', body: f }]);
  if (!wasmApi) throw new Error('fast wavenet: WebAssembly is not available in this runtime');
  const instance = new wasmApi.Instance(new wasmApi.Module(wasm), {});
  const memory = instance.exports.memory as { buffer: ArrayBuffer };
  const heap = new Float32Array(memory.buffer);
  for (const [offset, values] of writes) heap.set(values, offset / 4);
  const step = instance.exports.step as (input: number) => void;
  return {
    step,
    reset: () => heap.fill(0, stateStart / 4, x / 4),
    logits: heap.subarray(logits / 4, logits / 4 + c),
    gateBiases: layers.map((layer) => heap.subarray(layer.gateBias / 4, layer.gateBias / 4 + 2 * r)),
  };
}
