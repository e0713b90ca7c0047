/** The service on the real back end (jobs in worker threads): train a small LID model, then classify and show filters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRAIN_SETTINGS, type JobEvent } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';
import { writeTone } from '../audio/fixtures';

let dir: string;
let service: KieloService;
let runId: string;
const events: JobEvent[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-real-'));
  process.env.KIELO_HOME = join(dir, 'home');
  for (const [label, freq] of [['lo', 300], ['hi', 2400]] as const) {
    await mkdir(join(dir, 'data', label), { recursive: true });
    for (let i = 0; i < 6; i++) {
      writeTone(join(dir, 'data', label, `${i}.wav`), { rate: 16000, seconds: 1, frequencies: [freq + 40 * i], amplitude: 0.3 });
    }
  }
  service = await KieloService.open(join(dir, 'project'));
  service.onJobEvent((e) => events.push(e));
  const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'data'), epochs: 3, batchSize: 4, valFraction: 0.34, learningRate: 0.003 });
  runId = handle.runId!;
  await service.idle();
}, 120_000);
afterAll(async () => {
  await service?.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

describe('KieloService with the real jobs', () => {
  it('trains: one epoch event per epoch with gradient norms per layer, then a done run with its model listed', async () => {
    const run = await service.run(runId);
    expect(run.error).toBeNull();
    expect(run.status).toBe('done');
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? e.point.epoch : 0))).toEqual([1, 2, 3]);
    expect(run.history).toHaveLength(3);
    expect(Object.keys(run.history[0].gradNorms).length).toBeGreaterThan(1);
    expect(run.history.every((p) => p.trainLoss > 0 && Number.isFinite(p.trainLoss))).toBe(true);
    const model = (await service.models()).find((m) => m.id === runId);
    expect(model).toMatchObject({ kind: 'lid', source: 'run' });
    expect([...model!.labels].sort()).toEqual(['hi', 'lo']);
  });

  it('classifies a project file with the trained model (posteriors sum to 1; a tone is no speech)', async () => {
    const [file] = (await service.addFiles([join(dir, 'data', 'hi', '0.wav')])).added;
    const result = await service.classify(file.id, runId);
    expect(['hi', 'lo']).toContain(result.bestGuess);
    expect(result).toMatchObject({ speech: false, unsure: false, label: null });
    expect(Object.values(result.posteriors).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(result.segments.length).toBeGreaterThan(0);
  });

  it('shows the learned filters sorted by centre frequency beside a mel bank of the same size', async () => {
    const f = await service.filters(runId);
    expect(f.freqsHz).toHaveLength(257);
    expect(f.filters.length).toBeGreaterThan(1);
    expect(f.mel).toHaveLength(f.filters.length);
    const centres = f.filters.map((x) => x.centreHz);
    expect(centres).toEqual([...centres].sort((a, b) => a - b));
    expect(f.cumulativeDb).toHaveLength(257);
  });
});
