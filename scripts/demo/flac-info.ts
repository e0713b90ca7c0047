// Reads a FLAC file's STREAMINFO block directly: enough to check rate, channels, depth and duration quickly.
import { open } from 'node:fs/promises';

/** What STREAMINFO says about a FLAC stream. */
export interface FlacInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Samples per channel (0 when the encoder did not know). */
  totalSamples: number;
  durationSec: number;
}

/** Parses the 42 leading bytes of a FLAC file ("fLaC" + STREAMINFO); throws naming the file when it is not FLAC. */
export async function readFlacInfo(file: string): Promise<FlacInfo> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(42);
  try {
    const { bytesRead } = await handle.read(head, 0, 42, 0);
    if (bytesRead < 42) throw new Error(`${file}: too short for a FLAC header (${bytesRead} bytes)`);
  } finally {
    await handle.close();
  }
  if (head.toString('latin1', 0, 4) !== 'fLaC') throw new Error(`${file}: no fLaC marker`);
  if ((head[4] & 0x7f) !== 0) throw new Error(`${file}: first metadata block is not STREAMINFO`);
  // STREAMINFO starts at byte 8; rate, channels, depth and sample count are packed from byte 18 on.
  const b = head.subarray(18);
  const sampleRate = (b[0] << 12) | (b[1] << 4) | (b[2] >> 4);
  const channels = ((b[2] >> 1) & 0x07) + 1;
  const bitsPerSample = (((b[2] & 0x01) << 4) | (b[3] >> 4)) + 1;
  const totalSamples = (b[3] & 0x0f) * 2 ** 32 + b.readUInt32BE(4);
  if (sampleRate === 0) throw new Error(`${file}: STREAMINFO sample rate is 0`);
  return { sampleRate, channels, bitsPerSample, totalSamples, durationSec: totalSamples / sampleRate };
}
