/**
 * Fuzzing in CI: 150 fast-check runs (a few seconds on an idle machine; a fixed seed, so a failure reproduces) of
 * mutated WAV, ADPCM, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus and WebM files through decodeBytes; every outcome must be
 * decoded audio with finite samples or an InputFileError naming the file. bench/fuzz-decoders.ts runs many more.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { onAudioWarning } from '../../src/audio/warnings';
import { InputFileError } from '../../src/util/errors';
import { fuzzOnce, fuzzSeeds, mutate, mutationsArb, outcomeProblem } from './decoder-fuzz';

const RUNS = 150;
const stopListening = onAudioWarning(() => {});
afterAll(stopListening);

describe('decoder fuzzing', () => {
  it('the property can fail: a non-InputFileError, a misnamed file and a NaN sample are findings', () => {
    expect(outcomeProblem('a.wav', { error: new RangeError('offset out of bounds') })).toBe('threw RangeError: offset out of bounds');
    expect(outcomeProblem('a.wav', { error: new InputFileError('b.wav', 'x') })).toBe("InputFileError names 'b.wav' with reason 'x'");
    expect(outcomeProblem('a.wav', { decoded: { channels: [new Float32Array([0, NaN])], sampleRate: 16000, format: 'wav' } })).toBe('decoded sample 1 of channel 0 is NaN');
    expect(outcomeProblem('a.wav', { decoded: { channels: [new Float32Array(2), new Float32Array(3)], sampleRate: 16000, format: 'wav' } })).toBe('decoded channels of lengths 2, 3');
    expect(outcomeProblem('a.wav', { decoded: { channels: [new Float32Array(2)], sampleRate: 16000, format: 'wav' } })).toBeNull();
  });

  it('mutations change the bytes as described', () => {
    const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    // positions are taken modulo the length and spare the 4-byte magic
    expect([...mutate(bytes, [{ kind: 'byte', at: 4, header: false, value: 9 }])]).toEqual([0, 1, 2, 3, 9, 5, 6, 7]);
    expect([...mutate(bytes, [{ kind: 'cut', at: 2 }])]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...mutate(bytes, [{ kind: 'repeat', at: 1, length: 2 }])]).toEqual([0, 1, 2, 3, 4, 5, 6, 5, 6, 7]);
    expect([...mutate(bytes, [{ kind: 'int32', at: 4, header: true, value: 0xffffffff, little: true }])]).toEqual([0, 1, 2, 3, 255, 255, 255, 255]);
  });

  it(`${RUNS} mutated files of every format decode to finite audio or give an InputFileError naming the file`, async () => {
    const seeds = fuzzSeeds();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), mutationsArb, fc.boolean(), async (seed, mutations, fixCrcs) => {
        const { problem } = await fuzzOnce(seed, mutations, fixCrcs);
        if (problem) throw new Error(`${seed.name}: ${problem}`);
      }),
      { numRuns: RUNS, seed: 20261205 },
    );
  }, 60_000);
});
