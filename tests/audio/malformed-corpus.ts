/**
 * A corpus of malformed audio files, generated from a few valid ones (built here, or the small committed fixtures):
 * cuts at many offsets, empty files, garbage after a header, absurd declared sizes, rates and channel counts, NaN
 * and infinite floats, unsupported codecs, other files renamed to audio names, files of zero samples and of 2^31
 * declared frames. Each comes with the reason Kielo must give for refusing it.
 */
import { readFileSync } from 'node:fs';
import { fixture } from '../fixtures/catalog';
import { buildWav, concat, float32Bytes, int16Bytes, toneWav } from './fixtures';
import { buildOgg } from './ogg-writer';
import { buildWebm } from './webm-writer';
import { oggPackets } from '../../src/audio/ogg-packets';
import { demuxWebmAudio } from '../../src/audio/webm-demux';

/** One malformed file: its name (the extension it claims), its bytes, and the reason it must be refused with. */
export interface MalformedCase {
  name: string;
  bytes: Uint8Array;
  reason: RegExp;
}

/** Where an ASCII tag first occurs in the bytes. */
const indexOf = (bytes: Uint8Array, tag: string) => Buffer.from(bytes).indexOf(tag);
const read = (name: string) => new Uint8Array(readFileSync(fixture('audio', name)));
const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
/** Seeded bytes that look like nothing (a linear congruential generator). */
function noise(length: number, seed: number): Uint8Array {
  let x = seed;
  return new Uint8Array(length).map(() => (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16);
}
/** A copy of `bytes` with `patch` applied to a DataView of it. */
function patched(bytes: Uint8Array, patch: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  patch(new DataView(copy.buffer), copy);
  return copy;
}

/** AIFF (or AIFF-C) bytes from explicit COMM fields, big-endian as the format is. */
function buildAiff(spec: { channels?: number; frames?: number; bits?: number; rate?: Uint8Array; compression?: string; data: Uint8Array }): Uint8Array {
  const aifc = spec.compression !== undefined;
  const comm = new Uint8Array(aifc ? 24 : 18);
  const v = new DataView(comm.buffer);
  v.setInt16(0, spec.channels ?? 1, false);
  v.setUint32(2, spec.frames ?? spec.data.length / 2, false);
  v.setInt16(6, spec.bits ?? 16, false);
  comm.set(spec.rate ?? extended(16000), 8);
  if (aifc) comm.set(ascii(spec.compression!), 18);
  const chunk = (id: string, body: Uint8Array) => {
    const head = new Uint8Array(8);
    head.set(ascii(id));
    new DataView(head.buffer).setUint32(4, body.length, false);
    return concat([head, body, new Uint8Array(body.length & 1)]);
  };
  const body = concat([ascii(aifc ? 'AIFC' : 'AIFF'), chunk('COMM', comm), chunk('SSND', concat([new Uint8Array(8), spec.data]))]);
  const head = new Uint8Array(8);
  head.set(ascii('FORM'));
  new DataView(head.buffer).setUint32(4, body.length, false);
  return concat([head, body]);
}

/** A positive whole number as an 80-bit extended float (AIFF's sample rate). */
function extended(value: number): Uint8Array {
  const out = new Uint8Array(10);
  const exponent = Math.floor(Math.log2(value));
  const view = new DataView(out.buffer);
  view.setUint16(0, 16383 + exponent, false);
  const mantissa = value / 2 ** exponent; // in [1, 2)
  view.setUint32(2, Math.floor(mantissa * 2 ** 31), false);
  return out;
}

/** An MS ADPCM fmt chunk (50 bytes: 7 standard coefficient pairs) and its data, as a WAV. */
function msAdpcmWav(patch: (fmt: DataView) => void, data: Uint8Array): Uint8Array {
  const ok = read('ms-adpcm.wav');
  const wav = ok.slice(0, 12 + 8 + 50);
  patch(new DataView(wav.buffer, 20, 50));
  const dataChunk = new Uint8Array(8 + data.length);
  dataChunk.set(ascii('data'));
  new DataView(dataChunk.buffer).setUint32(4, data.length, true);
  dataChunk.set(data, 8);
  return concat([wav, dataChunk]);
}

const tone = int16Bytes(Array.from({ length: 1600 }, (_, i) => Math.round(8000 * Math.sin(i / 5))));

/** The whole corpus (file names are unique). */
export function malformedCorpus(): MalformedCase[] {
  const wav = toneWav({ rate: 16000, seconds: 0.1, frequencies: [440], amplitude: 0.5 }); // 44-byte header, 3200 bytes of samples
  const flac = read('ok.flac'); // 2 s of 440 + 1234 Hz at 16 kHz, 32000 samples
  const vorbis = read('ok.ogg');
  const mp3 = read('ok.mp3');
  const opus = read('mono-16000.opus');
  const webm = read('mono-16000.webm');
  const aiff = read('s16-stereo.aiff');
  const ima = read('ima-adpcm.wav');
  const opusPackets = oggPackets(opus).packets.map((p) => p.data);
  const track = demuxWebmAudio(webm);
  const cases: MalformedCase[] = [];
  const add = (name: string, bytes: Uint8Array, reason: RegExp) => cases.push({ name, bytes, reason });

  // zero bytes, whatever the name promises
  for (const ext of ['wav', 'flac', 'mp3', 'ogg', 'opus', 'webm', 'aiff', 'gsm']) add(`empty.${ext}`, new Uint8Array(0), /^empty file \(zero bytes\)$/);

  // cut at many offsets
  add('cut-4.wav', wav.subarray(0, 4), /^truncated: RIFF header is 4 bytes, needs 12$/);
  add('cut-8.wav', wav.subarray(0, 8), /^truncated: RIFF header is 8 bytes, needs 12$/);
  add('cut-12.wav', wav.subarray(0, 12), /^truncated: no fmt chunk$/);
  add('cut-30.wav', wav.subarray(0, 30), /^truncated: fmt chunk declares 16 bytes, file ends first$/);
  add('cut-40.wav', wav.subarray(0, 40), /^truncated: no data chunk$/);
  add('cut-44.wav', wav.subarray(0, 44), /^truncated: data chunk declares 3200 bytes, file holds 0$/);
  add('cut-1044.wav', wav.subarray(0, 1044), /^truncated: data chunk declares 3200 bytes, file holds 1000$/);
  add('cut-last-byte.wav', wav.subarray(0, wav.length - 1), /^truncated: data chunk declares 3200 bytes, file holds 3199$/);
  add('cut-6.aiff', aiff.subarray(0, 6), /^truncated: FORM header is 6 bytes, needs 12$/);
  add('cut-in-comm.aiff', aiff.subarray(0, indexOf(aiff, 'COMM') + 12), /^truncated: COMM chunk declares 18 bytes, file ends first$/);
  add('cut-half.aiff', aiff.subarray(0, aiff.length >> 1), /^truncated: COMM declares 2000 sample frames, the SSND chunk holds \d+$/);
  add('cut-last-byte.aiff', aiff.subarray(0, aiff.length - 1), /^truncated: COMM declares 2000 sample frames, the SSND chunk holds 1999$/);
  add('cut-20.flac', flac.subarray(0, 20), /^truncated or corrupt: FLAC metadata blocks run past the end of the file$/);
  add('cut-quarter.flac', flac.subarray(0, flac.length >> 2), /^truncated or corrupt: FLAC stream declares 32000 samples, only \d+ decode/);
  add('cut-half.flac', flac.subarray(0, flac.length >> 1), /^truncated or corrupt: FLAC stream declares 32000 samples, only \d+ decode/);
  add('cut-100.ogg', vorbis.subarray(0, 100), /^truncated: Ogg stream is cut inside a page/);
  add('cut-half.ogg', vorbis.subarray(0, vorbis.length >> 1), /^truncated: Ogg stream is cut inside a page/);
  add('cut-half.mp3', mp3.subarray(0, mp3.length >> 1), /^truncated or corrupt: MP3 Info tag declares \d+ frames, only \d+ decode$/);
  add('cut-20.opus', opus.subarray(0, 20), /^unsupported Ogg codec: the stream holds an unknown codec|^truncated: the file ends inside the header of Ogg page 0/);
  add('cut-40.opus', opus.subarray(0, 40), /^truncated: Ogg page 0 \(byte 0\) declares 19 bytes of packets, the file ends \d+ bytes short$/);
  add('cut-half.opus', opus.subarray(0, opus.length >> 1), /^truncated: Ogg page \d+ \(byte \d+\) declares \d+ bytes of packets, the file ends \d+ bytes short$/);
  add('cut-last-byte.opus', opus.subarray(0, opus.length - 1), /^truncated: Ogg page \d+ \(byte \d+\) declares \d+ bytes of packets, the file ends 1 bytes short$/);
  add('cut-10.webm', webm.subarray(0, 10), /^truncated or corrupt: no whole EBML header$/);
  add('cut-60.webm', webm.subarray(0, 60), /^corrupt WebM data: no track list \(Tracks element\)$|^truncated/);
  add('cut-100.wav', ima.subarray(0, 100), /^truncated: data chunk declares 1024 bytes, file holds \d+$/);

  // garbage after a valid header
  add('garbage.wav', concat([wav.subarray(0, 12), noise(4096, 7)]), /^corrupt header: chunk '.{4}' declares \d+ bytes, past the end of the file$|^corrupt header: no fmt chunk/);
  add('garbage.flac', concat([patched(flac.subarray(0, 42), (v) => v.setUint8(4, 0x80)), noise(4096, 8)]), /^truncated or corrupt: FLAC stream declares 32000 samples, only 0 decode/);
  add('garbage.opus', concat([opus.subarray(0, 47), noise(4096, 9)]), /^corrupt Ogg data: no page starts at byte 47 \(after page 0\)$/);
  add('garbage.webm', concat([webm.subarray(0, 40), noise(4096, 10)]), /^corrupt WebM data: /);
  add('garbage.aiff', concat([aiff.subarray(0, 12), noise(4096, 11)]), /^corrupt header: no COMM chunk$|^truncated: /);
  add('garbage.mp3', concat([mp3.subarray(0, 4), noise(4096, 12)]), /^corrupt MP3 data|^no audio|^truncated or corrupt/);
  add('flipped-byte.opus', patched(opus, (_, b) => (b[opus.length - 10] ^= 0x40)), /^corrupt Ogg data: page \d+ \(byte \d+\) fails its CRC check$/);

  // absurd declared sizes, rates and channel counts
  add('data-size-huge.wav', buildWav({ data: tone, declaredDataSize: 0xfffffff0 }), /^truncated: data chunk declares 4294967280 bytes, file holds 3200$/);
  add('rate-zero.wav', buildWav({ data: tone, sampleRate: 0 }), /^corrupt header: sample rate 0 Hz is outside 1000\.\.768000 Hz$/);
  add('rate-huge.aiff', buildAiff({ data: tone, rate: extended(2 ** 40) }), /^corrupt header: sample rate 1099511627776 Hz is outside/);
  add('rate-infinite.aiff', buildAiff({ data: tone, rate: new Uint8Array([0x7f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]) }), /^corrupt header: sample rate Infinity is not a whole number$/);
  add('channels-60000.wav', buildWav({ data: tone, channels: 60000, blockAlign: 2 }), /^corrupt header: channel count 60000 is outside 1\.\.1024$/);
  add('channels-negative.aiff', buildAiff({ data: tone, channels: -3 }), /^corrupt header: channel count -3 is outside 1\.\.1024$/);
  add('channels-zero.opus', buildOgg([{ packets: [patched(opusPackets[0], (v) => v.setUint8(9, 0))], granule: 0 }, { packets: [opusPackets[1]], granule: 0 }, { packets: opusPackets.slice(2), granule: 4800 }]),
    /^corrupt Opus header: channel count 0 is outside 1\.\.1024$/);
  add('streams-zero.opus', buildOgg([{ packets: [concat([patched(opusPackets[0], (v) => v.setUint8(18, 1)), new Uint8Array([0, 0, 0])])], granule: 0 }, { packets: [opusPackets[1]], granule: 0 }, { packets: opusPackets.slice(2), granule: 4800 }]),
    /^corrupt Opus header: 0 streams of which 0 coupled$/);
  add('block-size-huge.webm', buildWebm({ codecPrivate: track.codecPrivate, blocks: [] }).slice(), /^no audio: the WebM audio track has no blocks$/);
  add('ebml-size-huge.webm', patched(webm, (v) => v.setUint8(4, 0x01)), /^truncated or corrupt: no whole EBML header$/);
  add('ima-samples-per-block.wav', patched(ima, (v) => v.setUint16(20 + 18, 65535, true)), /^corrupt header: IMA ADPCM declares 65535 samples per block; 256-byte blocks of 1 channels hold 505$/);
  add('ima-block-align-zero.wav', patched(ima, (v) => v.setUint16(20 + 12, 0, true)), /^corrupt header: IMA ADPCM block align 0 is not 4 \+ a multiple of 4 bytes for 1 channels$/);
  add('ima-step-index.wav', patched(ima, (_, b) => (b[ima.length - 1024 + 2] = 200)), /^corrupt IMA ADPCM data: block 0, channel 0 starts with step index 200 \(0\.\.88\)$/);
  add('ms-coefficients-huge.wav', msAdpcmWav((fmt) => fmt.setUint16(20, 1000, true), new Uint8Array(256)), /^corrupt header: MS ADPCM fmt chunk declares 1000 coefficient pairs, its 50 bytes hold 7$/);
  add('ms-predictor.wav', msAdpcmWav(() => {}, new Uint8Array(256).fill(9)), /^corrupt MS ADPCM data: block 0, channel 0 uses predictor 9, the fmt chunk defines 7$/);

  // 255 channels (mapping family 255, all fed by one stream) of two-byte 120 ms packets: 300 of them ask for 4.4e8
  // samples from 5 KB, 3000 for 4.4e9 (17.6 GB of float32)
  const wide = concat([patched(opusPackets[0].subarray(0, 19), (v) => { v.setUint8(9, 255); v.setUint8(18, 255); }), new Uint8Array([1, 0]), new Uint8Array(255)]);
  const widePackets = (n: number) => buildWebm({ codecPrivate: wide, blocks: Array.from({ length: n }, () => [new Uint8Array([0x1b, 0x02])]) });
  add('channels-255-tiny-packets.webm', widePackets(300),
    /^corrupt WebM Opus stream: its packets hold 1728000 samples; 1728000 frames of 255 channels from \d+ bytes is more than the 4096 samples per byte a real stream decodes to$/);
  add('channels-255-many-packets.webm', widePackets(3000),
    /^corrupt WebM Opus stream: its packets hold 17280000 samples; 17280000 frames of 255 channels is more than the 2147483648 samples one file may decode to$/);
  add('frames-2^30-8ch.flac', patched(flac, (v) => { v.setUint8(8 + 12, v.getUint8(8 + 12) | 0x0e); v.setUint8(8 + 13, v.getUint8(8 + 13) & 0xf0); v.setUint32(8 + 14, 2 ** 30, false); }),
    /^corrupt FLAC header: STREAMINFO declares 1073741824 samples; 1073741824 frames of 8 channels is more than the 2147483648 samples one file may decode to$/);

  // 2^31 declared frames
  add('frames-2^31.flac', patched(flac, (v) => { v.setUint8(8 + 13, (v.getUint8(8 + 13) & 0xf0) | 0); v.setUint32(8 + 14, 2 ** 31, false); }),
    /^corrupt FLAC header: STREAMINFO declares 2147483648 samples; 2147483648 frames is more than the 2147483647 one file may hold$/);
  add('frames-2^31.aiff', buildAiff({ data: tone, frames: 2 ** 31 }), /^truncated: COMM declares 2147483648 sample frames, the SSND chunk holds 1600$/);
  add('frames-2^31.opus', buildOgg([{ packets: [opusPackets[0]], granule: 0 }, { packets: [opusPackets[1]], granule: 0 }, { packets: opusPackets.slice(2, 4), granule: 1920 }, { packets: opusPackets.slice(4), granule: 2 ** 31 }]),
    /^truncated or corrupt: the Ogg Opus stream's last page declares 2147483648 samples, its packets hold 5760$/);
  add('frames-2^31.wav', buildWav({ bitsPerSample: 8, data: new Uint8Array(100), declaredDataSize: 2 ** 31 }), /^truncated: data chunk declares 2147483648 bytes, file holds 100$/);

  // NaN and infinite floats
  add('nan.wav', buildWav({ formatTag: 3, bitsPerSample: 32, data: float32Bytes([0, 0.5, NaN, 0]) }), /^sample 2 of channel 0 is NaN \(the file holds a non-finite float\)$/);
  add('infinity.wav', buildWav({ formatTag: 3, bitsPerSample: 32, channels: 2, data: float32Bytes([0, 0, 0, -Infinity]) }), /^sample 1 of channel 1 is -Infinity/);
  add('nan.aifc', buildAiff({ compression: 'fl32', bits: 32, frames: 3, data: new Uint8Array([0, 0, 0, 0, 0x7f, 0xc0, 0, 0, 0, 0, 0, 0]) }), /^sample 1 of channel 0 is NaN/);
  add('infinity.aifc', buildAiff({ compression: 'fl64', bits: 64, frames: 1, data: new Uint8Array([0x7f, 0xf0, 0, 0, 0, 0, 0, 0]) }), /^sample 0 of channel 0 is Infinity/);

  // unsupported codecs
  add('mp3-in.wav', buildWav({ data: tone, formatTag: 0x55 }), /^unsupported WAV encoding: format tag 0x0055/);
  add('adpcm-3bit.wav', buildWav({ data: tone, formatTag: 0x11, bitsPerSample: 3, blockAlign: 256 }), /^unsupported ADPCM sample size: 3 bits \(4 is read\)$/);
  add('rf64.wav', patched(wav, (_, b) => b.set(ascii('RF64'))), /^unsupported WAV variant RF64/);
  add('ima4.aifc', buildAiff({ compression: 'ima4', data: tone }), /^unsupported AIFF-C compression 'ima4'/);
  add('speex.ogg', buildOgg([{ packets: [concat([ascii('Speex   '), new Uint8Array(72)])], granule: 0 }]), /^unsupported Ogg codec: the stream holds Speex/);
  add('flac-in.ogg', read('flac-in-ogg.oga'), /^unsupported Ogg codec: the stream holds FLAC/);
  add('vorbis.webm', buildWebm({ codecPrivate: track.codecPrivate, blocks: track.frames.map((f) => [f]), codecId: 'A_VORBIS' }), /^unsupported WebM audio codec 'A_VORBIS' \(A_OPUS is read\)$/);
  add('family-2.opus', buildOgg([{ packets: [patched(opusPackets[0], (v) => v.setUint8(18, 2))], granule: 0 }, { packets: [opusPackets[1]], granule: 0 }, { packets: opusPackets.slice(2), granule: 4800 }]),
    /^unsupported Opus channel mapping family 2/);

  // other files under audio names
  add('png.wav', concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(200, 1)]), /^not a RIFF\/WAVE file \(starts with 89 50 4e 47;/);
  add('pdf.mp3', ascii('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), /^not an MP3 file \(starts with "%PDF"/);
  add('json.ogg', ascii('{"hello": "world"}\n'), /^not an Ogg file \(starts with "\{\\"he"/);
  add('zip.opus', concat([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), noise(100, 2)]), /^not an Ogg Opus file \(starts with "PK\\u0003\\u0004"|^not an Ogg Opus file \(starts with 50 4b 03 04/);
  add('html.webm', ascii('<!doctype html><title>x</title>'), /^not a WebM file \(starts with "<!do"/);
  add('text.aiff', ascii('FORMAT: plain text, not audio\n'), /^not an AIFF file \(FORM type 'plai', not 'AIFF' or 'AIFC'\)$/);
  add('elf.flac', concat([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise(300, 3)]), /^not a FLAC file \(starts with 7f 45 4c 46;/);

  // no samples
  add('zero-frames.wav', buildWav({ data: new Uint8Array(0) }), /^no audio: data chunk holds zero frames$/);
  add('zero-frames.aiff', buildAiff({ data: new Uint8Array(0), frames: 0 }), /^no audio: COMM declares zero sample frames$/);
  add('headers-only.opus', buildOgg([{ packets: [opusPackets[0]], granule: 0 }, { packets: [opusPackets[1]], granule: 0 }]), /^no audio: Ogg Opus stream has headers and no audio packets$/);
  add('zero-samples.flac', concat([flac.subarray(0, 42)].map((b) => patched(b, (v) => { v.setUint8(4, 0x80); v.setUint8(8 + 13, v.getUint8(8 + 13) & 0xf0); v.setUint32(8 + 14, 0, false); }))),
    /^no audio: FLAC stream decodes to zero samples$/);
  add('zeros.mp3', new Uint8Array([0xff, 0xfb, 0x90, 0x44, ...new Uint8Array(40)]), /^no audio: MP3 stream/);
  return cases;
}
