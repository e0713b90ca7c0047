/** Language over time: coloured regions aligned under the waveform (fit-to-width view). */
import type { Segment } from '../contract';
import { PALETTE } from './charts';

/** Regions of `segments` across `durationSec`, coloured by label (index in `labels`). */
export function SegmentStrip({ segments, durationSec, labels }: { segments: Segment[]; durationSec: number; labels: string[] }) {
  const colour = (label: string) => PALETTE[Math.max(0, labels.indexOf(label)) % PALETTE.length];
  return (
    <div className="segments" role="list" aria-label="Language over time">
      {segments.map((s, i) => (
        <div
          key={i}
          role="listitem"
          className="segment"
          title={`${s.start.toFixed(1)}–${s.end.toFixed(1)} s: ${s.label}`}
          style={{ left: `${(s.start / durationSec) * 100}%`, width: `${(Math.max(0, s.end - s.start) / durationSec) * 100}%`, background: colour(s.label) }}
        >
          {s.label}
        </div>
      ))}
    </div>
  );
}
