// The babble metrics (issue 12) tell trimmed speech from a steady tone and from white noise.
import { describe, expect, it } from 'vitest';
import { loadAudio } from '../../src/audio';
import { babbleMetrics, soundsLikeBabble } from '../../src/generate/babble';
import { makeRng } from '../../scripts/demo/rng';

const RATE = 16000;

describe('babbleMetrics', () => {
  it('passes trimmed demo speech, 2 s of it, in every language (peak set to -6 dBFS: the corpus varies its levels)', async () => {
    for (const file of ['en/en001-Michael.flac', 'fi/fi002-klatt4.flac', 'cs/cs001-shelby.flac', 'it/it014-shelby.flac', 'ru/ru003-m4.flac']) {
      const { samples } = await loadAudio(`assets/demo/lid/${file}`, { sampleRate: RATE });
      const clip = samples.slice(0, 2 * RATE);
      const peak = clip.reduce((p, x) => Math.max(p, Math.abs(x)), 0);
      const m = babbleMetrics(clip.map((x) => (0.5 * x) / peak), RATE);
      expect(soundsLikeBabble(m), `${file}: ${JSON.stringify(m)}`).toBe(true);
      expect(m.modulation).toBeGreaterThan(0.4);
      expect(m.flatness).toBeLessThan(0.2);
    }
  });

  it('fails a steady tone (no loudness modulation) and white noise (flat spectrum)', () => {
    const tone = Float32Array.from({ length: 2 * RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE));
    const t = babbleMetrics(tone, RATE);
    expect(t.rms).toBeCloseTo(0.3 / Math.SQRT2, 3);
    expect(t.modulation).toBeLessThan(0.01);
    expect(soundsLikeBabble(t)).toBe(false);
    const rng = makeRng(3);
    const noise = Float32Array.from({ length: 2 * RATE }, () => 0.2 * (2 * rng.uniform(0, 1) - 1));
    const n = babbleMetrics(noise, RATE);
    expect(n.flatness).toBeGreaterThan(0.5);
    expect(n.modulation).toBeLessThan(0.1);
    expect(soundsLikeBabble(n)).toBe(false);
  });

  it('fails a quiet clip and refuses one shorter than a 50 ms window', () => {
    const quiet = Float32Array.from({ length: RATE }, (_, i) => 0.01 * Math.sin((2 * Math.PI * 200 * i) / RATE) * (Math.floor(i / 1600) % 2));
    const q = babbleMetrics(quiet, RATE);
    expect(q.modulation).toBeGreaterThan(0.4);
    expect(soundsLikeBabble(q)).toBe(false);
    expect(() => babbleMetrics(new Float32Array(100), RATE)).toThrow(/shorter than one 50 ms window/);
  });
});
