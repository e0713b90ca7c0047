/**
 * Taskbar (Windows, Linux Unity) and dock (macOS) progress while jobs run, from the service's job events in the
 * main process. One bar for all jobs: their mean fraction; indeterminate until a job reports one; removed when
 * none runs. No electron import: the window's setProgressBar is passed in.
 */
import type { JobEvent } from '../src/api/contract';

/** Electron's setProgressBar values: below 0 removes the bar, above 1 shows it indeterminate. */
export const NO_PROGRESS = -1;
export const INDETERMINATE = 2;

/** Follows job events and sets the bar; `onRunning` hears when jobs start or all stop (Run > Cancel). */
export class TaskbarProgress {
  /** Fraction done per running job; null until it reports one. */
  private readonly jobs = new Map<string, number | null>();

  constructor(
    private readonly setBar: (value: number) => void,
    private readonly onRunning: (running: boolean) => void = () => {},
  ) {}

  /** True while any job runs. */
  get running(): boolean {
    return this.jobs.size > 0;
  }

  /** The bar's value now. */
  value(): number {
    if (this.jobs.size === 0) return NO_PROGRESS;
    const known = [...this.jobs.values()].filter((f): f is number => f !== null);
    if (known.length === 0) return INDETERMINATE;
    return Math.min(1, Math.max(0, known.reduce((a, b) => a + b, 0) / this.jobs.size));
  }

  /** Updates the bar from one job event. */
  onEvent(event: JobEvent): void {
    const wasRunning = this.running;
    if (event.type === 'started') this.jobs.set(event.jobId, null);
    else if (event.type === 'progress') this.jobs.set(event.jobId, Number.isFinite(event.fraction) ? event.fraction : null);
    else if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') this.jobs.delete(event.jobId);
    else return;
    this.setBar(this.value());
    if (wasRunning !== this.running) this.onRunning(this.running);
  }
}
