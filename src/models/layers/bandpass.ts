/**
 * Band-pass impulse responses as tensors, differentiable in their cut-offs: the SincNet filter and its Hilbert
 * pair (so a frame's band energy is phase-independent), Hamming-windowed, plus mel-spaced initial bands.
 */
import { gemm, tf, usesWasmPairEnergy, wasmPairEnergy, wasmPairEnergyGrad } from '../../engine';
import { hzToMel, melToHz } from '../../features';
import { matMulTransposeA } from './matmul';

/** Lowest low cut-off and narrowest band, in Hz (SincNet's min_low_hz and min_band_hz). */
export const MIN_LOW_HZ = 30;
/** Narrowest band in Hz. */
export const MIN_BAND_HZ = 50;

/** `count` adjacent bands equally spaced on the mel scale between fMin and fMax: {lowHz, bandHz} per band. */
export function melBands(count: number, fMin: number, fMax: number): { lowHz: Float32Array; bandHz: Float32Array } {
  if (!(count >= 1) || !(fMax > fMin)) throw new Error(`melBands: need count >= 1 and fMax > fMin, got ${count}, ${fMin}..${fMax}`);
  const lowHz = new Float32Array(count);
  const bandHz = new Float32Array(count);
  const m0 = hzToMel(fMin, 'htk');
  const step = (hzToMel(fMax, 'htk') - m0) / count;
  for (let i = 0; i < count; i++) {
    lowHz[i] = melToHz(m0 + i * step, 'htk');
    bandHz[i] = melToHz(m0 + (i + 1) * step, 'htk') - lowHz[i];
  }
  return { lowHz, bandHz };
}

/**
 * The raw parameters (Hz) bandpassPairKernel takes for mel-spaced bands between fMin and fMax: the edges minus
 * MIN_LOW_HZ / MIN_BAND_HZ, kept just above 0 (where |x| has no gradient).
 */
export function melBandParams(count: number, fMin: number, fMax: number): { lowHz: Float32Array; bandHz: Float32Array } {
  const { lowHz, bandHz } = melBands(count, fMin, fMax);
  return {
    lowHz: lowHz.map((f) => Math.max(0.1, f - MIN_LOW_HZ)),
    bandHz: bandHz.map((b) => Math.max(0.1, b - MIN_BAND_HZ)),
  };
}

/**
 * Impulse responses of F band-pass filters and their Hilbert pairs, of shape [taps, 2F]: column f is the
 * in-phase filter of band f, column F + f its quadrature partner. lowHz and bandHz are [F] tensors (raw
 * parameters: |low| + MIN_LOW_HZ and |band| + MIN_BAND_HZ are used, the upper edge clipped below Nyquist).
 * The taps are centred between samples (taps even: no n = 0 term), Hamming-windowed; pass-band gain ~1.
 */
export function bandpassPairKernel(lowHz: tf.Tensor1D, bandHz: tf.Tensor1D, taps: number, sampleRate: number): tf.Tensor2D {
  return tf.tidy(() => {
    const nyquist = sampleRate / 2;
    const f1 = tf.minimum(tf.add(tf.abs(lowHz), MIN_LOW_HZ), nyquist - MIN_BAND_HZ).div(sampleRate);
    const f2 = tf.minimum(tf.add(f1.mul(sampleRate), tf.add(tf.abs(bandHz), MIN_BAND_HZ)), nyquist).div(sampleRate);
    const n = new Float32Array(taps);
    const window = new Float32Array(taps);
    for (let i = 0; i < taps; i++) {
      n[i] = i - (taps - 1) / 2 || 1e-6; // odd taps: avoid 0/0 at the centre (limit taken numerically)
      window[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1));
    }
    const nCol = tf.tensor2d(n, [taps, 1]);
    const piN = nCol.mul(Math.PI);
    const w1 = tf.mul(piN, f1.reshape([1, -1])).mul(2); // 2π f1 n, [taps, F]
    const w2 = tf.mul(piN, f2.reshape([1, -1])).mul(2);
    const inPhase = tf.sub(tf.sin(w2), tf.sin(w1)).div(piN);
    const quadrature = tf.sub(tf.cos(w1), tf.cos(w2)).div(piN);
    const win = tf.tensor2d(window, [taps, 1]);
    return tf.concat([inPhase.mul(win), quadrature.mul(win)], 1) as tf.Tensor2D;
  });
}

/** [2F, F] matrix summing squared outputs of each pair: columns f <- rows f and F + f. */
function pairSumMatrix(filters: number): tf.Tensor2D {
  const m = new Float32Array(2 * filters * filters);
  for (let f = 0; f < filters; f++) {
    m[f * filters + f] = 1;
    m[(filters + f) * filters + f] = 1;
  }
  return tf.tensor2d(m, [2 * filters, filters]);
}

/** A filterbank layer's log floor (the eps of logPairEnergy): default 1e-6; anything not > 0 is an error naming the layer. */
export function resolveLogFloor(value: number | undefined, layer: string): number {
  const floor = value ?? 1e-6;
  if (!(floor > 0)) throw new Error(`${layer}: logFloor must be > 0, got ${floor}`);
  return floor;
}

/**
 * Log band energies of framed audio through a pair kernel: frames [batch, time, taps] x kernel [taps, 2F] ->
 * log(eps + a^2 + b^2) of shape [batch, time, F]. Only the kernel gets a gradient (the frames are data).
 * Forward: two matmuls for the whole batch (the pair sum is a matmul with eps as its bias: column slices would
 * cost strided copies). Backward, written by hand (one tape entry instead of six): dE = dy / (eps + E);
 * dZ = 2 Z [dE, dE]; dKernel = frames^T dZ (matmul.ts). On wasm the energies and dZ are one kernel each
 * (engine/wasm-pair-energy.ts).
 */
export function logPairEnergy(frames: tf.Tensor3D, kernel: tf.Tensor2D, eps = 1e-6): tf.Tensor3D {
  const [batch, time, taps] = frames.shape;
  const filters = kernel.shape[1] / 2;
  const rows = batch * time;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [k, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const data = frames.reshape([rows, taps]) as tf.Tensor2D;
    const z = gemm(data, k);
    const onWasm = usesWasmPairEnergy(filters);
    const energy = onWasm ? wasmPairEnergy(z, eps) : tf.fused.matMul({ a: tf.square(z), b: pairSumMatrix(filters), bias: tf.fill([filters], eps) });
    save([data, z, energy]);
    /** dZ = 2 Z [dE, dE] with dE = dy / E (times 2 is exact in float32: the same numbers either way). */
    const pairGrad = (dy: tf.Tensor2D, sZ: tf.Tensor2D, sEnergy: tf.Tensor2D): tf.Tensor2D => {
      if (onWasm) return wasmPairEnergyGrad(sZ, sEnergy, dy);
      const dEnergy = tf.div(dy.reshape([rows, 1, filters]), sEnergy.reshape([rows, 1, filters]));
      return tf.mul(sZ.reshape([rows, 2, filters]), dEnergy).reshape([rows, 2 * filters]).mul(2) as tf.Tensor2D;
    };
    return {
      value: tf.log(energy).reshape([batch, time, filters]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sData, sZ, sEnergy] = saved as tf.Tensor2D[];
        return matMulTransposeA(sData, pairGrad(dy.reshape([rows, filters]) as tf.Tensor2D, sZ, sEnergy));
      },
    };
  });
  return op(kernel) as tf.Tensor3D;
}
