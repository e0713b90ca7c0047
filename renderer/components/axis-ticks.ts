/** Where the audio views' axes put their ticks and what they write there: seconds, Hz/kHz, amplitude, dB. */

/** One tick: its value, its position (0..1 along the axis, from the left or the bottom) and its label. */
export interface Tick {
  value: number;
  at: number;
  label: string;
}

/** The smallest step of the form 1, 2 or 5 x 10^k that is at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * power >= rough * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/** Decimals that show a step of `step` exactly (0.25 -> 2, 0.001 -> 3, 2 -> 0). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/** Ticks at multiples of a nice step over [from, to], at least `minSpacingPx` apart on an axis `lengthPx` long. */
function linearTicks(from: number, to: number, lengthPx: number, minSpacingPx: number, label: (v: number, step: number) => string): Tick[] {
  const span = to - from;
  if (!(span > 0) || !(lengthPx > 0)) return [];
  const step = niceStep((span * minSpacingPx) / lengthPx);
  const ticks: Tick[] = [];
  for (let i = Math.ceil(from / step - 1e-9); i * step <= to + step * 1e-9; i++) {
    const value = i * step;
    ticks.push({ value, at: (value - from) / span, label: label(value, step) });
  }
  return ticks;
}

/** Time ticks (seconds) over the visible [startSec, endSec], labelled with as many decimals as their step needs. */
export function timeTicks(startSec: number, endSec: number, widthPx: number, minSpacingPx = 70): Tick[] {
  return linearTicks(startSec, endSec, widthPx, minSpacingPx, (v, step) => v.toFixed(decimalsOf(step)));
}

/** A frequency as people write it: "500 Hz", "1 kHz", "2.5 kHz". */
export function hzLabel(hz: number): string {
  if (Math.abs(hz) < 1000) return `${Math.round(hz * 100) / 100} Hz`;
  return `${Math.round(hz / 10) / 100} kHz`;
}

/**
 * Where `hz` sits on an axis whose rows are centred on `rowHz` (increasing; row r spans r/rows..(r+1)/rows), by
 * linear interpolation between row centres: exact for linear rows, and the mel scale's own spacing for mel bands.
 * Null outside the rows' centres.
 */
export function frequencyPosition(hz: number, rowHz: readonly number[]): number | null {
  const rows = rowHz.length;
  if (rows === 0 || hz < rowHz[0] || hz > rowHz[rows - 1]) return null;
  let lo = 0;
  let hi = rows - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (rowHz[mid] <= hz) lo = mid;
    else hi = mid;
  }
  const f = rowHz[hi] === rowHz[lo] ? 0 : (hz - rowHz[lo]) / (rowHz[hi] - rowHz[lo]);
  return (lo + f + 0.5) / rows;
}

/** The frequency at position `at` (0..1 from the bottom) of such an axis: frequencyPosition's inverse. */
export function frequencyAt(at: number, rowHz: readonly number[]): number {
  const rows = rowHz.length;
  if (rows === 0) return 0;
  if (rows === 1) return rowHz[0];
  const x = Math.min(rows - 1, Math.max(0, at * rows - 0.5));
  const lo = Math.min(rows - 2, Math.floor(x));
  return rowHz[lo] + (x - lo) * (rowHz[lo + 1] - rowHz[lo]);
}

/**
 * Frequency ticks for rows centred on `rowHz`: on a linear axis, multiples of a nice step; on a mel axis (uneven
 * rows), the 1-2-5 series in Hz wherever it leaves room, so the labels are Hz at their mel positions.
 */
export function frequencyTicks(rowHz: readonly number[], heightPx: number, minSpacingPx = 22): Tick[] {
  const rows = rowHz.length;
  if (rows < 2 || !(heightPx > 0)) return [];
  const top = rowHz[rows - 1];
  const spacing = rowHz.map((hz, i) => (i ? hz - rowHz[i - 1] : 0)).slice(1);
  const even = Math.max(...spacing) - Math.min(...spacing) < 1e-3 * top;
  if (even) {
    // rows are equal bands: the axis runs from the bottom edge of the lowest to the top edge of the highest
    const half = (rowHz[1] - rowHz[0]) / 2;
    const [lo, hi] = [rowHz[0] - half, top + half];
    const step = niceStep(((hi - lo) * minSpacingPx) / heightPx);
    const ticks: Tick[] = [];
    for (let hz = Math.ceil(lo / step - 1e-9) * step; hz <= hi + 1e-6; hz += step) ticks.push({ value: hz, at: (hz - lo) / (hi - lo), label: hzLabel(hz) });
    return ticks;
  }
  const ticks: Tick[] = [];
  for (let power = 10; power <= top; power *= 10) {
    for (const m of [1, 2, 5]) {
      const hz = m * power;
      const at = frequencyPosition(hz, rowHz);
      if (at === null) continue;
      const last = ticks[ticks.length - 1];
      if (!last || (at - last.at) * heightPx >= minSpacingPx) ticks.push({ value: hz, at, label: hzLabel(hz) });
    }
  }
  return ticks;
}

/** Amplitude ticks of a lane showing [-fullScale, fullScale] (1 = 0 dBFS): 0 and nice steps each side, from the bottom. */
export function amplitudeTicks(fullScale: number, heightPx: number, minSpacingPx = 18): Tick[] {
  if (!(fullScale > 0)) return [];
  return linearTicks(-fullScale, fullScale, heightPx, minSpacingPx, (v, step) => (Math.abs(v) < step / 2 ? '0' : v.toFixed(decimalsOf(step))));
}

/** Colour bar ticks in dB from topDb - rangeDb (bottom) to topDb (top). */
export function levelTicks(topDb: number, rangeDb: number, heightPx: number, minSpacingPx = 18): Tick[] {
  return linearTicks(topDb - rangeDb, topDb, heightPx, minSpacingPx, (v) => `${Math.round(v)}`);
}

/** A peak level (1 = full scale) in dBFS as text: "-25.0 dBFS", or "silent". */
export function dbfsLabel(peak: number): string {
  return peak > 0 ? `${(20 * Math.log10(peak)).toFixed(1)} dBFS` : 'silent';
}
