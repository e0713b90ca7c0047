/** A row under the waveform that follows its zoom and scroll: children are laid out across the whole recording. */
import type { ReactNode } from 'react';
import { trackStyle, type TimeWindow } from './time-window';

/** Clips to the visible WINDOW a track as long as the recording; CHILDREN position themselves in % of its duration. */
export function TimeTrack({ window, className, children }: { window: TimeWindow; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `time-view ${className}` : 'time-view'}>
      <div className="time-track" style={trackStyle(window)}>
        {children}
      </div>
    </div>
  );
}
