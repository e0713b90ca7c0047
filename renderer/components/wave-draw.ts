/** Drawing a waveform stretch on a canvas: one lane per channel, min-max lines per column, or sample points at deep zoom. */
import type { Waveform } from '../contract';

/** Sample points are drawn as dots from this many device pixels per sample. */
export const DOTS_FROM_PX_PER_SAMPLE = 4;

/** Where things go: canvas size (device px), lanes stacked from the top, and the amplitude at a lane's edge. */
export interface WaveLayout {
  width: number;
  laneHeight: number;
  /** Amplitude drawn at a lane's edge: 1 (full scale) unless the view is normalised. */
  fullScale: number;
}

/** The y of amplitude `v` in lane `lane`, clipped to the lane. */
export function laneY(v: number, lane: number, { laneHeight, fullScale }: WaveLayout): number {
  const half = laneHeight / 2;
  const y = half - (v / fullScale) * half;
  return lane * laneHeight + Math.max(0, Math.min(laneHeight, y));
}

/** The x of sample `index` of the file within the stretch `wave` shows. */
export function sampleX(index: number, wave: Waveform, width: number): number {
  return ((index / wave.sampleRate - wave.startSec) / (wave.endSec - wave.startSec)) * width;
}

/** Draws every channel of `wave` in its lane (zero lines, then the signal). */
export function drawWave(ctx: CanvasRenderingContext2D, wave: Waveform, layout: WaveLayout, colour: string): void {
  const { width, laneHeight } = layout;
  ctx.clearRect(0, 0, width, laneHeight * wave.channels.length);
  ctx.fillStyle = 'rgba(124,139,161,0.35)';
  wave.channels.forEach((_, lane) => ctx.fillRect(0, Math.round(laneY(0, lane, layout)), width, 1));
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  wave.channels.forEach((channel, lane) => {
    if (!wave.exact) {
      const n = channel.max.length;
      for (let c = 0; c < n; c++) {
        const x = Math.floor((c / n) * width);
        const w = Math.max(1, Math.floor(((c + 1) / n) * width) - x);
        const top = laneY(channel.max[c], lane, layout);
        const bottom = laneY(channel.min[c], lane, layout);
        ctx.fillRect(x, top, w, Math.max(1, bottom - top));
      }
      return;
    }
    const values = channel.max;
    ctx.beginPath();
    values.forEach((v, j) => {
      const x = sampleX(wave.firstSample + j, wave, width);
      if (j === 0) ctx.moveTo(x, laneY(v, lane, layout));
      else ctx.lineTo(x, laneY(v, lane, layout));
    });
    ctx.stroke();
    const pxPerSample = width / ((wave.endSec - wave.startSec) * wave.sampleRate);
    if (pxPerSample < DOTS_FROM_PX_PER_SAMPLE) return;
    values.forEach((v, j) => ctx.fillRect(sampleX(wave.firstSample + j, wave, width) - 1.5, laneY(v, lane, layout) - 1.5, 3, 3));
  });
}
