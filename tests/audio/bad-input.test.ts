/**
 * Bad input: every case gives an InputFileError naming the file and the reason, quickly, with no crash, no hang
 * and no allocation driven by a declared size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeBytes, decodeFile, loadAudio, probeFile, type DecodedAudio } from '../../src/audio';
import { InputFileError } from '../../src/util/errors';
import { fixture } from '../fixtures/catalog';
import { buildWav, float32Bytes, int16Bytes, makeTempDir, toneWav } from './fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

function write(name: string, bytes: Uint8Array | string): string {
  const path = temp.path(name);
  writeFileSync(path, bytes);
  return path;
}

async function expectBad(file: string, reason: RegExp): Promise<InputFileError> {
  const error = await decodeFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputFileError);
  const inputError = error as InputFileError;
  expect(inputError.file).toBe(file);
  expect(inputError.reason).toMatch(reason);
  expect(inputError.message).toBe(`${file}: ${inputError.reason}`);
  return inputError;
}

const tone = int16Bytes(Array.from({ length: 1600 }, (_, i) => Math.round(8000 * Math.sin(i / 5))));
const goodWav = buildWav({ data: tone });

describe('bad WAV input', () => {
  it('zero-byte file', async () => {
    await expectBad(write('empty.wav', new Uint8Array(0)), /^empty file \(zero bytes\)$/);
  });

  it('text file named .wav', async () => {
    await expectBad(write('text.wav', 'this is not audio\n'), /^not a RIFF\/WAVE file/);
  });

  it('text file named .flac, .mp3, .ogg', async () => {
    await expectBad(write('text.flac', 'hello there'), /^not a FLAC file/);
    await expectBad(write('text.mp3', 'hello there'), /^not an MP3 file/);
    await expectBad(write('text.ogg', 'hello there'), /^not an Ogg file/);
  });

  it('truncated file: data chunk shorter than declared is an error, not a partial decode', async () => {
    await expectBad(write('truncated.wav', goodWav.subarray(0, 44 + 1000)), /^truncated: data chunk declares 3200 bytes, file holds 1000$/);
  });

  it('truncated inside the header', async () => {
    await expectBad(write('header-only.wav', goodWav.subarray(0, 30)), /^truncated/);
    await expectBad(write('riff-only.wav', goodWav.subarray(0, 12)), /^truncated: no fmt chunk$/);
    await expectBad(write('tiny.wav', goodWav.subarray(0, 6)), /^truncated: RIFF header is 6 bytes, needs 12$/);
  });

  it('corrupt header: fmt missing, short fmt, block align mismatch, unknown encoding, unsupported bits', async () => {
    const noFmt = goodWav.slice();
    noFmt.set([0x78, 0x78, 0x78, 0x78], 12); // rename 'fmt ' to 'xxxx'
    await expectBad(write('no-fmt.wav', noFmt), /no fmt chunk/);
    await expectBad(write('align.wav', buildWav({ data: tone, blockAlign: 3 })), /^corrupt header: block align 3/);
    await expectBad(write('mp3-in.wav', buildWav({ data: tone, formatTag: 0x55 })), /^unsupported WAV encoding: format tag 0x0055/);
    await expectBad(write('mulaw16.wav', buildWav({ data: tone, formatTag: 7 })), /^unsupported G.711 sample size: 16 bits/);
    await expectBad(write('pcm12.wav', buildWav({ data: tone, bitsPerSample: 12, blockAlign: 2 })), /^unsupported PCM sample size: 12 bits/);
    await expectBad(write('float16.wav', buildWav({ data: tone, formatTag: 3, bitsPerSample: 16 })), /^unsupported float sample size/);
  });

  it('zero frames', async () => {
    await expectBad(write('zero-frames.wav', buildWav({ data: new Uint8Array(0) })), /^no audio: data chunk holds zero frames$/);
  });

  it('absurd declared sample rate, channels and data size', async () => {
    await expectBad(write('rate0.wav', buildWav({ data: tone, sampleRate: 0 })), /sample rate 0 Hz is outside/);
    await expectBad(write('rate-huge.wav', buildWav({ data: tone, sampleRate: 4_000_000_000 })), /sample rate 4000000000 Hz is outside/);
    await expectBad(write('channels0.wav', buildWav({ data: tone, channels: 0, blockAlign: 0 })), /channel count 0 is outside/);
    await expectBad(write('channels-huge.wav', buildWav({ data: tone, channels: 60000, blockAlign: 2 })), /channel count 60000 is outside/);
    await expectBad(write('size-huge.wav', buildWav({ data: tone, declaredDataSize: 0xfffffff0 })), /^truncated: data chunk declares 4294967280 bytes, file holds 3200$/);
  });

  it('a chunk whose declared size runs past the end of the file', async () => {
    const bytes = buildWav({ data: tone, chunksBeforeData: [{ id: 'LIST', body: new Uint8Array(4) }] });
    new DataView(bytes.buffer).setUint32(36 + 4, 0x7fffffff, true); // LIST size
    await expectBad(write('chunk-huge.wav', bytes), /^corrupt header: chunk 'LIST' declares 2147483647 bytes/);
  });

  it('NaN and infinite samples in a float WAV', async () => {
    await expectBad(write('nan.wav', buildWav({ formatTag: 3, bitsPerSample: 32, data: float32Bytes([0, 0.5, NaN, 0]) })), /^sample 2 of channel 0 is NaN/);
    await expectBad(write('inf.wav', buildWav({ formatTag: 3, bitsPerSample: 32, data: float32Bytes([Infinity]) })), /^sample 0 of channel 0 is Infinity/);
  });

  it('random bytes behind a valid RIFF header never hang', async () => {
    let seed = 7;
    const noise = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    const bytes = goodWav.slice(0, 12);
    const file = write('riff-noise.wav', new Uint8Array([...bytes, ...noise]));
    await expect(decodeFile(file)).rejects.toBeInstanceOf(InputFileError);
  });

  it('a missing file and a directory', async () => {
    await expectBad(temp.path('missing.wav'), /^no such file$/);
    await expectBad(temp.dir, /^is a directory/);
  });
});

describe('bad compressed input', () => {
  it('FLAC, Ogg Vorbis and MP3 cut in half (or damaged) are errors, not silently shortened', async () => {
    // 2 s of 440 + 1234 Hz at 16 kHz: FLAC and Ogg by sox, MP3 by lame -b 64
    const [flac, ogg, mp3] = ['ok.flac', 'ok.ogg', 'ok.mp3'].map((name) => fixture('audio', name));
    const half = (file: string) => readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2));
    await expectBad(write('half.flac', half(flac)), /^truncated or corrupt: FLAC stream declares 32000 samples, only \d+ decode( \(no valid frame at byte \d+ of \d+\))?$/);
    await expectBad(write('half.ogg', half(ogg)), /^truncated: Ogg stream is cut inside a page \(its last page is incomplete\)$/);
    await expectBad(write('half.mp3', half(mp3)), /^truncated or corrupt: MP3 Info tag declares \d+ frames, only \d+ decode$/);
    await expectBad(write('head.flac', readFileSync(flac).subarray(0, 20)), /^truncated or corrupt: FLAC metadata blocks run past the end of the file$/);
    const damaged = readFileSync(flac);
    damaged[Math.floor(damaged.length / 2)] ^= 0x55;
    await expectBad(write('damaged.flac', damaged), /^truncated or corrupt: FLAC stream declares 32000 samples, only \d+ decode( \(no valid frame at byte \d+ of \d+\))?$/);
  });

  it('Ogg streams of other codecs are refused by name (FLAC in Ogg from flac --ogg, Speex)', async () => {
    const oggFlac = fixture('audio', 'flac-in-ogg.oga'); // 0.2 s of 440 Hz by flac --ogg
    await expectBad(oggFlac, /^unsupported Ogg codec: the stream holds FLAC \(Ogg Vorbis and Ogg Opus are read\)$/);
    // A first Ogg page (27-byte header, one segment) whose packet starts 'Speex   '.
    const page = new Uint8Array(27 + 1 + 19);
    page.set([0x4f, 0x67, 0x67, 0x53, 0, 0x02], 0);
    page[26] = 1;
    page[27] = 19;
    page.set([...'Speex   '].map((c) => c.charCodeAt(0)), 28);
    await expectBad(write('speex.ogg', page), /^unsupported Ogg codec: the stream holds Speex/);
  });

  it('an MPEG frame header followed by zeros decodes to nothing, and is reported', async () => {
    await expectBad(write('zeros.mp3', new Uint8Array([0xff, 0xfb, 0x90, 0x44, ...new Uint8Array(40)])), /^no audio: MP3 stream/);
  });

  it('an ID3 tag with no MPEG frame after it is not an MP3', async () => {
    await expectBad(write('id3-only.mp3', new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...new Uint8Array(10)])), /^not an MP3 file \(no MPEG audio frame header found\)$/);
  });
});

describe('every entry point reports bad input the same way', () => {
  it('probeFile and loadAudio throw InputFileError naming the file', async () => {
    const file = write('text2.wav', 'hello');
    await expect(probeFile(file)).rejects.toThrow(`${file}: not a RIFF/WAVE file`);
    await expect(loadAudio(file)).rejects.toThrow(`${file}: not a RIFF/WAVE file`);
  });
});

describe('damaged files never crash or hang', () => {
  it('20 seeded random corruptions of each format either decode or give InputFileError', async () => {
    // 0.5 s stereo 440 + 880 Hz at 16 kHz: WAV by toneWav, FLAC and Ogg by sox, MP3 by lame
    const source = write('fuzz-source.wav', toneWav({ rate: 16000, seconds: 0.5, frequencies: [440, 880], amplitude: 0.5 }));
    const files = [source, ...['fuzz.flac', 'fuzz.ogg', 'fuzz.mp3'].map((name) => fixture('audio', name))];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    for (const file of files) {
      const good = readFileSync(file);
      for (let trial = 0; trial < 20; trial++) {
        const bytes = new Uint8Array(good);
        for (let k = 0; k < 10; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        const outcome: DecodedAudio | Error = await decodeBytes(file, bytes).catch((error: Error) => error);
        if (outcome instanceof Error) expect(outcome).toBeInstanceOf(InputFileError);
        else expect(outcome.channels.every((c) => c.every(Number.isFinite))).toBe(true);
      }
    }
  });
});
