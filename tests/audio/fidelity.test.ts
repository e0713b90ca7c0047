/**
 * Fidelity against reference decoders: files made with sox (and lame for MP3, as Debian's sox has no MP3 writer),
 * decoded by Kielo at their own rate, must agree within 1e-4 everywhere with the reference decode committed beside
 * them (tests/fixtures/audio/*.ref.npy; scripts/make-test-fixtures.ts remakes both). Lossless formats and Ogg Vorbis
 * (libvorbisfile) are compared with sox (`sox FILE -t f32 -`); MP3 with `lame --decode` (sox cannot read MP3
 * here), which, like us, removes the decoder delay and the LAME tag's encoder delay and padding. GSM 06.10 (raw, and
 * in WAV) is compared with sox, which decodes it with libgsm: our fixed-point decoder gives the same samples.
 * IMA and MS ADPCM in WAV, and AIFF, are compared with sox; AIFF-C (written by ffmpeg, as sox writes none of sowt,
 * fl32, fl64, alaw, ulaw) with ffmpeg; Ogg Opus with opusdec (libopus) at 48 kHz; WebM Opus with ffmpeg's libopus.
 */
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/audio';
import { EXACT_MP3, FIDELITY_CASES, FIDELITY_SECONDS, GSM_SPEECH, ODD_CHUNK_WAV, fixture } from '../fixtures/catalog';
import { maxAbsDiff, readReference } from './fixtures';

const TOLERANCE = 1e-4;

async function expectMatches(file: string, reference: Float32Array[], expected: { rate: number; channels: number; format: string; seconds?: number }) {
  const ours = await decodeFile(file);
  expect(ours.format).toBe(expected.format);
  expect(ours.sampleRate).toBe(expected.rate);
  expect(ours.channels.length).toBe(expected.channels);
  expect(reference.length).toBe(expected.channels);
  expect(ours.channels[0].length).toBe(reference[0].length);
  expect(ours.channels[0].length).toBeGreaterThan(0.8 * (expected.seconds ?? FIDELITY_SECONDS) * expected.rate);
  expect(maxAbsDiff(ours.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
}

const groups: [string, string[]][] = [
  ['WAV decoding matches sox', ['wav']],
  ['AIFF and AIFF-C decoding match sox and ffmpeg', ['aiff']],
  ['Ogg Opus and WebM Opus decoding match opusdec and ffmpeg (libopus)', ['opus', 'webm']],
  ['FLAC and Ogg Vorbis decoding match sox', ['flac', 'ogg']],
  ['MP3 decoding matches lame --decode', ['mp3']],
  ['GSM 06.10 decoding matches sox (libgsm)', ['gsm']],
];

for (const [title, formats] of groups) {
  describe(title, () => {
    for (const c of FIDELITY_CASES.filter((x) => formats.includes(x.format))) {
      const name = c.format === 'wav' ? `${c.name}, ${c.channels} ch at ${c.rate} Hz` : c.name;
      it(name, async () => {
        const file = fixture('audio', c.file);
        const expected = { rate: c.decodedRate ?? c.rate, channels: c.channels, format: c.format, seconds: c.seconds };
        await expectMatches(file, await readReference(`${file}.ref.npy`), expected);
      });
    }
    if (formats.includes('wav')) {
      it('skips an odd-sized unknown chunk (with its pad byte) placed before the data chunk', async () => {
        const file = fixture('audio', ODD_CHUNK_WAV);
        await expectMatches(file, await readReference(`${file}.ref.npy`), { rate: 16000, channels: 1, format: 'wav' });
      });
    }
    if (formats.includes('gsm')) {
      it('speech in a raw .gsm file, sample for sample', async () => {
        const file = fixture('audio', GSM_SPEECH);
        const reference = await readReference(`${file}.ref.npy`);
        await expectMatches(file, reference, { rate: 8000, channels: 1, format: 'gsm' });
        expect(maxAbsDiff((await decodeFile(file)).channels, reference)).toBe(0);
      });
    }
    if (formats.includes('mp3')) {
      it('with a LAME tag, gives back exactly the samples that were encoded (delay and padding removed)', async () => {
        const original = await readReference(fixture('audio', EXACT_MP3.source));
        const ours = await decodeFile(fixture('audio', EXACT_MP3.mp3));
        expect(ours.channels[0].length).toBe(original[0].length);
        // Lossy, so not equal, but aligned: the error is small compared with the 0.8 peak signal.
        expect(maxAbsDiff(ours.channels, original)).toBeLessThan(0.05);
      });
    }
  });
}
