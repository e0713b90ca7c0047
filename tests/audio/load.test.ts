/** loadAudio: decode + mix + resample, with the facts of the source. */
import { describe, expect, it } from 'vitest';
import { loadAudio, probeFile } from '../../src/audio';
import { fixture } from '../fixtures/catalog';

/** Stereo 44.1 kHz 24-bit FLAC by sox: 1 kHz at 0.5 on the left, silence on the right, 1.5 s. */
const stereo = fixture('audio', 'left-1khz-44100.flac');

function rms(x: Float32Array, edge = 400): number {
  let sum = 0;
  for (let i = edge; i < x.length - edge; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (x.length - 2 * edge));
}

describe('loadAudio', () => {
  it('mixes to mono and resamples to 16 kHz by default', async () => {
    const audio = await loadAudio(stereo);
    expect(audio).toMatchObject({ file: stereo, sampleRate: 16000, sourceRate: 44100, sourceChannels: 2, format: 'flac', durationSec: 1.5 });
    expect(audio.samples.length).toBe(24000);
    // Average of 0.5-peak tone and silence: peak 0.25, RMS 0.25/sqrt 2.
    expect(rms(audio.samples)).toBeCloseTo(0.25 / Math.SQRT2, 3);
  });

  it("keeps the file's rate with 'native', and resamples to any other rate", async () => {
    const native = await loadAudio(stereo, { sampleRate: 'native' });
    expect(native.sampleRate).toBe(44100);
    expect(native.samples.length).toBe(66150);
    const eight = await loadAudio(stereo, { sampleRate: 8000 });
    expect(eight.samples.length).toBe(12000);
    expect(rms(eight.samples)).toBeCloseTo(0.25 / Math.SQRT2, 3);
  });

  it('refuses a sample rate that is not a positive integer', async () => {
    await expect(loadAudio(stereo, { sampleRate: 0 })).rejects.toThrow(/sampleRate must be a positive integer or 'native', got 0/);
  });
});

describe('probeFile', () => {
  it('reports rate, channels, duration and format', async () => {
    expect(await probeFile(stereo)).toEqual({ file: stereo, sampleRate: 44100, channels: 2, durationSec: 1.5, format: 'flac' });
  });
});
