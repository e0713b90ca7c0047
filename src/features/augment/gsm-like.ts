/**
 * A GSM-like codec for augmentation: GSM 06.10 full rate's structure (RPE-LTP, 20 ms frames of 160 samples at
 * 8 kHz) in floating point, with its bit allocation and tables (src/audio/gsm-codec.ts, our bit-exact decoder).
 * Per frame: pre-emphasis (0.86), order-8 LPC (autocorrelation, Levinson-Durbin) whose reflection coefficients
 * become log-area ratios coded with 6,6,5,5,4,4,3,3 bits over GSM's ranges, interpolated with the last frame's
 * over the first 40 samples as GSM does, and the short-term analysis lattice with the coded coefficients; per
 * 40-sample sub-frame: long-term prediction (lag 40..120 from the reconstructed residual, gain on GSM's 4 levels),
 * then RPE: the best-energy of GSM's 4 grids (every 3rd sample, 13 pulses) kept with block-adaptive 3-bit
 * quantisation scaled by the 6-bit coded maximum, zeros elsewhere (after GSM's weighting filter); the decoder side is the lattice synthesis with
 * the same coefficients and de-emphasis. Left out of GSM: offset compensation and fixed-point rounding. Deterministic; input clipped to [-1, 1]; output the same length, in [-1, 1].
 */
import { GSM_EMPHASIS, GSM_FRAME_SAMPLES, LAR_B, LAR_BITS, LAR_INVA, LAR_MIC, QLB } from '../../audio/gsm-codec';

const ORDER = 8;
const SUBFRAME = 40;
const PULSES = 13;
const GRIDS = 4;
const MIN_LAG = 40;
const MAX_LAG = 120;
/** libgsm's internal scale of a full-scale sample (13-bit input, shifted up by 2). */
const SCALE = 16384;
const EMPHASIS = GSM_EMPHASIS / 32768;
const LTP_GAINS = QLB.map((q) => q / 32768);
/** Table 4.3a: the decision levels between the LTP gain levels. */
const LTP_DECISIONS = [0.2, 0.5, 0.8];
/** Table 4.4: the RPE weighting filter (Q13), centred on its 6th tap. */
const WEIGHTING = [-134, -374, 0, 2054, 5741, 8192, 5741, 2054, 0, -374, -134].map((h) => h / 8192);
const LAR_A = LAR_INVA.map((inva) => 2 ** 18 / inva);
/** The sample ranges over which the LARs move from the last frame's to this frame's, and this frame's weight. */
const SPANS = [[0, 13, 0.25], [13, 27, 0.5], [27, 40, 0.75], [40, GSM_FRAME_SAMPLES, 1]] as const;

/** A GSM-like round trip's output and its coded log-area ratios (8 per frame, each in 0..2^LAR_BITS[i] - 1). */
export interface GsmLikeCoding {
  samples: Float32Array;
  larCodes: Int16Array;
}

/** Reflection coefficients (GSM's sign: r1 = -R1/R0) of the autocorrelation acf, by Levinson-Durbin. */
function reflections(acf: Float64Array, r: Float64Array): void {
  r.fill(0);
  if (!(acf[0] > 0)) return;
  const a = new Float64Array(ORDER + 1);
  const prev = new Float64Array(ORDER + 1);
  let err = acf[0];
  for (let m = 1; m <= ORDER; m++) {
    let acc = acf[m];
    for (let j = 1; j < m; j++) acc += a[j] * acf[m - j];
    const k = Math.max(-0.9999, Math.min(0.9999, -acc / err));
    r[m - 1] = k;
    prev.set(a);
    for (let j = 1; j < m; j++) a[j] = prev[j] + k * prev[m - j];
    a[m] = k;
    err *= 1 - k * k;
    if (!(err > 1e-9 * acf[0])) return;
  }
}

/** 4.2.6: a reflection coefficient to its log-area ratio (GSM's piecewise-linear approximation). */
function rToLar(r: number): number {
  const v = Math.abs(r);
  const lar = v < 0.675 ? v : v < 0.95 ? 2 * v - 0.675 : 8 * v - 6.375;
  return r < 0 ? -lar : lar;
}

/** 4.2.9.2: the inverse of rToLar. */
function larToR(lar: number): number {
  const v = Math.abs(lar);
  const r = v < 0.675 ? v : v < 1.225 ? (v + 0.675) / 2 : Math.min(1, (v + 6.375) / 8);
  return lar < 0 ? -r : r;
}

/** RPE 4.2.15: xmax coded as GSM's 6-bit pseudo-float, and the level it decodes to (the top of its cell). */
function codedMaximum(xmax: number): number {
  const m = Math.min(32767, Math.floor(xmax));
  let exp = 0;
  for (let t = m >> 9; t > 0 && exp < 6; t >>= 1) exp++;
  return ((m >> (exp + 5)) + 1) * 2 ** (exp + 5);
}

