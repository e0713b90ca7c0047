import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRAIN_SETTINGS, type JobEvent } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';
import type { TaskContext, TaskRunner } from '../../src/api/tasks';
import { CancelledError } from '../../src/util/errors';
import { writeRunEvaluation } from '../../src/project';

let dir: string;
let service: KieloService;
let events: JobEvent[];

const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `/test/fi/${name}.wav`);
/** Right/wrong per file of each model folder: the demo model gets 4 of 6, the run's model 5 of 6. */
const rightOf: Record<string, boolean[]> = { demo: [true, true, true, true, false, false], run: [true, true, true, false, true, true] };

/** A runner that plays a training (progress within 2 epochs, early stop) and scores models file by file. */
const fakeRunner = (async (task: string, params: Record<string, unknown>, ctx: TaskContext) => {
  if (task === 'eval') {
    const right = rightOf[String(params.model).includes('runs') ? 'run' : 'demo'];
    for (let done = 1; done <= files.length; done++) ctx.onEvent({ type: 'progress', done, total: files.length });
    if (String(params.data).includes('slow')) await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('worker stopped'))));
    const outcomes = files.map((file, i) => ({ file, label: 'fi', predicted: right[i] ? 'fi' : 'en', confidence: 0.7 }));
    const accuracy = right.filter(Boolean).length / files.length;
    return {
      n: files.length, accuracy, labels: ['en', 'fi'], confusion: [[0, 0], [0, 0]], eer: 0.1, cavg: 0.1, ece: 0.05,
      answered: { minConfidence: 0.5, coverage: 1, accuracy }, skippedLabels: {}, files: outcomes,
    };
  }
  if (String(params.data).includes('empty')) throw new Error(`${String(params.data)}: no labelled audio files`);
  ctx.onEvent({ type: 'started', engine: 'cpu', nParams: 10 });
  for (let epoch = 1; epoch <= 2; epoch++) {
    for (const done of [2, 4]) ctx.onEvent({ type: 'progress', epoch, epochs: 3, done, total: 4, loss: 1 / (epoch + done), examplesPerSecond: 100, epochSecondsLeft: 1, secondsLeft: 5 });
    ctx.onEvent({ type: 'epoch', record: { epoch, trainLoss: 1 / epoch, validation: { loss: 1 / epoch, accuracy: 0.4 * epoch }, gradients: { perLayer: { dense: 0.5 } }, seconds: 0.1 } });
  }
  ctx.onEvent({ type: 'earlyStop', epoch: 2, bestEpoch: 1, bestValue: 1 });
  if (ctx.signal.aborted) throw new CancelledError();
  return { model: params.out, epochs: 2, valAccuracy: 0.8, valLoss: 0.5, bestEpoch: 1, seconds: 12.5, engine: 'cpu' };
}) as TaskRunner;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-run-outcome-'));
  process.env.KIELO_HOME = join(dir, 'home');
  service = await KieloService.open(join(dir, 'project'), { runner: fakeRunner });
  events = [];
  service.onJobEvent((e) => events.push(e));
  await mkdir(join(dir, 'set'));
});

afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a finished run', () => {
  it('streams progress within epochs, keeps the loss trace, and says it stopped early and where its model is', async () => {
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'set'), epochs: 3 });
    await service.idle();
    const progress = events.filter((e) => e.type === 'trainProgress');
    expect(progress.map((e) => e.type === 'trainProgress' && [e.progress.epoch, e.progress.done, e.progress.total])).toEqual([[1, 2, 4], [1, 4, 4], [2, 2, 4], [2, 4, 4]]);
    expect(progress[0]).toMatchObject({ runId: handle.runId, progress: { examplesPerSecond: 100, secondsLeft: 5, epochs: 3 } });
    const run = await service.run(handle.runId!);
    expect(run.lossTrace).toEqual([{ x: 0.5, loss: 1 / 3 }, { x: 1, loss: 1 / 5 }, { x: 1.5, loss: 1 / 4 }, { x: 2, loss: 1 / 6 }]);
    expect(run).toMatchObject({ status: 'done', stoppedEarly: true, bestEpoch: 1, resumable: false, modelDir: join(dir, 'project', 'runs', handle.runId!, 'model') });
    expect(run.metrics).toMatchObject({ valAccuracy: 0.8, valLoss: 0.5, seconds: 12.5 });
  });

  it('a failed run that saved no checkpoint is not resumable, and resuming it is refused', async () => {
    await mkdir(join(dir, 'empty'));
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'empty') });
    await service.idle();
    expect(await service.run(handle.runId!)).toMatchObject({ status: 'failed', resumable: false, modelDir: null });
    await expect(service.resumeTraining(handle.runId!)).rejects.toThrow('saved no checkpoint to resume from');
  });
});

