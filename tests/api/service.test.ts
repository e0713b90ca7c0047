import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '../../src/api/contract';
import { DEFAULT_TRAIN_SETTINGS } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';
import type { TaskContext, TaskRunner } from '../../src/api/tasks';
import { CancelledError } from '../../src/util/errors';
import { writeTone } from '../audio/fixtures';

let dir: string;
let service: KieloService;
const calls: { task: string; params: Record<string, unknown> }[] = [];

/** A runner that plays a 3-epoch training (or waits for cancellation when params.epochs is 99). */
const fakeRunner = (async (task: string, params: Record<string, unknown>, ctx: TaskContext) => {
  calls.push({ task, params });
  if (task === 'classify-batch') return [{ file: (params.files as string[])[0], label: 'fi', speech: true, unsure: false, bestGuess: 'fi', confidence: 0.9, posteriors: { fi: 0.9, en: 0.1 }, segments: [{ start: 0, end: 1, label: 'fi' }] }];
  if (params.epochs === 99 && !params.resume) {
    // as the loop does: a checkpoint of the progress so far, then CancelledError
    await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => {
      const dir = params.checkpointDir as string;
      void mkdir(dir, { recursive: true }).then(() => writeFile(join(dir, 'checkpoint.json'), '{}')).then(() => reject(new CancelledError()));
    }));
  }
  ctx.onEvent({ type: 'started', engine: 'cpu', nParams: 10 });
  for (let epoch = 1; epoch <= 3; epoch++) {
    ctx.onEvent({ type: 'epoch', record: { epoch, trainLoss: 1 / epoch, validation: { loss: 1.2 / epoch, accuracy: 0.3 * epoch }, gradients: { perLayer: { dense: 0.5 / epoch } }, seconds: 0.1 } });
  }
  ctx.onEvent({ type: 'earlyStop', epoch: 3, bestEpoch: 2 });
  return { model: params.out, epochs: 3, trainAccuracy: 0.95, valAccuracy: 0.9, engine: 'cpu' };
}) as TaskRunner;

