/** Taskbar/dock progress from job events: indeterminate until a fraction, the mean over jobs, removed when none runs. */
import { describe, expect, it } from 'vitest';
import { INDETERMINATE, NO_PROGRESS, TaskbarProgress } from '../../electron/progress';

describe('TaskbarProgress', () => {
  it('follows a job from start to done, and hears when jobs start and stop', () => {
    const bar: number[] = [];
    const running: boolean[] = [];
    const progress = new TaskbarProgress((v) => bar.push(v), (r) => running.push(r));
    progress.onEvent({ type: 'started', jobId: 'a', task: 'train-lid', runId: 'r1' });
    progress.onEvent({ type: 'progress', jobId: 'a', fraction: 0.25, message: 'epoch 1/4' });
    progress.onEvent({ type: 'epoch', jobId: 'a', runId: 'r1', point: { epoch: 1, trainLoss: 1, gradNorms: {}, seconds: 1 } });
    progress.onEvent({ type: 'started', jobId: 'b', task: 'generate', runId: null });
    progress.onEvent({ type: 'progress', jobId: 'b', fraction: 0.75, message: '' });
    progress.onEvent({ type: 'failed', jobId: 'b', runId: null, error: 'x' });
    progress.onEvent({ type: 'progress', jobId: 'a', fraction: 1, message: '' });
    progress.onEvent({ type: 'done', jobId: 'a', runId: 'r1', result: null });
    // a job without a fraction yet counts as not started: (0.25 + 0) / 2
    expect(bar).toEqual([INDETERMINATE, 0.25, 0.125, 0.5, 0.25, 1, NO_PROGRESS]);
    expect(running).toEqual([true, false]);
    expect(progress.running).toBe(false);
  });

  it('treats a cancelled job as finished and a non-finite fraction as unknown', () => {
    const bar: number[] = [];
    const progress = new TaskbarProgress((v) => bar.push(v));
    progress.onEvent({ type: 'started', jobId: 'a', task: 't', runId: null });
    progress.onEvent({ type: 'progress', jobId: 'a', fraction: Number.NaN, message: '' });
    progress.onEvent({ type: 'cancelled', jobId: 'a', runId: null });
    expect(bar).toEqual([INDETERMINATE, INDETERMINATE, NO_PROGRESS]);
  });
});
