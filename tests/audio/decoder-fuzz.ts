/**
 * Property-based fuzzing of the decoders (fast-check), shared by the CI test (decoder-fuzz.test.ts, a bounded
 * number of runs) and bench/fuzz-decoders.ts (many more). A run takes a valid file of one format, applies a few
 * mutations (byte writes and bit flips, mostly in the header; 32-bit fields set to edge values; cuts; inserted,
 * deleted and repeated spans) and decodes it through decodeBytes. The property: the outcome is decoded audio
 * (channels of equal, non-zero length, every sample finite, a plausible rate) or an InputFileError naming the file.
 * Anything else (another error, a crash, a non-finite sample) is a finding.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { decodeBytes } from '../../src/audio';
import { sampleRateProblem } from '../../src/audio/limits';
import { InputFileError } from '../../src/util/errors';
import { fixture } from '../fixtures/catalog';
import { toneWav } from './fixtures';
import { pageCrc } from '../../src/audio/ogg-packets';

/** A valid file to mutate. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
}

/** The seeds: WAV (PCM, IMA and MS ADPCM), AIFF, AIFF-C, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus; all small. */
export function fuzzSeeds(): FuzzSeed[] {
  const committed = ['ima-adpcm.wav', 'ms-adpcm-stereo.wav', 's16-stereo.aiff', 'fl32.aifc', 'fuzz.flac', 'fuzz.mp3', 'fuzz.ogg', 'mono-16000.opus', 'stereo-48000.webm'];
  return [
    { name: 'pcm.wav', bytes: toneWav({ rate: 8000, seconds: 0.05, frequencies: [440, 660], amplitude: 0.5 }) },
    ...committed.map((name) => ({ name, bytes: new Uint8Array(readFileSync(fixture('audio', name))) })),
  ];
}

/**
 * One change to a file. Positions are taken modulo the file's length (header ones modulo its first 64 bytes) and
 * spare its first 4 bytes, the magic that picks the decoder: a file that no longer names its format only tests sniffing.
 */
export type Mutation =
  | { kind: 'byte'; at: number; header: boolean; value: number }
  | { kind: 'flip'; at: number; header: boolean; bit: number }
  | { kind: 'int32'; at: number; header: boolean; value: number; little: boolean }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number };

const place = fc.nat();
/** Leading bytes left alone. */
const MAGIC_BYTES = 4;
const EDGE_INT32 = [0, 1, 0x7f, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** Arbitrary mutations, 1 to 6 per run. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('byte' as const), at: place, header: fc.boolean(), value: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: place, header: fc.boolean(), bit: fc.integer({ min: 0, max: 7 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('int32' as const), at: place, header: fc.constant(true), value: fc.constantFrom(...EDGE_INT32), little: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: place }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: place, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 256 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: place, length: fc.integer({ min: 1, max: 512 }) }) },
  ),
  { minLength: 1, maxLength: 6 },
);

/**
 * Rewrites the CRC of every Ogg page that still lies whole in the file, so that mutations reach past the page check
 * into the packets and the codec (applied to half the runs of Ogg seeds).
 */
export function fixOggCrcs(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 27 <= bytes.length; ) {
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'OggS') break;
    const segments = bytes[at + 26];
    if (at + 27 + segments > bytes.length) break;
    const end = at + 27 + segments + bytes.subarray(at + 27, at + 27 + segments).reduce((a, b) => a + b, 0);
    if (end > bytes.length) break;
    view.setUint32(at + 22, pageCrc(bytes, at, end), true);
    at = end;
  }
  return bytes;
}

/** The file after the mutations, in order. */
export function mutate(original: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = original.slice();
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const span = 'header' in m && m.header ? Math.min(64, bytes.length) : bytes.length;
    if (span <= MAGIC_BYTES) break;
    const at = MAGIC_BYTES + (m.at % (span - MAGIC_BYTES));
    switch (m.kind) {
      case 'byte':
        bytes[at] = m.value;
        break;
      case 'flip':
        bytes[at] ^= 1 << m.bit;
        break;
      case 'int32':
        if (at + 4 <= bytes.length) new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, m.value, m.little);
        break;
      case 'cut':
        bytes = bytes.slice(0, at);
        break;
      case 'insert':
        bytes = new Uint8Array([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
        break;
      case 'repeat':
        bytes = new Uint8Array([...bytes.subarray(0, at + m.length), ...bytes.subarray(at)]);
        break;
    }
  }
  return bytes;
}

/** What is wrong with one decode outcome, or null when it is one of the two allowed. */
export function outcomeProblem(name: string, outcome: { decoded?: Awaited<ReturnType<typeof decodeBytes>>; error?: unknown }): string | null {
  if (outcome.error !== undefined) {
    const e = outcome.error;
    if (!(e instanceof InputFileError)) return `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`;
    if (e.file !== name || !e.reason) return `InputFileError names '${e.file}' with reason '${e.reason}'`;
    return null;
  }
  const { channels, sampleRate } = outcome.decoded!;
  if (channels.length === 0) return 'decoded to no channels';
  if (channels.some((c) => c.length !== channels[0].length) || channels[0].length === 0) return `decoded channels of lengths ${channels.map((c) => c.length).join(', ')}`;
  const rateProblem = sampleRateProblem(sampleRate);
  if (rateProblem) return `decoded at an implausible rate: ${rateProblem}`;
  for (let c = 0; c < channels.length; c++) {
    const i = channels[c].findIndex((v) => !Number.isFinite(v));
    if (i >= 0) return `decoded sample ${i} of channel ${c} is ${channels[c][i]}`;
  }
  return null;
}

/** Decodes one mutated file; the problem with the outcome (null when allowed) and how long it took (ms). */
export async function fuzzOnce(seed: FuzzSeed, mutations: Mutation[], fixCrcs = false): Promise<{ problem: string | null; ms: number; bytes: Uint8Array }> {
  const mutated = mutate(seed.bytes, mutations);
  const bytes = fixCrcs ? fixOggCrcs(mutated) : mutated;
  const start = performance.now();
  const outcome = await decodeBytes(seed.name, bytes).then(
    (decoded) => ({ decoded }),
    (error: unknown) => ({ error }),
  );
  return { problem: outcomeProblem(seed.name, outcome), ms: performance.now() - start, bytes };
}
