/**
 * The studio's resynthesis and vocoder generation through the service: a tiny vocoder stands in as the bundled one
 * (KIELO_DEMO_MODELS), the job's result names audio the views take, and bad requests say what is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent, Resynthesis } from '../../src/api/contract';
import { DEMO_DIR } from '../../src/api/models';
import { KieloService } from '../../src/api/service';
import { initEngine } from '../../src/engine';
import { buildWavenet, readWavenetWeights, saveWavenet } from '../../src/models/wavenet';
import { fitUnitPrior, saveUnitPrior } from '../../src/models/unit-prior';
import { loadAudio } from '../../src/audio';
import { extractFeatures } from '../../src/features';

const FILE = join(DEMO_DIR, 'lid/en/en008-shelby.flac');
let dir: string;
let service: KieloService;
const events: JobEvent[] = [];
const previous = process.env.KIELO_DEMO_MODELS;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-resynthesis-'));
  // the bundled models, with a tiny untrained vocoder as the demo vocoder
  const models = join(dir, 'models');
  for (const m of ['wavenet', 'vae']) await cp(join(DEMO_DIR, 'models', m), join(models, m), { recursive: true });
  await initEngine('cpu');
  const vocoder = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition: 'mel' }, 3);
  await saveWavenet(join(models, 'vocoder'), await readWavenetWeights(vocoder));
  // ...and a unit prior at its front end to babble from
  const spec = { ...vocoder.config.melSpec!, cmvn: 'none' as const };
  const speech = await loadAudio(FILE);
  await saveUnitPrior(join(models, 'unit-prior'), fitUnitPrior([extractFeatures(speech.samples, spec)], { units: 8 }), spec, { engine: 'none' });
  vocoder.dispose();
  process.env.KIELO_DEMO_MODELS = models;
  service = await KieloService.open(join(dir, 'project'));
  service.onJobEvent((e) => events.push(e));
}, 60_000);

afterAll(async () => {
  await service.close();
  if (previous === undefined) delete process.env.KIELO_DEMO_MODELS;
  else process.env.KIELO_DEMO_MODELS = previous;
  await rm(dir, { recursive: true, force: true });
});

/** The job's last event (after service.idle()). */
const outcome = (jobId: string) => events.filter((e) => e.jobId === jobId).at(-1)!;

describe('resynthesis in the studio', () => {
  it('lists the bundled vocoder as one; resynthesises a file into three equally long audio ids with the figures', async () => {
    const models = await service.models();
    expect(models.find((m) => m.id === 'demo-vocoder')).toMatchObject({ kind: 'wavenet', vocoder: true });
    expect(models.find((m) => m.id === 'demo-wavenet')?.vocoder).toBeUndefined();

    const { jobId } = await service.resynthesize({ file: FILE, seed: 2 });
    await service.idle();
    const done = outcome(jobId);
    expect(done.type).toBe('done');
    const r = (done as { result: Resynthesis }).result;
    expect(r).toMatchObject({ file: FILE, model: 'demo-vocoder', sampleRate: 16000, frames: 183 });
    expect(r.duration).toBeCloseTo(29531 / 16000, 6);
    for (const take of [r.wavenet, r.griffinLim]) {
      expect(Number.isFinite(take.lsdDb) && Number.isFinite(take.mcdDb) && take.realTimeFactor > 0).toBe(true);
    }
    expect(r.griffinLim.lsdDb).toBeLessThan(r.wavenet.lsdDb);
    const views = await Promise.all([r.original, r.wavenet.audio, r.griffinLim.audio].map((id) => service.waveform(id, { view: 'model', columns: 10 })));
    for (const w of views) expect(w.durationSec).toBeCloseTo(r.duration, 3);
    expect((await service.audio(r.wavenet.audio)).mime).toBe('audio/wav');
  }, 60_000);

  it('refuses a model that is not a vocoder, a missing file, and an empty path; the failed job names the file', async () => {
    await expect(service.resynthesize({ model: 'demo-wavenet', file: FILE })).rejects.toThrow('demo wavenet is not a vocoder: trained with --condition none');
    await expect(service.resynthesize({ model: 'nope', file: FILE })).rejects.toThrow("no model 'nope'");
    await expect(service.resynthesize({ file: '  ' })).rejects.toThrow(/choose an audio file to resynthesise/);
    const { jobId } = await service.resynthesize({ file: join(dir, 'missing.wav') });
    await service.idle();
    expect(outcome(jobId)).toMatchObject({ type: 'failed', error: expect.stringContaining('missing.wav') });
  }, 60_000);

  it('generates through the vocoder from a file, from the VAE or babbling from the unit prior; those are for vocoders only', async () => {
    const fromVae = await service.generate({ vae: 'demo-vae', seconds: 0.3, seed: 4 });
    const fromFile = await service.generate({ melFrom: FILE });
    const babble = await service.generate({ babble: true, seconds: 0.4, seed: 7 });
    await service.idle();
    expect(outcome(fromVae.jobId)).toMatchObject({ type: 'done', result: { model: 'demo-vocoder', seconds: 0.3 } });
    expect(outcome(babble.jobId)).toMatchObject({ type: 'done', result: { model: 'demo-vocoder', seconds: 0.4, seed: 7 } });
    // without seconds, the whole file's frames (183 x 160 samples)
    expect(outcome(fromFile.jobId)).toMatchObject({ type: 'done', result: { model: 'demo-vocoder', seconds: (183 * 160) / 16000 } });

    await expect(service.generate({ model: 'demo-wavenet', melFrom: FILE })).rejects.toThrow('demo wavenet is not a vocoder: trained with --condition none');
    await expect(service.generate({ melFrom: FILE, vae: 'demo-vae' })).rejects.toThrow('give one of melFrom, vae and babble');
    await expect(service.generate({ babble: true, vae: 'demo-vae' })).rejects.toThrow('give one of melFrom, vae and babble');
    await expect(service.generate({ model: 'demo-wavenet', babble: true })).rejects.toThrow('demo wavenet is not a vocoder');
    await expect(service.generate({ model: 'demo-vocoder', seconds: 1 })).rejects.toThrow('demo vocoder is a log-mel vocoder: give melFrom (an audio file), vae (a VAE model) or babble');
    await expect(service.generate({ vae: '../x' })).rejects.toThrow("model '../x' is not a model id");
  }, 60_000);
});
