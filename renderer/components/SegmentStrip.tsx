/** Language over time: coloured regions under the waveform, following its zoom and scroll. */
import type { Segment } from '../contract';
import { PALETTE } from './charts';
import { TimeTrack } from './TimeTrack';
import type { TimeWindow } from './time-window';

/** Regions of `segments` across the recording, coloured by label (index in `labels`), seen through `window`. */
export function SegmentStrip({ segments, labels, window }: { segments: Segment[]; labels: string[]; window: TimeWindow }) {
  const { durationSec } = window;
  const colour = (label: string) => PALETTE[Math.max(0, labels.indexOf(label)) % PALETTE.length];
  return (
    <TimeTrack window={window} className="segments">
      <div role="list" aria-label="Language over time">
        {segments.map((s, i) => (
          <div
            key={i}
            role="listitem"
            className="segment"
            title={`${s.start.toFixed(1)}–${s.end.toFixed(1)} s: ${s.label}`}
            data-start={s.start}
            data-end={s.end}
            style={{ left: `${(s.start / durationSec) * 100}%`, width: `${(Math.max(0, s.end - s.start) / durationSec) * 100}%`, background: colour(s.label) }}
          >
            {s.label}
          </div>
        ))}
      </div>
    </TimeTrack>
  );
}
