/** Rate and time left of counted work (batches, clips, files, samples), and a throttle for progress reports. */

/** Items per second after `done` items in `seconds`; null before the first item or before any time has passed. */
export function ratePerSecond(done: number, seconds: number): number | null {
  return done > 0 && seconds > 0 ? done / seconds : null;
}

/** Seconds left at the pace so far (`done` of `total` in `seconds`); null when the pace or the total is unknown. */
export function secondsLeftAt(done: number, total: number | null, seconds: number): number | null {
  if (total === null || done <= 0 || seconds <= 0) return null;
  return (Math.max(0, total - done) * seconds) / done;
}

/**
 * Says when a progress report is due: the first, the last, and otherwise one per `intervalMs` (a few a second is
 * what a person reads; a report per batch would flood a worker's message port and the UI's socket).
 */
export class ProgressThrottle {
  private last = -Infinity;

  /** `now` returns milliseconds (default performance.now). */
  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether to report now; `final` (the last item) always reports. Reporting restarts the interval. */
  due(final = false): boolean {
    const t = this.now();
    if (!final && t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}

/** The default interval between progress reports, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 250;
