/**
 * The spectrogram of the stretch the waveform shows, computed by the back end at one column per device pixel
 * (linear-frequency STFT or mel bands), with its frequency axis, a dB colour bar and a time/frequency readout.
 */
import { useEffect, useRef, useState } from 'react';
import type { AudioView, Spectrogram, SpectrogramRequestInput } from '../contract';
import { useApi } from '../api/context';
import { ColourBar, FrequencyAxis, heatColour } from './axes';

export { heatColour };
import { frequencyAt, hzLabel } from './axis-ticks';
import type { TimeWindow } from './time-window';
import { useElementWidth } from './use-element-width';

/** What the spectrogram shows (the request's display choices; the stretch and size come from the view). */
export type SpectrogramSettings = Required<Pick<SpectrogramRequestInput, 'scale' | 'windowSec' | 'rangeDb' | 'normalise'>> & { channel: number | null };

/** Height of the spectrogram in CSS px. */
export const SPECTROGRAM_HEIGHT = 180;

/** Paints `data` (columns x rows bytes, row 0 lowest) onto `canvas`, stretching rows to its height. */
export function paintSpectrogram(canvas: HTMLCanvasElement, data: Spectrogram): void {
  const ctx = canvas.getContext('2d');
  if (!ctx || data.columns === 0) return;
  const bytes = Uint8Array.from(atob(data.base64), (ch) => ch.charCodeAt(0));
  const image = new ImageData(data.columns, data.rows);
  for (let c = 0; c < data.columns; c++) {
    for (let r = 0; r < data.rows; r++) {
      const [red, green, blue] = heatColour(bytes[c * data.rows + r]);
      const i = ((data.rows - 1 - r) * data.columns + c) * 4;
      image.data[i] = red;
      image.data[i + 1] = green;
      image.data[i + 2] = blue;
      image.data[i + 3] = 255;
    }
  }
  if (data.columns === canvas.width && data.rows === canvas.height) {
    ctx.putImageData(image, 0, 0);
    return;
  }
  const source = document.createElement('canvas');
  source.width = data.columns;
  source.height = data.rows;
  source.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}

/** The spectrogram row of file `id` in `view`, over the visible `window`. */
export function SpectrogramView({ id, view, settings, window: shown }: { id: string; view: AudioView; settings: SpectrogramSettings; window: TimeWindow }) {
  const api = useApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [box, widthPx] = useElementWidth<HTMLDivElement>();
  const [data, setData] = useState<Spectrogram | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pointer, setPointer] = useState<string>('');
  const dpr = globalThis.devicePixelRatio || 1;
  const columns = Math.max(1, Math.min(8192, Math.round(widthPx * dpr)));
  const rows = Math.max(8, Math.min(2048, Math.round(SPECTROGRAM_HEIGHT * dpr)));
  const { scale, windowSec, rangeDb, normalise, channel } = settings;

  useEffect(() => {
    if (!(widthPx > 0)) return;
    let live = true;
    const request: SpectrogramRequestInput = { view, scale, windowSec, rangeDb, normalise, startSec: shown.startSec, endSec: shown.endSec, columns, rows, ...(channel === null ? {} : { channel }) };
    const timer = setTimeout(() => {
      api.spectrogram(id, request).then(
        (s) => live && (setData(s), setError(null)),
        (e: Error) => live && setError(e.message),
      );
    }, 40);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, view, scale, windowSec, rangeDb, normalise, channel, shown.startSec, shown.endSec, columns, rows, widthPx]);

  useEffect(() => {
    if (!canvas.current || !data) return;
    canvas.current.width = columns;
    canvas.current.height = rows;
    paintSpectrogram(canvas.current, data);
  }, [data, columns, rows]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!data) return;
    const r = e.currentTarget.getBoundingClientRect();
    const t = data.startSec + ((e.clientX - r.left) / r.width) * (data.endSec - data.startSec);
    const hz = frequencyAt(1 - (e.clientY - r.top) / r.height, data.rowHz);
    setPointer(`${t.toFixed(4)} s · ${hzLabel(Math.round(hz))}`);
  };
  const what = data
    ? `${data.scale === 'mel' ? `Mel spectrogram, ${data.rows} bands` : `Linear-frequency spectrogram (STFT)`}, ${Math.round(data.windowSec * 1000 * 10) / 10} ms window, 0–${hzLabel(data.maxHz)}, ${data.rangeDb} dB range`
    : 'Spectrogram (computing)';
  return (
    <div className="spectrogram-row" ref={box} data-scale={data?.scale} data-columns={data?.columns}>
      {data && <FrequencyAxis rowHz={data.rowHz} heightPx={SPECTROGRAM_HEIGHT} mel={data.scale === 'mel'} />}
      <canvas ref={canvas} className="spectrogram" style={{ height: SPECTROGRAM_HEIGHT }} role="img" aria-label={what} onMouseMove={onMove} onMouseLeave={() => setPointer('')} />
      {data && <ColourBar topDb={data.topDb} rangeDb={data.rangeDb} heightPx={SPECTROGRAM_HEIGHT} />}
      <output className="readout" aria-label="Time and frequency under the pointer">{pointer}</output>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
