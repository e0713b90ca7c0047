import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadWaveformCorpus } from '../../src/datasets/waveform';
import { trimSilence } from '../../src/datasets/waveform-trim';
import { randomCrops } from '../../src/datasets/waveform-crops';
import { makeRng } from '../../src/util/random';
import { InputFileError } from '../../src/util/errors';
import { PLAIN_SPEECH, plainSpeechClip } from '../fixtures/catalog';
import { makeTempDir, writeTone } from '../audio/fixtures';

const temp = makeTempDir('kielo-waveform-');
afterAll(() => temp.remove());

/** 0.25 s silence, `seconds` of a sine at `amplitude`, 0.25 s silence, 16 kHz. */
function toneFile(path: string, amplitude: number, seconds = 0.5, frequency = 300) {
  writeTone(path, { rate: 16000, seconds, frequencies: [frequency], amplitude, padSeconds: 0.25 });
}

describe('trimSilence', () => {
  it('cuts leading and trailing frames below the RMS threshold, keeping the loud middle', () => {
    const x = new Float32Array(4000);
    for (let i = 1000; i < 3000; i++) x[i] = 0.1 * Math.sin(i / 3);
    const trimmed = trimSilence(x, { frameSamples: 400 });
    expect(trimmed.length).toBe(2400); // frames 2..7 are loud (frame 2 holds samples 800-1199)
    expect(trimmed[200]).toBe(x[1000]);
    expect(trimSilence(x, { threshold: 0.3 }).length).toBe(0); // a 0.07 RMS tone is all "silence" at 0.3
    expect(trimSilence(x, { threshold: 0 })).toBe(x);
    expect(() => trimSilence(x, { threshold: -1 })).toThrow(/threshold must be >= 0, got -1/);
  });
});

describe('loadWaveformCorpus', () => {
  const dir = temp.path('set');
  mkdirSync(`${dir}/low`, { recursive: true });
  mkdirSync(`${dir}/high`, { recursive: true });
  for (let i = 0; i < 3; i++) toneFile(`${dir}/low/l${i}.wav`, 0.1, 0.5, 200 + 10 * i);
  for (let i = 0; i < 3; i++) toneFile(`${dir}/high/h${i}.wav`, 0.1, 0.5, 900 + 10 * i);
  toneFile(`${dir}/high/whisper.wav`, 0.004);
  writeFileSync(`${dir}/low/broken.wav`, 'RIFF not really');

  it('labels by folder, trims silence, holds out a file per label and reports bad and silent files', async () => {
    const skipped: string[] = [];
    const corpus = await loadWaveformCorpus(dir, { onSkip: (file) => skipped.push(file) });
    expect(corpus.labels).toEqual(['high', 'low']);
    expect(corpus.train).toHaveLength(4);
    expect(corpus.validation.map((c) => c.file.split('/').slice(-2).join('/')).sort()).toEqual(['high/h2.wav', 'low/l2.wav']);
    for (const clip of [...corpus.train, ...corpus.validation]) {
      expect(clip.label).toBe(clip.file.includes('/low/') ? 1 : 0);
      expect(Math.abs(clip.samples.length - 8000)).toBeLessThanOrEqual(400); // 0.5 s of tone, silences cut
    }
    expect(skipped.map((f) => f.split('/').pop()).sort()).toEqual(['broken.wav', 'whisper.wav']);
    expect(corpus.skipped.find((s) => s.file.endsWith('whisper.wav'))?.reason).toMatch(/silence threshold 0.01/);
  });

  it('keeps ordinary speech at the default threshold, which the 0.3 of the best-known implementation throws away', async () => {
    const speech = temp.path('speech');
    mkdirSync(speech);
    // espeak-ng's own clips (espeak-ng -w, default voice, 22.05 kHz), committed as FLAC
    PLAIN_SPEECH.forEach((_, i) => copyFileSync(plainSpeechClip(i), `${speech}/s${i}.flac`));
    const kept = await loadWaveformCorpus(speech);
    expect(kept.labels).toEqual([]);
    expect(kept.train.length + kept.validation.length).toBe(2);
    expect(kept.skipped).toEqual([]);
    await expect(loadWaveformCorpus(speech, { silenceThreshold: 0.3 })).rejects.toThrow(/none of 2 audio files is usable/);
  });

  it('splits a single file in time and rejects a folder without audio', async () => {
    const one = temp.path('one');
    mkdirSync(one);
    toneFile(`${one}/a.wav`, 0.2, 1);
    const corpus = await loadWaveformCorpus(one);
    expect(corpus.train[0].samples.length).toBe(Math.floor(0.9 * (corpus.train[0].samples.length + corpus.validation[0].samples.length)));
    const empty = temp.path('empty');
    mkdirSync(empty);
    await expect(loadWaveformCorpus(empty)).rejects.toThrow(InputFileError);
  });
});

describe('randomCrops', () => {
  it('draws crops of the asked length from sources in proportion to their length, padding short ones, and says where each starts', () => {
    const long = { values: Int32Array.from({ length: 900 }, (_, i) => i), label: 0 };
    const short = { values: Int32Array.of(7, 8, 9), label: 1 };
    const batch = randomCrops([long, short], 2000, 5, makeRng(1), -1);
    let fromShort = 0;
    for (let b = 0; b < 2000; b++) {
      const crop = Array.from(batch.values.subarray(b * 5, b * 5 + 5));
      if (batch.labels[b] === 1) {
        fromShort++;
        expect(crop).toEqual([-1, -1, 7, 8, 9]);
        expect([batch.sourceIndices[b], batch.starts[b]]).toEqual([1, -2]); // padded in front: starts before the source
      } else {
        for (let k = 1; k < 5; k++) expect(crop[k]).toBe(crop[0] + k); // contiguous
        expect([batch.sourceIndices[b], batch.starts[b]]).toEqual([0, crop[0]]); // long values are their own index
      }
    }
    expect(fromShort / 2000).toBeCloseTo(3 / 903, 2);
  });
});
