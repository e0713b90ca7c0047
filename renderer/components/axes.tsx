/** The audio views' axes as DOM (readable, testable): time under the rows, frequency and amplitude at the left, a dB colour bar. */
import { amplitudeTicks, frequencyTicks, levelTicks, timeTicks, type Tick } from './axis-ticks';
import type { TimeWindow } from './time-window';

/** The colour of a 0..255 level (dark blue -> yellow). */
export function heatColour(v: number): [number, number, number] {
  const t = v / 255;
  return [Math.round(255 * Math.min(1, 1.6 * t)), Math.round(255 * Math.max(0, 1.4 * t - 0.3)), Math.round(255 * Math.max(0, 0.5 - t) + 60 * t)];
}

/** Labels on their ticks, shifted so that the first and last stay inside the axis. */
function TickLabels({ ticks, vertical }: { ticks: Tick[]; vertical: boolean }) {
  return (
    <>
      {ticks.map((t) => (
        <span
          key={t.label}
          className="axis-tick"
          data-value={t.value}
          style={{ ...(vertical ? { bottom: `${t.at * 100}%`, transform: `translateY(${t.at * 100}%)` } : { left: `${t.at * 100}%`, transform: `translateX(${-t.at * 100}%)` }), ['--at' as string]: t.at }}
        >
          {t.label}
        </span>
      ))}
    </>
  );
}

/** Seconds under the rows, following zoom and scroll. */
export function TimeAxis({ window, widthPx }: { window: TimeWindow; widthPx: number }) {
  return (
    <div className="time-axis" role="group" aria-label="Time axis (s)">
      <TickLabels ticks={timeTicks(window.startSec, window.endSec, widthPx)} vertical={false} />
      <span className="axis-title">s</span>
    </div>
  );
}

/** Hz/kHz at the left of a spectrogram whose rows are centred on `rowHz`; on a mel axis the labels sit at their mel positions. */
export function FrequencyAxis({ rowHz, heightPx, mel }: { rowHz: readonly number[]; heightPx: number; mel: boolean }) {
  const title = mel ? 'Frequency, mel scale (Hz)' : 'Frequency (Hz)';
  return (
    <div className="axis-left" role="group" aria-label={title} title={title}>
      <TickLabels ticks={frequencyTicks(rowHz, heightPx)} vertical />
      <span className="axis-title">{mel ? 'mel' : 'Hz'}</span>
    </div>
  );
}

/** Linear amplitude at the left of a waveform lane showing [-fullScale, fullScale] (1 = full scale, 0 dBFS). */
export function AmplitudeAxis({ fullScale, heightPx, top }: { fullScale: number; heightPx: number; top: number }) {
  return (
    <div className="axis-left" style={{ top, height: heightPx }} role="group" aria-label="Amplitude (linear, 1 = full scale)">
      <TickLabels ticks={amplitudeTicks(fullScale, heightPx)} vertical />
      <span className="axis-title">linear</span>
    </div>
  );
}

/** The colour bar: levels in dB relative to full scale, topDb at the top, topDb - rangeDb at the bottom. */
export function ColourBar({ topDb, rangeDb, heightPx }: { topDb: number; rangeDb: number; heightPx: number }) {
  const stops = [0, 64, 128, 192, 255].map((v) => `rgb(${heatColour(v).join(',')}) ${(v / 255) * 100}%`).join(', ');
  return (
    <div className="colour-bar" role="group" aria-label="Level (dB re full scale)" title="Level (dB re full scale)">
      <div className="colour-ramp" style={{ background: `linear-gradient(to top, ${stops})` }} />
      <div className="colour-ticks">
        <TickLabels ticks={levelTicks(topDb, rangeDb, heightPx)} vertical />
      </div>
      <span className="axis-title">dB re full scale</span>
    </div>
  );
}
