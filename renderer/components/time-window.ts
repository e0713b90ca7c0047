/** The part of a recording the waveform shows, from wavesurfer's zoom and scroll, so rows under it can line up. */

/** The visible time range in seconds: [startSec, endSec] of a recording durationSec long fills the waveform's width. */
export interface TimeWindow {
  startSec: number;
  endSec: number;
  durationSec: number;
}

/** What wavesurfer.js reports: zoom (its minPxPerSec; 0 = fit), scroll offset and visible width in CSS pixels. */
export interface WaveformLayout {
  durationSec: number;
  pxPerSec: number;
  scrollPx: number;
  widthPx: number;
}

/**
 * The visible window, computed as wavesurfer.js 8 lays out (renderer-utils calculateWaveformLayout): the wave is
 * ceil(duration x minPxPerSec) px wide, or the container's width when that is narrower (fillParent), and scrolls.
 */
export function visibleWindow({ durationSec, pxPerSec, scrollPx, widthPx }: WaveformLayout): TimeWindow {
  if (!(durationSec > 0) || !(widthPx > 0)) return { startSec: 0, endSec: Math.max(0, durationSec), durationSec };
  const totalPx = Math.max(widthPx, Math.ceil(durationSec * pxPerSec));
  const startPx = Math.min(Math.max(0, scrollPx), totalPx - widthPx);
  return { startSec: (startPx / totalPx) * durationSec, endSec: ((startPx + widthPx) / totalPx) * durationSec, durationSec };
}

/** CSS for a track holding the whole recording (children placed in % of its duration) seen through WINDOW. */
export function trackStyle({ startSec, endSec, durationSec }: TimeWindow): { left: string; width: string } {
  const span = endSec - startSec;
  if (!(span > 0) || !(durationSec > 0)) return { left: '0%', width: '100%' };
  return { left: `${(-startSec / span) * 100}%`, width: `${(durationSec / span) * 100}%` };
}

/** Deepest zoom in pixels per sample (sample points drawn as dots well before it). */
export const MAX_PX_PER_SAMPLE = 32;
/** Widest the zoomed waveform may grow, in CSS pixels (browsers cap an element's width). */
export const MAX_WAVE_PX = 16_000_000;
/** Positions of the zoom slider: 0 = the whole file fits, ZOOM_STEPS = the deepest zoom. */
export const ZOOM_STEPS = 1000;

/** The deepest zoom for a file, in px per second: MAX_PX_PER_SAMPLE, unless the waveform would outgrow MAX_WAVE_PX. */
export function maxPxPerSec(sampleRate: number, durationSec: number): number {
  return Math.max(1, Math.min(sampleRate * MAX_PX_PER_SAMPLE, MAX_WAVE_PX / Math.max(durationSec, 1e-9)));
}

/** wavesurfer's minPxPerSec for a slider position: 0 = fit (0), then geometric from the fitted zoom to `maxPx`. */
export function zoomPxPerSec(position: number, fitPxPerSec: number, maxPx: number): number {
  if (!(position > 0) || !(fitPxPerSec > 0)) return 0;
  const top = Math.max(maxPx, fitPxPerSec);
  return fitPxPerSec * (top / fitPxPerSec) ** (Math.min(position, ZOOM_STEPS) / ZOOM_STEPS);
}
