/** Silero VAD v6 as Kielo runs it (onnxruntime-web wasm, the shipped model): no speech in a tone or noise, speech in demo clips. */
import { describe, expect, it } from 'vitest';
import { loadAudio } from '../../src/audio';
import { detectSpeechSilero, loadSilero, SILERO_FRAME, SILERO_MIN_FRACTION, speechFrameCount, speechFrameFraction } from '../../src/features/silero-detector';
import { sine, whiteNoise } from './signals';

const DEMO = ['assets/demo/lid/cs/cs001-shelby.flac', 'assets/demo/lid/en/en001-Michael.flac', 'assets/demo/lid/ru/ru001-john.flac'];

describe('speechFrameFraction', () => {
  it('counts frames at or above the probability, over all frames', () => {
    expect(speechFrameCount([0.1, 0.5, 0.49, 0.9])).toBe(2);
    expect(speechFrameFraction([0.1, 0.5, 0.49, 0.9])).toBe(0.5);
    expect(speechFrameFraction(new Float32Array([0.2, 0.3, 0.8]), 0.25)).toBeCloseTo(2 / 3);
    expect(speechFrameFraction([])).toBe(0);
  });
});

describe('detectSpeechSilero', () => {
  it('hears no speech in 1 s of a 300 Hz tone or of white noise', async () => {
    const tone = await detectSpeechSilero(sine(300, 0.5, 1), 16000);
    expect(tone.frames).toBe(Math.ceil(16000 / SILERO_FRAME));
    expect(tone.speech).toBe(false);
    expect(tone.speechFraction).toBeLessThanOrEqual(SILERO_MIN_FRACTION);
    const noise = await detectSpeechSilero(whiteNoise(16000, 0.1, 3), 16000);
    expect(noise.speech).toBe(false);
    expect(noise.speechFraction).toBeLessThanOrEqual(SILERO_MIN_FRACTION);
  });

  it('hears speech in demo clips, also given at 22.05 kHz (resampled to 16 kHz)', async () => {
    for (const file of DEMO) {
      const { samples } = await loadAudio(file, { sampleRate: 16000 });
      const d = await detectSpeechSilero(samples, 16000);
      expect(d.speech, file).toBe(true);
      expect(d.speechFraction, file).toBeGreaterThan(0.5);
    }
    const { samples } = await loadAudio(DEMO[1], { sampleRate: 22050 });
    expect((await detectSpeechSilero(samples, 22050)).speech).toBe(true);
  });

  it('gives each clip its own state: the same clip twice, interleaved with another, gives the same probabilities', async () => {
    const vad = await loadSilero();
    const { samples } = await loadAudio(DEMO[0], { sampleRate: 16000 });
    const [a, , b] = await Promise.all([vad.probabilities(samples), vad.probabilities(whiteNoise(8000, 0.1, 1)), vad.probabilities(samples)]);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(loadSilero()).toBe(loadSilero()); // loaded once per process
  });

  it('names a model file that is not there', async () => {
    await expect(loadSilero('/nonexistent/silero.onnx')).rejects.toThrow('Silero VAD model /nonexistent/silero.onnx: not found');
  });
});
