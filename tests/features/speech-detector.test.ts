/** The speech detector: no speech for tones, noise and silence; speech for demo clips (committed FLAC files). */
import { describe, expect, it } from 'vitest';
import { loadAudio } from '../../src/audio';
import { detectSpeech } from '../../src/features/speech-detector';
import { sine, whiteNoise } from './signals';

const DEMO = ['assets/demo/lid/cs/cs001-shelby.flac', 'assets/demo/lid/en/en001-Michael.flac', 'assets/demo/lid/fi/fi002-klatt4.flac', 'assets/demo/lid/it/it001-m2.flac', 'assets/demo/lid/ru/ru001-john.flac'];

describe('detectSpeech', () => {
  it('hears no speech in a 300 Hz tone, a chord, white noise or silence', () => {
    const tone = detectSpeech(sine(300, 0.5, 2), 16000);
    expect(tone.speech).toBe(false);
    expect(tone.speechFraction).toBe(0);
    expect(tone.dynamicsDb).toBeLessThan(1);
    const chord = sine(262, 0.2, 2).map((v, i) => v + 0.2 * Math.sin((2 * Math.PI * 330 * i) / 16000) + 0.2 * Math.sin((2 * Math.PI * 392 * i) / 16000));
    expect(detectSpeech(chord, 16000).speech).toBe(false);
    for (const std of [0.001, 0.03, 0.3]) {
      const noise = detectSpeech(whiteNoise(32000, std, 3), 16000);
      expect(noise.speech).toBe(false);
      expect(noise.flatness).toBeGreaterThan(0.5); // white noise: geometric / arithmetic mean of an exponential ~ 0.56
    }
    const silence = detectSpeech(new Float32Array(32000), 16000);
    expect(silence).toMatchObject({ speech: false, loudFraction: 0, speechFraction: 0 });
    expect(detectSpeech(new Float32Array(10), 16000).frames).toBe(1);
  });

  it('hears speech in demo clips of every language, and still when they are quiet or at 8 kHz', async () => {
    for (const file of DEMO) {
      const { samples } = await loadAudio(file, { sampleRate: 16000 });
      const d = detectSpeech(samples, 16000);
      expect(d.speech, file).toBe(true);
      expect(d.speechFraction, file).toBeGreaterThan(0.35);
      expect(detectSpeech(samples.map((v) => v * 0.1), 16000).speech, `${file} 20 dB quieter`).toBe(true);
      const { samples: narrow } = await loadAudio(file, { sampleRate: 8000 });
      expect(detectSpeech(narrow, 8000).speech, `${file} at 8 kHz`).toBe(true);
    }
  });

  it('takes speech mixed into a tone for speech, and its thresholds from options', async () => {
    const { samples } = await loadAudio(DEMO[1], { sampleRate: 16000 });
    const hum = sine(100, 0.02, samples.length / 16000);
    expect(detectSpeech(samples.map((v, i) => v + hum[i]), 16000).speech).toBe(true);
    expect(detectSpeech(samples, 16000, { minSpeechFraction: 1 }).speech).toBe(false);
    expect(() => detectSpeech(samples, 4000)).toThrow(/at least 8000 Hz, got 4000/);
  });
});
