/**
 * Opus packets to samples, for both containers that carry them (Ogg: ogg-opus-decode.ts, WebM: webm-decode.ts):
 * the OpusHead identification header (RFC 7845 5.1), each packet's duration from its TOC byte (RFC 6716 3.1),
 * and libopus through opus-decoder's frame decoder, at 48 kHz as every Opus decoder outputs. The container says how
 * many samples to drop at the start (pre-skip) and the end; the header's output gain is applied. The packets'
 * durations are summed before anything is decoded, so the output is allocated once, to a size the file's bytes back.
 */
import { OpusDecoder } from 'opus-decoder';
import type { AudioFormat, DecodedAudio } from './types';
import { CompressedFormatError, quietly } from './decoder-output';
import { channelCountProblem, decodedSizeProblem, frameCountProblem } from './limits';

/** The rate of decoded Opus (Hz). */
export const OPUS_RATE = 48000;
/** Longest Opus packet: 120 ms. */
const MAX_PACKET_SAMPLES = 5760;
/** Samples (all channels) decoded per call at most: bounds the decoder's own output buffers. */
const BATCH_SAMPLES = 2 ** 22;

/** The OpusHead identification header. */
export interface OpusHead {
  channels: number;
  /** Samples (at 48 kHz) to drop at the start. */
  preSkip: number;
  /** Output gain in dB. */
  gainDb: number;
  /** Channel mapping: streams, coupled streams, and which decoded channel feeds each output channel. */
  streamCount: number;
  coupledStreamCount: number;
  mapping: number[];
}

const OPUS_HEAD = [0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64]; // OpusHead

/** Parses an OpusHead packet (from an Ogg page, or WebM's CodecPrivate); throws CompressedFormatError when malformed. */
export function parseOpusHead(packet: Uint8Array): OpusHead {
  if (packet.length < 19 || !OPUS_HEAD.every((b, i) => packet[i] === b)) throw new CompressedFormatError('corrupt Opus stream: no OpusHead header');
  const version = packet[8];
  if (version >> 4 !== 0) throw new CompressedFormatError(`unsupported Opus header version ${version} (major version 0 is read)`);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const channels = packet[9];
  const channelProblem = channelCountProblem(channels);
  if (channelProblem) throw new CompressedFormatError(`corrupt Opus header: ${channelProblem}`);
  const head = { channels, preSkip: view.getUint16(10, true), gainDb: view.getInt16(16, true) / 256 };
  const family = packet[18];
  if (family === 0) {
    if (channels > 2) throw new CompressedFormatError(`corrupt Opus header: channel mapping family 0 with ${channels} channels (at most 2)`);
    return { ...head, streamCount: 1, coupledStreamCount: channels - 1, mapping: channels === 2 ? [0, 1] : [0] };
  }
  if (family !== 1 && family !== 255) throw new CompressedFormatError(`unsupported Opus channel mapping family ${family} (0, 1 and 255 are read)`);
  if (packet.length < 21 + channels) throw new CompressedFormatError(`corrupt Opus header: ${packet.length} bytes, too short for the mapping table of ${channels} channels`);
  const streamCount = packet[19];
  const coupledStreamCount = packet[20];
  if (streamCount === 0 || coupledStreamCount > streamCount || streamCount + coupledStreamCount > 255) {
    throw new CompressedFormatError(`corrupt Opus header: ${streamCount} streams of which ${coupledStreamCount} coupled`);
  }
  const mapping = Array.from(packet.subarray(21, 21 + channels));
  const bad = mapping.find((m) => m !== 255 && m >= streamCount + coupledStreamCount);
  if (bad !== undefined) throw new CompressedFormatError(`corrupt Opus header: channel mapping names decoded channel ${bad} of ${streamCount + coupledStreamCount}`);
  return { ...head, streamCount, coupledStreamCount, mapping };
}

/** Frame size (samples at 48 kHz) of each TOC configuration (RFC 6716 table 2). */
const FRAME_SAMPLES = Array.from({ length: 32 }, (_, config) => {
  if (config < 12) return [480, 960, 1920, 2880][config % 4]; // SILK 10/20/40/60 ms
  if (config < 16) return [480, 960][config % 2]; // hybrid 10/20 ms
  return [120, 240, 480, 960][config % 4]; // CELT 2.5/5/10/20 ms
});

