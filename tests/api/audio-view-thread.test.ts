/** The audio view thread answers as the in-process functions do, keeps errors' messages, and survives its own crash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../../src/audio';
import { AudioViewThread } from '../../src/api/audio-view-thread';
import { computeWaveform, loadViewAudio } from '../../src/api/audio-view';
import { computeSpectrogram } from '../../src/api/spectrogram-view';
import { SpectrogramRequestSchema, WaveformRequestSchema } from '../../src/api/schemas';
import * as v from 'valibot';

let dir: string;
let file: string;
const thread = new AudioViewThread();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-view-thread-'));
  file = join(dir, 'chirp.wav');
  await writeWav(file, Float32Array.from({ length: 8000 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * (200 + n / 10) * n) / 8000)), 8000);
});
afterAll(async () => {
  await thread.close();
  await rm(dir, { recursive: true, force: true });
});

describe('AudioViewThread', () => {
  it('sends the waveform and spectrogram the in-process functions compute', async () => {
    const waveRequest = v.parse(WaveformRequestSchema, { columns: 50, startSec: 0.1, endSec: 0.9 });
    const specRequest = v.parse(SpectrogramRequestSchema, { scale: 'mel', columns: 40 });
    const audio = await loadViewAudio(file, 'file');
    expect(await thread.waveform(file, waveRequest)).toEqual(computeWaveform(audio, waveRequest));
    expect(await thread.spectrogram(file, specRequest)).toEqual(computeSpectrogram(audio, specRequest, 'file'));
    expect((await thread.audio(file, 'model')).mime).toBe('audio/wav');
  });

  it('rejects with the error the computation threw (a missing file names it), and answers later calls', async () => {
    const request = v.parse(WaveformRequestSchema, {});
    await expect(thread.waveform(join(dir, 'missing.wav'), request)).rejects.toThrow(`${join(dir, 'missing.wav')}:`);
    await expect(thread.waveform(file, { ...request, startSec: 5 })).rejects.toThrow('of a 1.000 s file is empty');
    expect((await thread.waveform(file, request)).durationSec).toBe(1);
  });

  it('a call waiting when the thread is closed rejects; the next call starts a new thread', async () => {
    const waiting = expect(thread.waveform(file, v.parse(WaveformRequestSchema, {}))).rejects.toThrow('the audio view thread was closed');
    await thread.close();
    await waiting;
    expect((await thread.waveform(file, v.parse(WaveformRequestSchema, { columns: 10 }))).channels[0].max).toHaveLength(10);
  });
});
