/**
 * Fidelity against reference decoders: files are made with sox (and lame for MP3, as Debian's sox has no MP3
 * writer), decoded by Kielo at their own rate and by the reference, and must agree within 1e-4 everywhere.
 * Lossless formats are compared with sox (`sox FILE -t f32 -`). Lossy formats are compared with a reference
 * decode of the same file: Ogg Vorbis with sox (libvorbisfile); MP3 with `lame --decode` (sox cannot read MP3
 * here), which, like us, removes the decoder delay and the LAME tag's encoder delay and padding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { decodeFile } from '../../src/audio';
import { concat, makeTempDir, maxAbsDiff, run, soxDecode } from './fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

const TOLERANCE = 1e-4;

/** Two or more tones per file (one per channel), 0.6 s, at -2 dBFS so no encoder clips. */
function synth(out: string, rate: number, channels: number, format: string[]): string {
  const path = temp.path(out);
  const tones = Array.from({ length: channels }, (_, c) => ['sine', String(330 + 220 * c)]).flat();
  run('sox', ['-n', '-r', String(rate), '-c', String(channels), ...format, path, 'synth', '0.6', ...tones, 'gain', '-2']);
  return path;
}

async function expectMatches(file: string, reference: Float32Array[], expected: { rate: number; channels: number; format: string }) {
  const ours = await decodeFile(file);
  expect(ours.format).toBe(expected.format);
  expect(ours.sampleRate).toBe(expected.rate);
  expect(ours.channels.length).toBe(expected.channels);
  expect(reference.length).toBe(expected.channels);
  expect(ours.channels[0].length).toBe(reference[0].length);
  expect(ours.channels[0].length).toBeGreaterThan(0.5 * expected.rate);
  expect(maxAbsDiff(ours.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
}

describe('WAV decoding matches sox', () => {
  const cases: [string, string[], number, number][] = [
    ['pcm-u8', ['-e', 'unsigned-integer', '-b', '8'], 8000, 1],
    ['pcm-s16', ['-e', 'signed-integer', '-b', '16'], 16000, 2],
    ['pcm-s24 (extensible)', ['-e', 'signed-integer', '-b', '24'], 44100, 2],
    ['pcm-s32 (extensible)', ['-e', 'signed-integer', '-b', '32'], 48000, 1],
    ['float32', ['-e', 'floating-point', '-b', '32'], 22050, 1],
    ['float64 (extensible)', ['-e', 'floating-point', '-b', '64'], 16000, 2],
    ['pcm-s16 six channels (extensible)', ['-e', 'signed-integer', '-b', '16'], 16000, 6],
    ['G.711 mu-law', ['-e', 'mu-law'], 8000, 1],
    ['G.711 A-law', ['-e', 'a-law'], 8000, 2],
  ];
  for (const [name, format, rate, channels] of cases) {
    it(`${name}, ${channels} ch at ${rate} Hz`, async () => {
      const file = synth(`${name.replace(/\W+/g, '-')}.wav`, rate, channels, format);
      await expectMatches(file, soxDecode(file), { rate, channels, format: 'wav' });
    });
  }

  it('skips an odd-sized unknown chunk (with its pad byte) placed before the data chunk', async () => {
    const plain = readFileSync(synth('plain.wav', 16000, 1, ['-b', '16']));
    const dataAt = plain.indexOf('data');
    const odd = new Uint8Array([0x7a, 0x7a, 0x7a, 0x7a, 5, 0, 0, 0, 1, 2, 3, 4, 5, 0]); // 'zzzz', 5 bytes + pad
    const bytes = concat([plain.subarray(0, dataAt), odd, plain.subarray(dataAt)]);
    new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
    const file = temp.path('odd-chunk.wav');
    writeFileSync(file, bytes);
    await expectMatches(file, soxDecode(file), { rate: 16000, channels: 1, format: 'wav' });
  });
});

describe('FLAC and Ogg Vorbis decoding match sox', () => {
  it('FLAC 16-bit stereo at 44.1 kHz', async () => {
    const file = synth('s16.flac', 44100, 2, ['-b', '16']);
    await expectMatches(file, soxDecode(file), { rate: 44100, channels: 2, format: 'flac' });
  });

  it('FLAC 24-bit mono at 16 kHz', async () => {
    const file = synth('s24.flac', 16000, 1, ['-b', '24']);
    await expectMatches(file, soxDecode(file), { rate: 16000, channels: 1, format: 'flac' });
  });

  it('Ogg Vorbis stereo at 44.1 kHz', async () => {
    const file = synth('stereo.ogg', 44100, 2, ['-C', '3']);
    await expectMatches(file, soxDecode(file), { rate: 44100, channels: 2, format: 'ogg' });
  });

  it('Ogg Vorbis mono at 16 kHz', async () => {
    const file = synth('mono.ogg', 16000, 1, []);
    await expectMatches(file, soxDecode(file), { rate: 16000, channels: 1, format: 'ogg' });
  });
});

describe('MP3 decoding matches lame --decode', () => {
  const cases: [string, number, number, string[]][] = [
    ['MPEG-1 stereo 44.1 kHz, LAME tag', 44100, 2, ['-b', '128']],
    ['MPEG-2 mono 16 kHz, LAME tag', 16000, 1, ['-b', '64']],
    ['MPEG-2 mono 22.05 kHz, frames too small for a LAME tag', 22050, 1, ['-b', '32']],
  ];
  for (const [name, rate, channels, lameArgs] of cases) {
    it(name, async () => {
      const source = synth(`mp3-source-${rate}.wav`, rate, channels, ['-b', '16']);
      const mp3 = temp.path(`${rate}.mp3`);
      run('lame', ['--quiet', ...lameArgs, source, mp3]);
      const decoded = temp.path(`${rate}-lame.wav`);
      run('lame', ['--quiet', '--decode', mp3, decoded]);
      await expectMatches(mp3, soxDecode(decoded), { rate, channels, format: 'mp3' });
    });
  }

  it('with a LAME tag, gives back exactly the samples that were encoded (delay and padding removed)', async () => {
    const source = synth('exact.wav', 44100, 1, ['-b', '16']);
    const mp3 = temp.path('exact.mp3');
    run('lame', ['--quiet', '-b', '192', source, mp3]);
    const original = soxDecode(source);
    const ours = await decodeFile(mp3);
    expect(ours.channels[0].length).toBe(original[0].length);
    // Lossy, so not equal, but aligned: the error is small compared with the 0.8 peak signal.
    expect(maxAbsDiff(ours.channels, original)).toBeLessThan(0.05);
  });
});
