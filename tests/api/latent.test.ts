import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_DIR } from '../../src/api/models';
import { KieloService } from '../../src/api/service';

let dir: string;
let service: KieloService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-latent-'));
  service = await KieloService.open(dir);
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('latent map and audio (the bundled VAE on the demo languages)', () => {
  it('places the first files of each label folder by their mean code, with the curves and figures', async () => {
    const map = await service.latentMap({ maxPerLabel: 3 });
    expect(map.kind).toBe('vae');
    expect(new Set(map.points.map((p) => p.label))).toEqual(new Set(['cs', 'en', 'fi', 'it', 'ru']));
    expect(map.points.length + map.skipped.length).toBe(15);
    expect(map.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(map.explained[0]).toBeGreaterThanOrEqual(map.explained[1]);
    expect(map.figures.valElboPerFrame).toBeLessThan(0);
    expect(map.curves?.epochs.length).toBeGreaterThan(1);
  }, 60_000);

  it('plays a file, its reconstruction, an interpolation and samples as WAV', async () => {
    const map = await service.latentMap({ maxPerLabel: 1 });
    const [a, b] = map.points;
    for (const request of [
      { what: 'file' as const, file: a.file },
      { what: 'reconstruction' as const, file: a.file },
      { what: 'interpolation' as const, file: a.file, to: b.file, steps: 3 },
      { what: 'sample' as const, count: 2, seed: 4 },
    ]) {
      const audio = await service.latentAudio(request);
      expect(Buffer.from(audio.base64, 'base64').subarray(0, 4).toString('latin1'), request.what).toBe('RIFF');
    }
  }, 60_000);

  it('refuses a bad request naming the field, and a folder without audio naming the folder', async () => {
    await expect(service.latentAudio({ what: 'interpolation', file: 'a.wav' } as never)).rejects.toThrow(/to/);
    await expect(service.latentMap({ folder: join(DEMO_DIR, 'models', 'lid') })).rejects.toThrow(/models\/lid.*no audio/);
  });
});
