import { afterAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { computeWaveform, loadViewAudio, type ViewAudio } from '../../src/api/audio-view';
import { computeSpectrogram, levelByte } from '../../src/api/spectrogram-view';
import { SpectrogramRequestSchema, WaveformRequestSchema, type SpectrogramRequestInput } from '../../src/api/schemas';
import { makeTempDir, writeTone } from '../audio/fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

const waveRequest = (input: v.InferInput<typeof WaveformRequestSchema>) => v.parse(WaveformRequestSchema, input);
const specRequest = (input: SpectrogramRequestInput) => v.parse(SpectrogramRequestSchema, input);
const bytesOf = (base64: string) => Array.from(Buffer.from(base64, 'base64'));
/** The brightest byte of each row, over all columns. */
function rowMax(bytes: number[], columns: number, rows: number): number[] {
  return Array.from({ length: rows }, (_, r) => Math.max(...Array.from({ length: columns }, (_, c) => bytes[c * rows + r])));
}

describe('computeWaveform', () => {
  const ramp: ViewAudio = { channels: [Float32Array.from({ length: 1000 }, (_, i) => i / 1000 - 0.5)], sampleRate: 1000, durationSec: 1, peak: 0.5 };

  it('sends the least and greatest sample of each column of the stretch', () => {
    const w = computeWaveform(ramp, waveRequest({ startSec: 0.5, endSec: 1, columns: 10 }));
    expect([w.exact, w.firstSample, w.startSec, w.endSec]).toEqual([false, 500, 0.5, 1]);
    expect(w.channels[0].min).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]);
    expect(w.channels[0].max[9]).toBeCloseTo(0.499, 5);
  });

  it('sends the samples themselves when the stretch holds fewer than there are columns (deep zoom)', () => {
    const w = computeWaveform(ramp, waveRequest({ startSec: 0.1, endSec: 0.105, columns: 100 }));
    expect([w.exact, w.firstSample]).toEqual([true, 100]);
    expect(w.channels[0].min).toEqual([-0.4, -0.399, -0.398, -0.397, -0.396, -0.395]);
    expect(() => computeWaveform(ramp, waveRequest({ startSec: 3 }))).toThrow('is empty');
  });
});

describe('the file as it is, and as the models hear it', () => {
  it('keeps a 44.1 kHz stereo file at its rate with both channels; the model view is 16 kHz mono without the 12 kHz tone', async () => {
    const path = writeTone(temp.path('stereo.wav'), { rate: 44100, seconds: 0.5, frequencies: [440, 12000], amplitude: 0.5 });
    const file = await loadViewAudio(path, 'file');
    expect([file.sampleRate, file.channels.length, file.channels[0].length]).toEqual([44100, 2, 22050]);
    const right = computeSpectrogram(file, specRequest({ channel: 1, columns: 20, rows: 441, windowSec: 0.03 }), 'file');
    expect(right.maxHz).toBe(22050);
    const rows = rowMax(bytesOf(right.base64), right.columns, right.rows);
    expect(right.rowHz[rows.indexOf(Math.max(...rows))]).toBeCloseTo(12000, -2);
    const model = await loadViewAudio(path, 'model');
    expect([model.sampleRate, model.channels.length]).toEqual([16000, 1]);
    const heard = computeSpectrogram(model, specRequest({ columns: 20, rows: 160, windowSec: 0.03 }), 'model');
    expect(heard.maxHz).toBe(8000);
    const modelRows = rowMax(bytesOf(heard.base64), heard.columns, heard.rows);
    expect(heard.rowHz[modelRows.indexOf(Math.max(...modelRows))]).toBeCloseTo(440, -2);
  });
});

describe('honest levels', () => {
  const tone = (dbfs: number): ViewAudio => {
    const amp = 10 ** (dbfs / 20);
    const x = Float32Array.from({ length: 8000 }, (_, i) => amp * Math.sin((2 * Math.PI * 1000 * i) / 16000));
    return { channels: [x], sampleRate: 16000, durationSec: 0.5, peak: amp };
  };

  it('maps dB to bytes over the range below the top', () => {
    expect([levelByte(0, 0, 70), levelByte(-70, 0, 70), levelByte(-35, 0, 70), levelByte(-100, 0, 70), levelByte(3, 0, 70)]).toEqual([255, 0, 128, 0, 255]);
    expect(levelByte(-25, -25, 50)).toBe(255);
  });

  it('shows a file peaking at -25 dBFS darker than one at -8 dBFS, unless the view is normalised', () => {
    const brightest = (a: ViewAudio, normalise: boolean) => Math.max(...bytesOf(computeSpectrogram(a, specRequest({ columns: 10, windowSec: 0.03, normalise }), 'file').base64));
    const quiet = brightest(tone(-25), false);
    const loud = brightest(tone(-8), false);
    // a sine at -L dBFS reads -L dB at its peak row: 255 * (70 - L) / 70
    expect(quiet).toBeGreaterThanOrEqual(162);
    expect(quiet).toBeLessThanOrEqual(166);
    expect(loud).toBeGreaterThanOrEqual(223);
    expect(loud).toBeLessThanOrEqual(227);
    expect(brightest(tone(-25), true)).toBeGreaterThanOrEqual(253);
    const normalised = computeSpectrogram(tone(-25), specRequest({ columns: 4, normalise: true }), 'file');
    expect(normalised.topDb).toBeCloseTo(-25, 1);
  });

  it('reads a sine at a mel band centre near its level on the mel scale too', () => {
    const mel = computeSpectrogram(tone(-8), specRequest({ scale: 'mel', columns: 10, windowSec: 0.025 }), 'model');
    expect(mel.rows).toBe(40);
    const rows = rowMax(bytesOf(mel.base64), mel.columns, mel.rows);
    const best = rows.indexOf(Math.max(...rows));
    expect(Math.abs(mel.rowHz[best] - 1000)).toBeLessThan(120);
    expect(rows[best]).toBeGreaterThanOrEqual(210);
    expect(rows[best]).toBeLessThanOrEqual(240);
  });
});
