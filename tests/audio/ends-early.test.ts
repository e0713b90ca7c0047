/**
 * Files that end early the ways reference decoders still play: an Ogg Vorbis stream without its end-of-stream page
 * (KLettres' Arabic letters are all like this), a FLAC or MP3 file cut a few bytes into its last frame. Kielo reads
 * what the reference reads, warns once per file on the audio warning channel (the CLI prints it on stderr without
 * failing the file), and still refuses files cut inside earlier audio data (bad-input.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { decodeFile, onAudioWarning, type AudioWarning } from '../../src/audio';
import { EXIT, main } from '../../src/cli/main';
import { runJob } from '../../src/jobs';
import { ENDS_EARLY, fixture } from '../fixtures/catalog';
import { maxAbsDiff, readReference } from './fixtures';

const TOLERANCE = 1e-4;

async function decodeWithWarnings(file: string) {
  const warnings: AudioWarning[] = [];
  const stop = onAudioWarning((w) => warnings.push(w));
  try {
    return { decoded: await decodeFile(file), warnings };
  } finally {
    stop();
  }
}

const cases: [string, string, RegExp][] = [
  ['Ogg Vorbis whose last page lacks the end-of-stream flag (as sox plays it)', ENDS_EARLY.ogg, /^Ogg stream has no end-of-stream page/],
  ['FLAC cut 5 bytes into its last frame (the whole frames, as sox plays them)', ENDS_EARLY.flac, /^truncated: FLAC stream ends in its last frame; decoded 4096 of the 4800 samples/],
  ['MP3 cut 5 bytes into its last frame (as lame --decode plays it)', ENDS_EARLY.mp3, /^truncated: MP3 stream ends 5 bytes short of the end of its last frame/],
];

describe('files that end early', () => {
  for (const [name, file, warning] of cases) {
    it(name, async () => {
      const path = fixture('audio', file);
      const reference = await readReference(`${path}.ref.npy`);
      const { decoded, warnings } = await decodeWithWarnings(path);
      expect(decoded.channels[0].length).toBe(reference[0].length);
      expect(maxAbsDiff(decoded.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
      expect(warnings).toHaveLength(1);
      expect(warnings[0].file).toBe(path);
      expect(warnings[0].message).toMatch(warning);
      expect(decoded.warnings).toEqual([warnings[0].message]);
    });
  }

  it('the CLI prints the warning on stderr once and does not fail the file', async () => {
    const path = fixture('audio', ENDS_EARLY.ogg);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['info', path, '--json'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(out.join(''))).toMatchObject([{ file: path, format: 'ogg', sampleRate: 16000, channels: 1 }]);
    expect(err.join('')).toBe(`kielo info: warning: ${path}: Ogg stream has no end-of-stream page (its writer stopped early); decoded up to its last whole page\n`);
  });

  it('a warning raised in a job worker thread reaches the calling thread once', async () => {
    const path = fixture('audio', ENDS_EARLY.ogg);
    const warnings: AudioWarning[] = [];
    const stop = onAudioWarning((w) => warnings.push(w));
    try {
      const result = await runJob('selftest', { count: 1, decode: path });
      expect(result.decodedFrames).toBe(7552);
    } finally {
      stop();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe(path);
    expect(warnings[0].message).toMatch(/^Ogg stream has no end-of-stream page/);
  });
});