describe('evaluation and comparison', () => {
  it('evaluation is a job with progress (files done, pace, time left) and keeps per-file outcomes', async () => {
    const result = await service.evaluate('demo-lid', join(dir, 'set'));
    expect(result.files.map((f) => f.predicted === f.label)).toEqual(rightOf.demo);
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ task: 'eval', runId: null });
    const progress = events.flatMap((e) => (e.type === 'progress' && e.progress ? [e.progress] : []));
    expect(progress[0]).toMatchObject({ done: 1, total: 6, unit: 'files' });
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6, unit: 'files', secondsLeft: 0 });
    expect(events.at(-1)).toMatchObject({ type: 'done', result: null });
  });

  it('cancelJob stops an evaluation, which rejects as cancelled', async () => {
    const pending = service.evaluate('demo-lid', join(dir, 'slow'));
    // the job's 'started' event comes once the service has looked the model and folder up: wait for it, not a fixed time
    await expect.poll(() => events.some((e) => e.type === 'started'), { timeout: 10_000, interval: 5 }).toBe(true);
    const started = events.find((e) => e.type === 'started')!;
    await service.cancelJob(started.jobId);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', jobId: started.jobId });
  });

  it("compares models on the same files: accuracies, the paired difference against the first, and a run's curves; the run keeps its evaluation", async () => {
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'set'), epochs: 3 });
    await service.idle();
    const runId = handle.runId!;
    // the run's model must exist for models() to list it
    const { writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'project', 'runs', runId, 'model'), { recursive: true });
    await writeFile(join(dir, 'project', 'runs', runId, 'model', 'kielo.json'), JSON.stringify({ kind: 'lid-learned', labels: ['en', 'fi'] }));
    const comparison = await service.compareModels(['demo-lid', runId], join(dir, 'set'));
    expect(comparison.models.map((m) => [m.model, m.evaluation.accuracy, m.runId])).toEqual([['demo-lid', 4 / 6, null], [runId, 5 / 6, runId]]);
    expect(comparison.models[1].history.map((p) => p.epoch)).toEqual([1, 2]);
    // demo right on a-d, the run on a-c and e-f: only the demo right on d, only the run right on e and f
    const [d] = comparison.differences;
    expect(d).toMatchObject({ reference: 'demo-lid', model: runId, n: 6, onlyReference: 1, onlyModel: 2, pValue: 1 });
    expect(d.difference).toBeCloseTo(1 / 6, 12);
    expect(d.low).toBeLessThan(0);
    expect(comparison.method).toContain('paired bootstrap');
    const stored = JSON.parse(await readFile(join(dir, 'project', 'runs', runId, 'evaluations.json'), 'utf8'));
    expect(stored[join(dir, 'set')].files).toHaveLength(6);
    await expect(service.compareModels(['demo-lid', 'demo-lid'])).rejects.toThrow("model 'demo-lid' is picked twice");
  });

  it('a run keeps its evaluations of other folders when one is written', async () => {
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'set') });
    await service.idle();
    const runsDir = join(dir, 'project', 'runs');
    await writeRunEvaluation(runsDir, handle.runId!, '/a', { n: 1 });
    await writeRunEvaluation(runsDir, handle.runId!, '/b', { n: 2 });
    await writeRunEvaluation(runsDir, handle.runId!, '/a', { n: 3 });
    expect(JSON.parse(await readFile(join(runsDir, handle.runId!, 'evaluations.json'), 'utf8'))).toEqual({ '/a': { n: 3 }, '/b': { n: 2 } });
  });
});
