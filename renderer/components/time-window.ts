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
