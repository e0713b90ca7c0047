/** Test fixtures for audio: a temporary directory, sox/lame runners, and WAV bytes built field by field. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and a function that removes it. */
export function makeTempDir(prefix = 'kielo-audio-'): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a tool and returns its stdout; throws with its stderr on failure. */
export function run(tool: string, args: string[]): Buffer {
  return execFileSync(tool, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Channel count of a file as sox sees it. */
function soxChannels(file: string): number {
  return Number(run('soxi', ['-c', file]).toString().trim());
}

/** Decodes a file with sox to raw float32 (`sox FILE -t f32 -`) and splits the interleaved channels. */
export function soxDecode(file: string): Float32Array[] {
  const count = soxChannels(file);
  const raw = run('sox', [file, '-t', 'f32', '-']);
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const frames = all.length / count;
  return Array.from({ length: count }, (_, c) => {
    const channel = new Float32Array(frames);
    for (let i = 0; i < frames; i++) channel[i] = all[i * count + c];
    return channel;
  });
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
