/**
 * Progress of the studio's long jobs as every front end shows it: each task's own progress event read as items done
 * of a total (one place knows each task's event), and a meter that adds the pace and the time left, a few times a second.
 */
import type { TaskEvent, TaskName } from '../jobs';
import { PROGRESS_INTERVAL_MS, ProgressThrottle, ratePerSecond, secondsLeftAt } from '../util/progress-rate';
import type { JobProgress } from './contract';

/** Items done of a total, what they are, and a line saying so. */
export interface JobCount {
  done: number;
  total: number;
  unit: string;
  message: string;
}

/** How far a task's event says it has got; null for events that do not count work (logs, skipped files, training). */
export function countOf(task: TaskName, event: unknown): JobCount | null {
  switch (task) {
    case 'eval': {
      const e = event as TaskEvent<'eval'>;
      return e.type === 'progress' ? { done: e.done, total: e.total, unit: 'files', message: `scored ${e.done} of ${e.total} files` } : null;
    }
    case 'classify-batch': {
      const e = event as TaskEvent<'classify-batch'>;
      return e.type === 'progress' ? { done: e.done, total: e.total, unit: 'files', message: `classified ${e.done} of ${e.total} files` } : null;
    }
    case 'transcribe': {
      const e = event as TaskEvent<'transcribe'>;
      return e.type === 'file' ? { done: e.index + 1, total: e.total, unit: 'files', message: `transcribed ${e.index + 1} of ${e.total} files` } : null;
    }
    case 'generate': {
      const e = event as TaskEvent<'generate'>;
      return e.type === 'progress' ? { done: e.done, total: e.total, unit: 'samples', message: e.message } : null;
    }
    case 'resynth': {
      const e = event as TaskEvent<'resynth'>;
      return e.type === 'progress' ? { done: e.done, total: e.total, unit: 'samples', message: e.message } : null;
    }
    default:
      return null;
  }
}

/**
 * A job's meter: fed its counts, returns the progress to show when a report is due (the first, the last, and one per
 * interval between). The pace is measured from the first count, so loading a model does not slow it.
 */
export function progressMeter(intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): (count: JobCount) => JobProgress | null {
  const throttle = new ProgressThrottle(intervalMs, now);
  let first: { at: number; done: number } | null = null;
  return (count) => {
    const at = now();
    first ??= { at, done: count.done };
    if (!throttle.due(count.done >= count.total)) return null;
    const seconds = (at - first.at) / 1000;
    const counted = count.done - first.done;
    return {
      done: count.done,
      total: count.total,
      unit: count.unit,
      perSecond: ratePerSecond(counted, seconds),
      secondsLeft: secondsLeftAt(counted, counted + count.total - count.done, seconds),
    };
  };
}
