/**
 * Second-order IIR sections (RBJ Audio EQ Cookbook) for the channel transforms: Butterworth high/low-pass
 * cascades for the telephone band, peaking and shelving sections for microphone colouring. Coefficients are
 * normalised (a0 = 1); filtering runs in place in Direct Form II transposed, in double precision state.
 */

/** One normalised biquad: y = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2). */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** The kinds of section the cookbook gives here. */
export type BiquadKind = 'lowpass' | 'highpass' | 'peaking' | 'lowshelf' | 'highshelf';

/**
 * A cookbook section at `hz` for `sampleRate`: `q` is the quality factor (the shelves use slope S = 1 and ignore
 * it), `gainDb` the peak or shelf gain (ignored by the passes).
 */
export function biquad(kind: BiquadKind, hz: number, sampleRate: number, q = Math.SQRT1_2, gainDb = 0): Biquad {
  if (!(hz > 0 && hz < sampleRate / 2)) throw new RangeError(`biquad: hz must be in (0, ${sampleRate / 2}), got ${hz}`);
  if (!(q > 0)) throw new RangeError(`biquad: q must be > 0, got ${q}`);
  const w = (2 * Math.PI * hz) / sampleRate;
  const cos = Math.cos(w);
  const sin = Math.sin(w);
  const A = 10 ** (gainDb / 40);
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  if (kind === 'lowpass' || kind === 'highpass') {
    const alpha = sin / (2 * q);
    const k = kind === 'lowpass' ? 1 - cos : 1 + cos;
    b0 = k / 2;
    b1 = kind === 'lowpass' ? k : -k;
    b2 = k / 2;
    a0 = 1 + alpha;
    a1 = -2 * cos;
    a2 = 1 - alpha;
  } else if (kind === 'peaking') {
    const alpha = sin / (2 * q);
    b0 = 1 + alpha * A;
    b1 = -2 * cos;
    b2 = 1 - alpha * A;
    a0 = 1 + alpha / A;
    a1 = -2 * cos;
    a2 = 1 - alpha / A;
  } else {
    const alpha = (sin / 2) * Math.SQRT2; // shelf slope S = 1: monotonic, no overshoot past the shelf gain
    const s = 2 * Math.sqrt(A) * alpha;
    const sign = kind === 'lowshelf' ? 1 : -1;
    b0 = A * (A + 1 - sign * (A - 1) * cos + s);
    b1 = sign * 2 * A * (A - 1 - sign * (A + 1) * cos);
    b2 = A * (A + 1 - sign * (A - 1) * cos - s);
    a0 = A + 1 + sign * (A - 1) * cos + s;
    a1 = -sign * 2 * (A - 1 + sign * (A + 1) * cos);
    a2 = A + 1 + sign * (A - 1) * cos - s;
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/** Q of each section of an order-`order` Butterworth filter (order even): 1 / (2 sin((2k + 1) pi / (2 order))). */
export function butterworthQs(order: number): number[] {
  if (!Number.isInteger(order) || order < 2 || order % 2) throw new RangeError(`butterworthQs: order must be an even integer >= 2, got ${order}`);
  return Array.from({ length: order / 2 }, (_, k) => 1 / (2 * Math.sin(((2 * k + 1) * Math.PI) / (2 * order))));
}

/** Runs x through each section in turn, IN PLACE; returns x. */
export function filterInPlace(x: Float32Array, sections: readonly Biquad[]): Float32Array {
  for (const { b0, b1, b2, a1, a2 } of sections) {
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const y = b0 * v + s1;
      s1 = b1 * v - a1 * y + s2;
      s2 = b2 * v - a2 * y;
      x[i] = y;
    }
  }
  return x;
}

/** Magnitude response of the cascade at `hz`, in dB. */
export function responseDb(sections: readonly Biquad[], hz: number, sampleRate: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  const c1 = Math.cos(w);
  const s1 = Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = Math.sin(2 * w);
  let db = 0;
  for (const { b0, b1, b2, a1, a2 } of sections) {
    const nr = b0 + b1 * c1 + b2 * c2;
    const ni = -(b1 * s1 + b2 * s2);
    const dr = 1 + a1 * c1 + a2 * c2;
    const di = -(a1 * s1 + a2 * s2);
    db += 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
  }
  return db;
}
