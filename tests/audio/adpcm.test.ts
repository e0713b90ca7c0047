/**
 * ADPCM in WAV beyond the fidelity files: a data chunk that ends inside a block gives the samples its bytes hold (as
 * sox decodes it), and the block layout the fmt chunk declares is checked.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeWav } from '../../src/audio/wav-decode';
import { adpcmFrames, checkAdpcmFormat } from '../../src/audio/adpcm';
import { fixture } from '../fixtures/catalog';
import { maxAbsDiff, readReference } from './fixtures';

/** The file with its data chunk cut to `bytes` (size field and file both). */
function cutData(file: string, bytes: number): Uint8Array {
  const wav = new Uint8Array(readFileSync(file));
  const data = Buffer.from(wav).indexOf('data');
  const cut = wav.slice(0, data + 8 + bytes);
  new DataView(cut.buffer).setUint32(data + 4, bytes, true);
  return cut;
}

describe('ADPCM blocks', () => {
  it('IMA: a cut last block gives its header sample and each whole group of 8', async () => {
    const file = fixture('audio', 'ima-adpcm.wav'); // 8 kHz mono, 256-byte blocks of 505 samples
    const decoded = decodeWav(cutData(file, 256 + 100));
    expect(decoded.channels[0].length).toBe(505 + 1 + 8 * Math.floor((100 - 4) / 4));
    const reference = await readReference(`${file}.ref.npy`);
    expect(maxAbsDiff(decoded.channels, reference.map((c) => c.subarray(0, decoded.channels[0].length)))).toBe(0);
  });

  it('MS: a cut last block gives its two header samples and two per byte of each channel', async () => {
    const file = fixture('audio', 'ms-adpcm-stereo.wav'); // 8 kHz stereo
    const whole = decodeWav(readFileSync(file));
    const blockAlign = readFileSync(file).readUInt16LE(32);
    const decoded = decodeWav(cutData(file, blockAlign + 14 + 10));
    const perBlock = (blockAlign - 14) + 2; // (bytes - 7 per channel) * 2 / 2 channels + 2
    expect(decoded.channels[0].length).toBe(perBlock + 2 + 10);
    expect(maxAbsDiff(decoded.channels, whole.channels.map((c) => c.subarray(0, decoded.channels[0].length)))).toBe(0);
  });

  it('derives samples per block from the block align when the fmt chunk gives 0, and refuses more than a block holds', () => {
    expect(checkAdpcmFormat({ kind: 'ima', channels: 2, blockAlign: 2048, samplesPerBlock: 0, coefficients: [] }).samplesPerBlock).toBe(2041);
    expect(adpcmFrames({ kind: 'ima', channels: 1, blockAlign: 256, samplesPerBlock: 505, coefficients: [] }, 256 * 3 + 3)).toBe(505 * 3);
    expect(() => checkAdpcmFormat({ kind: 'ms', channels: 1, blockAlign: 256, samplesPerBlock: 1000, coefficients: [[256, 0]] })).toThrow(
      'corrupt header: MS ADPCM declares 1000 samples per block; 256-byte blocks of 1 channels hold 500',
    );
  });
});