function sine(path: string, rate: number, channels: number, seconds: number) {
  writeTone(path, { rate, seconds, frequencies: new Array<number>(channels).fill(440), amplitude: 0.5 });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-service-'));
  process.env.KIELO_HOME = join(dir, 'home');
  calls.length = 0;
  service = await KieloService.open(join(dir, 'project'), { runner: fakeRunner });
});
afterEach(async () => {
  await service.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

describe('KieloService files', () => {
  it('adds a folder recursively, labels by language folder, and reports bad files while adding the rest', async () => {
    await mkdir(join(dir, 'data', 'fi'), { recursive: true });
    sine(join(dir, 'data', 'fi', 'a.wav'), 22050, 2, 1.5);
    await writeFile(join(dir, 'data', 'fi', 'broken.wav'), 'not audio at all');
    const result = await service.addFiles([join(dir, 'data'), join(dir, 'missing')]);
    expect(result.added).toHaveLength(1);
    expect(result.added[0]).toMatchObject({ name: 'a.wav', sampleRate: 22050, channels: 2, label: 'fi', format: 'wav' });
    expect(result.added[0].durationSec).toBeCloseTo(1.5, 3);
    expect(result.problems.map((p) => p.file)).toEqual([join(dir, 'missing'), join(dir, 'data', 'fi', 'broken.wav')]);
    expect(result.problems[0].reason).toMatch(/./);
    expect(await service.listFiles()).toHaveLength(1);
  });

  it('sends waveform stretches and spectrograms of a file at its own rate, or as the models hear it, and WAV bytes', async () => {
    sine(join(dir, 'tone.wav'), 22050, 2, 1);
    const [file] = (await service.addFiles([join(dir, 'tone.wav')])).added;
    const wave = await service.waveform(file.id, { columns: 100 });
    expect([wave.sampleRate, wave.channels.length, wave.channels[0].max.length, wave.exact]).toEqual([22050, 2, 100, false]);
    expect(wave.durationSec).toBeCloseTo(1, 3);
    expect(wave.peak).toBeCloseTo(0.5, 3);
    expect(Math.max(...wave.channels[1].max)).toBeCloseTo(0.5, 2);
    expect(Math.min(...wave.channels[1].min)).toBeCloseTo(-0.5, 2);
    const model = await service.waveform(file.id, { view: 'model', startSec: 0.5, endSec: 0.51 });
    expect([model.sampleRate, model.channels.length, model.exact, model.firstSample, model.channels[0].min.length]).toEqual([16000, 1, true, 8000, 161]);
    const spec = await service.spectrogram(file.id, { view: 'model', scale: 'mel', columns: 50 });
    expect([spec.rows, spec.columns, spec.maxHz]).toEqual([40, 50, 8000]);
    const bytes = Buffer.from(spec.base64, 'base64');
    const row = Array.from(bytes.subarray(25 * spec.rows, 26 * spec.rows));
    // 40 HTK mel bands over 20-8000 Hz: 440 Hz lies in band 7 or 8
    expect(row.indexOf(Math.max(...row))).toBeGreaterThanOrEqual(6);
    expect(row.indexOf(Math.max(...row))).toBeLessThanOrEqual(9);
    const wav = Buffer.from((await service.audio(file.id)).base64, 'base64');
    expect([wav.subarray(0, 4).toString(), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.length]).toEqual(['RIFF', 2, 22050, 44 + 4 * 22050]);
    const modelWav = Buffer.from((await service.audio(file.id, 'model')).base64, 'base64');
    expect([modelWav.readUInt16LE(22), modelWav.readUInt32LE(24), modelWav.length]).toEqual([1, 16000, 44 + 2 * 16000]);
    await expect(service.waveform(file.id, { startSec: 2 })).rejects.toThrow('is empty');
    await expect(service.spectrogram(file.id, { channel: 2 })).rejects.toThrow('channel 2 does not exist: the audio has 2 channel(s)');
  });

  it('refuses unknown ids with a clear message', async () => {
    await expect(service.waveform('nope')).rejects.toThrow("no file with id 'nope' in this project");
  });
});

describe('KieloService training', () => {
  it('runs a training job: live epoch events, history and log on disk, final metrics and early-stop epoch', async () => {
    const events: JobEvent[] = [];
    service.onJobEvent((e) => events.push(e));
    await mkdir(join(dir, 'set'));
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'set'), epochs: 3 });
    await service.idle();
    expect(calls[0].task).toBe('train-lid');
    expect(calls[0].params).toMatchObject({ data: join(dir, 'set'), frontend: 'learned', epochs: 3, learningRate: 0.001, batchSize: 16, valFraction: 0.2 });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'done', jobId: handle.jobId, runId: handle.runId });
    const run = await service.run(handle.runId!);
    expect(run.status).toBe('done');
    expect(run.engine).toBe('cpu');
    expect(run.bestEpoch).toBe(2);
    expect(run.metrics.valAccuracy).toBe(0.9);
    expect(run.history.map((p) => p.valAccuracy)).toEqual([0.3, 0.6, 0.8999999999999999]);
    expect(run.history[1].gradNorms).toEqual({ dense: 0.25 });
    expect(await service.models()).toEqual(expect.any(Array));
  });

  it('cancels a running job, marks the run cancelled, and resumes it with resume: true', async () => {
    await mkdir(join(dir, 'set'));
    const handle = await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'set'), epochs: 99 });
    await expect(service.resumeTraining(handle.runId!)).rejects.toThrow(/already running/);
    await service.cancelJob(handle.jobId);
    await service.idle();
    expect(await service.run(handle.runId!)).toMatchObject({ status: 'cancelled', resumable: true });
    await service.resumeTraining(handle.runId!);
    await service.idle();
    expect(calls.at(-1)!.params.resume).toBe(true);
  });

  it("hands each recipe the knobs it takes, under the recipe's names (ASR: optimiser, clip, batch size, dropout)", async () => {
    await mkdir(join(dir, 'set'));
    const knobs = { dataset: join(dir, 'set'), epochs: 3, optimizer: 'momentum', learningRate: 0.0123, batchSize: 3, clip: 2, dropout: 0.3, valFraction: 0.25, patience: 4, seed: 9 } as const;
    await service.startTraining({ ...knobs, kind: 'asr' });
    await service.startTraining({ ...knobs, kind: 'wavenet' });
    await service.idle();
    const shared = { data: knobs.dataset, epochs: 3, optimizer: 'momentum', learningRate: 0.0123, batchSize: 3, clip: 2, valFraction: 0.25, patience: 4, seed: 9, resume: false };
    expect(calls.map((c) => c.task)).toEqual(['train-asr', 'train-wavenet']);
    expect(calls[0].params).toEqual({ ...shared, dropout: 0.3, out: expect.any(String), checkpointDir: expect.any(String) });
    expect(calls[1].params).toEqual({ ...shared, out: expect.any(String), checkpointDir: expect.any(String) });
  });

  it('hands LID runs the validation grouping (whole speakers or sources); a run stored before it reads as random files', async () => {
    await mkdir(join(dir, 'set'));
    const handle = await service.startTraining({ dataset: join(dir, 'set'), kind: 'lid-mfcc', epochs: 2, groupBy: 'speaker' });
    await service.idle();
    expect(calls[0].params).toMatchObject({ frontend: 'mfcc', groupBy: 'speaker' });
    await expect(service.startTraining({ dataset: join(dir, 'set'), groupBy: 'voice' } as never)).rejects.toThrow(/training settings groupBy: /);
    const record = join(dir, 'project', 'runs', handle.runId!, 'run.json');
    const { readFile } = await import('node:fs/promises');
    const stored = JSON.parse(await readFile(record, 'utf8')) as { settings: Record<string, unknown> };
    const { groupBy: _g, ...old } = stored.settings;
    await writeFile(record, JSON.stringify({ ...stored, settings: old }));
    expect((await service.run(handle.runId!)).settings.groupBy).toBe('file');
  });

  it('"Adapt this model": a LID run given a model id fine-tunes that model\'s folder, with its front end; an unknown id starts nothing', async () => {
    await mkdir(join(dir, 'set'));
    const demo = (await service.models()).find((m) => m.id === 'demo-lid')!;
    await service.startTraining({ dataset: join(dir, 'set'), kind: 'lid-learned', epochs: 2, initFrom: 'demo-lid', freeze: 'tdnn', activation: 'tanh' });
    await service.startTraining({ dataset: join(dir, 'set'), kind: 'lid-mfcc', epochs: 2 });
    await service.idle();
    expect(calls[0].params).toMatchObject({ initFrom: demo.dir, freeze: 'tdnn' });
    for (const key of ['frontend', 'activation', 'initScale']) expect(calls[0].params).not.toHaveProperty(key);
    expect(calls[1].params).toMatchObject({ frontend: 'mfcc', activation: 'relu' });
    expect(calls[1].params).not.toHaveProperty('initFrom');
    await expect(service.startTraining({ dataset: join(dir, 'set'), initFrom: 'no-such-model' })).rejects.toThrow("no lid model 'no-such-model'");
    await expect(service.startTraining({ dataset: join(dir, 'set'), initFrom: 'demo-lid', freeze: 'all' } as never)).rejects.toThrow(/training settings freeze: /);
    expect(calls).toHaveLength(2);
  });

  it('lists a run stored before the knobs had one name each (valSplit) with its settings read as valFraction', async () => {
    await mkdir(join(dir, 'set'));
    const handle = await service.startTraining({ dataset: join(dir, 'set'), epochs: 3 });
    await service.idle();
    const record = join(dir, 'project', 'runs', handle.runId!, 'run.json');
    const { readFile } = await import('node:fs/promises');
    const stored = JSON.parse(await readFile(record, 'utf8')) as { settings: Record<string, unknown> };
    const { valFraction: _v, ...old } = stored.settings;
    await writeFile(record, JSON.stringify({ ...stored, settings: { ...old, valSplit: 0.3 } }));
    expect((await service.run(handle.runId!)).settings.valFraction).toBe(0.3);
    await writeFile(record, JSON.stringify({ ...stored, settings: { ...old, epochs: 'many' } }));
    expect((await service.runs())[0].error).toBe(`run ${handle.runId} settings epochs: expected a number, got 'many'`);
  });

  it('refuses bad knobs and a missing dataset before starting anything', async () => {
    await expect(service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: dir, dropout: 0.95 })).rejects.toThrow('training settings dropout: expected <=0.9, got 0.95');
    await expect(service.startTraining({ dataset: dir, lr: 0.1 } as never)).rejects.toThrow('training settings lr: unknown field');
    await expect(service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'nope') })).rejects.toThrow(/no such dataset folder/);
    expect(calls).toHaveLength(0);
  });
});