/** x (8 kHz) coded GSM-like and decoded again, with the coded log-area ratios. */
export function gsmLikeCoding(x: Float32Array): GsmLikeCoding {
  const frames = Math.ceil(x.length / GSM_FRAME_SAMPLES);
  const samples = new Float32Array(x.length);
  const larCodes = new Int16Array(frames * ORDER);
  const s = new Float64Array(GSM_FRAME_SAMPLES);
  const acf = new Float64Array(ORDER + 1);
  const r = new Float64Array(ORDER);
  const lar = new Float64Array(ORDER);
  const previousLar = new Float64Array(ORDER);
  const rp = new Float64Array(ORDER);
  const u = new Float64Array(ORDER); // analysis lattice state
  const v = new Float64Array(ORDER + 1); // synthesis lattice state
  const d = new Float64Array(GSM_FRAME_SAMPLES);
  const history = new Float64Array(MAX_LAG + GSM_FRAME_SAMPLES); // reconstructed residual, MAX_LAG back
  const e = new Float64Array(SUBFRAME);
  const weighted = new Float64Array(SUBFRAME);
  let lastIn = 0;
  let lastOut = 0;
  for (let f = 0; f < frames; f++) {
    const at = f * GSM_FRAME_SAMPLES;
    for (let k = 0; k < GSM_FRAME_SAMPLES; k++) {
      const raw = at + k < x.length ? x[at + k] : 0;
      const xin = (raw > 1 ? 1 : raw < -1 ? -1 : raw || 0) * SCALE;
      s[k] = xin - EMPHASIS * lastIn;
      lastIn = xin;
    }
    for (let lag = 0; lag <= ORDER; lag++) {
      let sum = 0;
      for (let k = lag; k < GSM_FRAME_SAMPLES; k++) sum += s[k] * s[k - lag];
      acf[lag] = sum;
    }
    reflections(acf, r);
    for (let i = 0; i < ORDER; i++) {
      const b = LAR_B[i] / 512;
      const code = Math.max(LAR_MIC[i], Math.min(LAR_MIC[i] + (1 << LAR_BITS[i]) - 1, Math.floor(LAR_A[i] * rToLar(r[i]) + b + 0.5)));
      larCodes[f * ORDER + i] = code - LAR_MIC[i];
      lar[i] = (code - b) / LAR_A[i];
    }
    // Short-term analysis with the coded coefficients: the residual d.
    for (const [start, end, w] of SPANS) {
      for (let i = 0; i < ORDER; i++) rp[i] = larToR((1 - w) * previousLar[i] + w * lar[i]);
      for (let k = start; k < end; k++) {
        let di = s[k];
        let sav = di;
        for (let i = 0; i < ORDER; i++) {
          const ui = u[i];
          u[i] = sav;
          sav = ui + rp[i] * di;
          di += rp[i] * ui;
        }
        d[k] = di;
      }
    }
    // Long-term prediction and RPE per sub-frame; history[MAX_LAG + k] is the reconstructed d[k].
    for (let sub = 0; sub < GSM_FRAME_SAMPLES; sub += SUBFRAME) {
      const base = MAX_LAG + sub;
      let bestLag = MIN_LAG;
      let bestCorr = -Infinity;
      for (let lag = MIN_LAG; lag <= MAX_LAG; lag++) {
        let c = 0;
        for (let k = 0; k < SUBFRAME; k++) c += d[sub + k] * history[base + k - lag];
        if (c > bestCorr) {
          bestCorr = c;
          bestLag = lag;
        }
      }
      let power = 0;
      for (let k = 0; k < SUBFRAME; k++) power += history[base + k - bestLag] ** 2;
      const ratio = bestCorr > 0 && power > 0 ? bestCorr / power : 0;
      let bc = 0;
      while (bc < LTP_DECISIONS.length && ratio > LTP_DECISIONS[bc]) bc++;
      const gain = bestCorr > 0 ? LTP_GAINS[bc] : LTP_GAINS[0];
      for (let k = 0; k < SUBFRAME; k++) e[k] = d[sub + k] - gain * history[base + k - bestLag];
      for (let k = 0; k < SUBFRAME; k++) {
        let acc = 0;
        for (let t = 0; t < WEIGHTING.length; t++) {
          const j = k + t - 5;
          if (j >= 0 && j < SUBFRAME) acc += WEIGHTING[t] * e[j];
        }
        weighted[k] = acc;
      }
      let grid = 0;
      let bestEnergy = -1;
      for (let m = 0; m < GRIDS; m++) {
        let energy = 0;
        for (let i = 0; i < PULSES; i++) energy += weighted[m + 3 * i] ** 2;
        if (energy > bestEnergy) {
          bestEnergy = energy;
          grid = m;
        }
      }
      let xmax = 0;
      for (let i = 0; i < PULSES; i++) xmax = Math.max(xmax, Math.abs(weighted[grid + 3 * i]));
      const level = codedMaximum(xmax);
      for (let k = 0; k < SUBFRAME; k++) history[base + k] = gain * history[base + k - bestLag];
      for (let i = 0; i < PULSES; i++) {
        const code = Math.max(0, Math.min(7, Math.floor((weighted[grid + 3 * i] / level) * 4) + 4));
        history[base + grid + 3 * i] += ((2 * code - 7) / 8) * level;
      }
    }
    // Short-term synthesis with the same coefficients, then de-emphasis.
    for (const [start, end, w] of SPANS) {
      for (let i = 0; i < ORDER; i++) rp[i] = larToR((1 - w) * previousLar[i] + w * lar[i]);
      for (let k = start; k < end; k++) {
        let sri = history[MAX_LAG + k];
        for (let i = ORDER - 1; i >= 0; i--) {
          sri -= rp[i] * v[i];
          v[i + 1] = v[i] + rp[i] * sri;
        }
        v[0] = sri;
        lastOut = sri + EMPHASIS * lastOut;
        if (at + k < x.length) samples[at + k] = Math.max(-1, Math.min(1, lastOut / SCALE));
      }
    }
    history.copyWithin(0, GSM_FRAME_SAMPLES);
    previousLar.set(lar);
  }
  return { samples, larCodes };
}

/** x (8 kHz) coded GSM-like and decoded again: a new array of the same length (see gsmLikeCoding). */
export function gsmLikeRoundTrip(x: Float32Array): Float32Array {
  return gsmLikeCoding(x).samples;
}
