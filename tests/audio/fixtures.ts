/** Test fixtures for audio: a temporary directory, committed reference decodes, tones, and WAV bytes built field by field. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy } from '../../src/audio/npy';

/** A fresh temporary directory and a function that removes it. */
export function makeTempDir(prefix = 'kielo-audio-'): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A reference decode committed beside a fixture (FILE.ref.npy, shape [channels, frames]) as one array per channel. */
export async function readReference(file: string): Promise<Float32Array[]> {
  const { data, shape } = await readNpy(file);
  const [channels, frames] = shape;
  return Array.from({ length: channels }, (_, c) => data.slice(c * frames, (c + 1) * frames));
}

/** Largest absolute difference between two channel sets of equal shape. */
export function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let max = 0;
  a.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) max = Math.max(max, Math.abs(channel[i] - b[c][i]));
  });
  return max;
}

/** Fields of a WAV file to build byte by byte (defaults: 16-bit PCM mono 16 kHz). */
export interface WavSpec {
  formatTag?: number;
  channels?: number;
  sampleRate?: number;
  bitsPerSample?: number;
  blockAlign?: number;
  /** Write a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with this sub-format tag. */
  extensibleSubFormat?: number;
  /** Raw sample bytes of the data chunk. */
  data: Uint8Array;
  /** Declared data size (defaults to data.length). */
  declaredDataSize?: number;
  /** Chunks written between fmt and data. */
  chunksBeforeData?: { id: string; body: Uint8Array }[];
  /** Chunks written before fmt. */
  chunksBeforeFmt?: { id: string; body: Uint8Array }[];
}

function chunk(id: string, body: Uint8Array, declared = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, declared, true);
  out.set(body, 8);
  return out;
}

/** Builds WAV bytes from explicit header fields, so tests control every declared value. */
export function buildWav(spec: WavSpec): Uint8Array {
  const channels = spec.channels ?? 1;
  const bits = spec.bitsPerSample ?? 16;
  const rate = spec.sampleRate ?? 16000;
  const blockAlign = spec.blockAlign ?? (channels * bits) / 8;
  const extensible = spec.extensibleSubFormat !== undefined;
  const fmt = new Uint8Array(extensible ? 40 : 16);
  const v = new DataView(fmt.buffer);
  v.setUint16(0, extensible ? 0xfffe : (spec.formatTag ?? 1), true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, rate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, bits, true);
  if (extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, bits, true);
    v.setUint32(20, 0, true);
    v.setUint16(24, spec.extensibleSubFormat!, true);
    // Rest of KSDATAFORMAT_SUBTYPE GUID: 0000-0010-8000-00aa00389b71
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const parts = [
    ...(spec.chunksBeforeFmt ?? []).map((c) => chunk(c.id, c.body)),
    chunk('fmt ', fmt),
    ...(spec.chunksBeforeData ?? []).map((c) => chunk(c.id, c.body)),
    chunk('data', spec.data, spec.declaredDataSize ?? spec.data.length),
  ];
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set([0x52, 0x49, 0x46, 0x46], 0);
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  header.set([0x57, 0x41, 0x56, 0x45], 8);
  return concat([header, body]);
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Little-endian bytes of 16-bit samples. */
export function int16Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setInt16(2 * i, x, true));
  return out;
}

/** Little-endian bytes of float32 samples. */
export function float32Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setFloat32(4 * i, x, true));
  return out;
}

/** A sine of `frequency` Hz and peak `amplitude`, `seconds` long at `rate`. */
export function sine(frequency: number, rate: number, seconds: number, amplitude = 1): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

/** A tone file: one sine per channel at `amplitude`, with optional silence before and after (16-bit PCM WAV). */
export interface ToneSpec {
  /** Sample rate, Hz. */
  rate: number;
  /** Length of the tone, without the padding. */
  seconds: number;
  /** Frequency of each channel's sine, Hz (its length is the channel count). */
  frequencies: number[];
  /** Peak of each sine, 0-1. */
  amplitude: number;
  /** Silence before and after the tone, seconds (default 0). */
  padSeconds?: number;
}

/** WAV bytes of a tone (16-bit PCM, rounded, no dither: the same bytes in every run). */
export function toneWav(spec: ToneSpec): Uint8Array {
  const pad = Math.round((spec.padSeconds ?? 0) * spec.rate);
  const tone = Math.round(spec.seconds * spec.rate);
  const channels = spec.frequencies.length;
  const values = new Array<number>((tone + 2 * pad) * channels).fill(0);
  for (let i = 0; i < tone; i++) {
    spec.frequencies.forEach((f, c) => (values[(pad + i) * channels + c] = Math.round(32767 * spec.amplitude * Math.sin((2 * Math.PI * f * i) / spec.rate))));
  }
  return buildWav({ channels, sampleRate: spec.rate, data: int16Bytes(values) });
}

/** Writes toneWav(spec) to `path`; returns the path. */
export function writeTone(path: string, spec: ToneSpec): string {
  writeFileSync(path, toneWav(spec));
  return path;
}
