/** A log-mel spectrogram drawn on a canvas from back-end data (low bands at the bottom). */
import { useEffect, useRef } from 'react';
import type { Spectrogram } from '../contract';

/** The colour of a 0..255 magnitude (dark blue -> yellow). */
export function heatColour(v: number): [number, number, number] {
  const t = v / 255;
  return [Math.round(255 * Math.min(1, 1.6 * t)), Math.round(255 * Math.max(0, 1.4 * t - 0.3)), Math.round(255 * Math.max(0, 0.5 - t) + 60 * t)];
}

/** Canvas image of the spectrogram, stretched to the container's width. */
export function SpectrogramView({ data }: { data: Spectrogram }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || data.frames === 0) return;
    const image = ctx.createImageData(data.frames, data.bins);
    for (let t = 0; t < data.frames; t++) {
      for (let b = 0; b < data.bins; b++) {
        const [r, g, bl] = heatColour(data.data[t * data.bins + b]);
        const i = ((data.bins - 1 - b) * data.frames + t) * 4;
        image.data[i] = r;
        image.data[i + 1] = g;
        image.data[i + 2] = bl;
        image.data[i + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [data]);
  return (
    <canvas
      ref={canvas}
      className="spectrogram"
      width={Math.max(1, data.frames)}
      height={data.bins}
      role="img"
      aria-label={`Log-mel spectrogram, ${data.bins} bands up to ${Math.round(data.maxHz)} Hz`}
    />
  );
}
