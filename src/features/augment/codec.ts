/**
 * Companding codecs of the telephone network (ITU-T G.711 style): mu-law and A-law compression to 8-bit codes
 * and back. The continuous companding laws are quantised uniformly to 255 levels (sign and 127 magnitudes), so
 * each sample's error is at most half a level of the compressed value, mapped back through the expansion: a
 * relative error about constant over a wide range of levels (~38 dB SNR for mu = 255). Input is clipped to [-1, 1].
 * Coding looks the level up in a table (a uniform grid of |x| gives a first guess, the level thresholds correct
 * it), so no logarithm is taken per sample.
 */

/** The companding laws. */
export const CODECS = ['mu-law', 'a-law'] as const;
/** A companding law. */
export type Codec = (typeof CODECS)[number];

const MU = 255;
const A = 87.6;
/** Code levels per sign (8-bit codes). */
export const CODEC_LEVELS = 127;

/** The compressed value of |x| in [0, 1], in [0, 1]. */
export function compress(codec: Codec, v: number): number {
  if (codec === 'mu-law') return Math.log1p(MU * v) / Math.log1p(MU);
  return v < 1 / A ? (A * v) / (1 + Math.log(A)) : (1 + Math.log(A * v)) / (1 + Math.log(A));
}

/** The inverse of compress on [0, 1]. */
export function expand(codec: Codec, y: number): number {
  if (codec === 'mu-law') return Math.expm1(y * Math.log1p(MU)) / MU;
  const c = 1 + Math.log(A);
  return y < 1 / c ? (y * c) / A : Math.exp(y * c - 1) / A;
}

/** Cells of the first-guess grid over |x| in [0, 1] (finer than the smallest level step of both laws). */
const GRID = 1 << 14;

interface CodecTable {
  /** Decoded magnitude of each code 0..CODEC_LEVELS. */
  levels: Float64Array;
  /** |x| above thresholds[c] codes higher than c: expand((c + 0.5) / CODEC_LEVELS). */
  thresholds: Float64Array;
  /** The code of the lower edge of each grid cell. */
  guess: Uint8Array;
}

const tables = new Map<Codec, CodecTable>();

function tableOf(codec: Codec): CodecTable {
  let t = tables.get(codec);
  if (!t) {
    const levels = Float64Array.from({ length: CODEC_LEVELS + 1 }, (_, c) => expand(codec, c / CODEC_LEVELS));
    const thresholds = Float64Array.from({ length: CODEC_LEVELS + 1 }, (_, c) => (c < CODEC_LEVELS ? expand(codec, (c + 0.5) / CODEC_LEVELS) : Infinity));
    const guess = new Uint8Array(GRID + 1);
    let c = 0;
    for (let j = 0; j <= GRID; j++) {
      while (j / GRID > thresholds[c]) c++;
      guess[j] = c;
    }
    t = { levels, thresholds, guess };
    tables.set(codec, t);
  }
  return t;
}

/** x coded with `codec` at 8 bits and decoded again: a new array, input clipped to [-1, 1]. */
export function codecRoundTrip(x: Float32Array, codec: Codec): Float32Array {
  if (!CODECS.includes(codec)) throw new RangeError(`codecRoundTrip: codec must be one of ${CODECS.join(', ')}, got '${codec}'`);
  const { levels, thresholds, guess } = tableOf(codec);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = x[i];
    const v = s < 0 ? (s < -1 ? 1 : -s) : s > 1 ? 1 : s;
    let c = guess[Math.floor(v * GRID)];
    while (v > thresholds[c]) c++;
    out[i] = s < 0 ? -levels[c] : levels[c];
  }
  return out;
}
