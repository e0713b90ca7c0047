/**
 * The studio's ASR training reaches the recipe's loop with its own settings: a non-default optimiser, learning rate,
 * batch size and clip, started from the service on the real back end (a worker thread running the recipe).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../../src/audio';
import { KieloService } from '../../src/api/service';
import { defaultTaskRunner, type TaskRunner } from '../../src/api/tasks';
import type { RecipeEvent } from '../../src/train/recipe';

let dir: string;
let service: KieloService;
const events: RecipeEvent[] = [];

/** The real runner, also keeping every event the recipe sends. */
const recording = ((task, params, ctx) =>
  defaultTaskRunner(task, params, { ...ctx, onEvent: (e) => (events.push(e as RecipeEvent), ctx.onEvent(e)) })) as TaskRunner;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-asr-service-'));
  process.env.KIELO_HOME = join(dir, 'home');
  await mkdir(join(dir, 'data'));
  for (let i = 0; i < 8; i++) {
    const samples = new Float32Array(4000 + 400 * i).map((_, n) => 0.3 * Math.sin((2 * Math.PI * (300 + 100 * i) * n) / 16000));
    await writeWav(join(dir, 'data', `u${i}.wav`), samples, 16000, 'pcm16');
    await writeFile(join(dir, 'data', `u${i}.txt`), i % 2 ? 'one' : 'two');
  }
  service = await KieloService.open(join(dir, 'project'), { runner: recording });
}, 60_000);
afterAll(async () => {
  await service?.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

describe('ASR training started by the studio', () => {
  it('trains with the optimiser, learning rate, batch size and clip it was given', async () => {
    const settings = { kind: 'asr', dataset: join(dir, 'data'), epochs: 1, optimizer: 'momentum', learningRate: 0.0123, batchSize: 3, clip: 2.5, valFraction: 0.25, seed: 4 } as const;
    const handle = await service.startTraining(settings);
    await service.idle();
    const run = await service.run(handle.runId!);
    expect(run.error).toBeNull();
    expect(run.status).toBe('done');
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.config).toMatchObject({
      epochs: 1, seed: 4, optimizer: { name: 'momentum', learningRate: 0.0123 }, clip: { mode: 'norm', value: 2.5 },
    });
    // 8 utterances, a quarter held out for validation: 6 train in batches of 3
    const epoch = events.find((e) => e.type === 'epoch');
    expect(epoch?.type === 'epoch' && [epoch.record.steps, epoch.record.learningRate]).toEqual([2, 0.0123]);
    const saved = JSON.parse(await readFile(join(dir, 'project', 'runs', handle.runId!, 'model', 'kielo.json'), 'utf8')) as { metrics?: Record<string, unknown>; notes?: Record<string, unknown> };
    expect({ ...saved.metrics, ...saved.notes }).toMatchObject({ optimizer: 'momentum', learningRate: 0.0123, batchSize: 3, clip: 2.5, valFraction: 0.25, valUtterances: 2, trainUtterances: 6 });
  }, 120_000);
});