/** Samples (at 48 kHz) an Opus packet decodes to, from its TOC byte; null when the packet is malformed. */
export function opusPacketSamples(packet: Uint8Array): number | null {
  if (packet.length === 0) return null;
  const size = FRAME_SAMPLES[packet[0] >> 3];
  const code = packet[0] & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : packet.length > 1 ? packet[1] & 0x3f : 0;
  const samples = frames * size;
  return samples > 0 && samples <= MAX_PACKET_SAMPLES ? samples : null;
}

/** A stream of Opus packets and how the container trims it. */
export interface OpusStream {
  head: OpusHead;
  packets: Uint8Array[];
  /** Samples to drop at the start (the container's value, else the header's pre-skip). */
  preSkip: number;
  /** Samples to keep after the pre-skip at most (the container's declared length), or null for all. */
  length: number | null;
  /** Size of the file the packets came from (bytes), which bounds how much it may decode to. */
  fileBytes: number;
}

/** Decodes a stream of Opus packets (48 kHz, every channel of the header); `name` words errors ('Ogg Opus', 'WebM Opus'). */
export async function decodeOpus(stream: OpusStream, format: AudioFormat, name: string): Promise<DecodedAudio> {
  const { head, packets } = stream;
  let total = 0;
  for (let k = 0; k < packets.length; k++) {
    const samples = opusPacketSamples(packets[k]);
    if (samples === null) throw new CompressedFormatError(`corrupt ${name} data: packet ${k} (${packets[k].length} bytes) has no valid Opus frame layout`);
    total += samples;
  }
  const frameProblem = frameCountProblem(total) ?? decodedSizeProblem(total, head.channels, stream.fileBytes);
  if (frameProblem) throw new CompressedFormatError(`corrupt ${name} stream: its packets hold ${total} samples; ${frameProblem}`);
  const end = Math.min(total, stream.length === null ? total : stream.preSkip + stream.length);
  if (end <= stream.preSkip) throw new CompressedFormatError(`no audio: ${name} stream holds ${total} samples, no more than its pre-skip of ${stream.preSkip}`);
  const maxBytes = 32000 * 0.12 * head.channels; // opus-decoder's input buffer
  const oversized = packets.findIndex((p) => p.length > maxBytes);
  if (oversized >= 0) throw new CompressedFormatError(`corrupt ${name} data: packet ${oversized} is ${packets[oversized].length} bytes, more than ${maxBytes} for ${head.channels} channels`);

  const channels = Array.from({ length: head.channels }, () => new Float32Array(end - stream.preSkip));
  const decoder = new OpusDecoder({
    channels: head.channels,
    streamCount: head.streamCount,
    coupledStreamCount: head.coupledStreamCount,
    channelMappingTable: head.mapping,
    preSkip: 0,
  });
  try {
    await decoder.ready;
    let at = 0; // samples decoded so far, before trimming
    const batch = Math.max(1, Math.floor(BATCH_SAMPLES / (MAX_PACKET_SAMPLES * head.channels)));
    for (let first = 0; first < packets.length && at < end; first += batch) {
      const out = quietly(() => decoder.decodeFrames(packets.slice(first, first + batch)));
      if (out.errors.length > 0) {
        const e = out.errors[0];
        throw new CompressedFormatError(`corrupt ${name} data: packet ${e.frameNumber ?? first}: ${e.message}`);
      }
      for (let c = 0; c < head.channels; c++) {
        const from = Math.max(0, stream.preSkip - at);
        const to = Math.min(out.samplesDecoded, end - at);
        if (to > from) channels[c].set(out.channelData[c].subarray(from, to), at + from - stream.preSkip);
      }
      at += out.samplesDecoded;
    }
  } finally {
    decoder.free();
  }
  if (head.gainDb !== 0) {
    const gain = 10 ** (head.gainDb / 20);
    for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i] *= gain;
  }
  return { channels, sampleRate: OPUS_RATE, format };
}
