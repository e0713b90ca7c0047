/**
 * The malformed corpus (malformed-corpus.ts, generated here from a few valid files): every file is refused through
 * loadAudio, the one call the rest of Kielo uses, with an InputFileError that names the file and gives the expected
 * reason. None crashes or hangs, and none makes a decoder allocate what its declared sizes ask for: absurd sizes are
 * refused by a check, named in the reason, before anything is allocated (the memory a decode leaves in array
 * buffers is measured too).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { loadAudio } from '../../src/audio';
import { onAudioWarning } from '../../src/audio/warnings';
import { InputFileError } from '../../src/util/errors';
import { makeTempDir } from './fixtures';
import { malformedCorpus } from './malformed-corpus';

const temp = makeTempDir('kielo-malformed-');
const stopListening = onAudioWarning(() => {});
afterAll(() => {
  stopListening();
  temp.remove();
});

/** Array-buffer memory a refused decode may leave behind (the WASM decoders' own memories are a few MB). */
const MAX_GROWTH_BYTES = 64 * 2 ** 20;

const corpus = malformedCorpus();

describe('malformed corpus', () => {
  it('has at least 40 distinct files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  for (const c of corpus) {
    it(`${c.name} is refused: ${c.reason.source}`, async () => {
      const file = temp.path(c.name);
      writeFileSync(file, c.bytes);
      const before = process.memoryUsage().arrayBuffers;
      const error = await loadAudio(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(MAX_GROWTH_BYTES);
      expect(error).toBeInstanceOf(InputFileError);
      const { file: named, reason, message } = error as InputFileError;
      expect(named).toBe(file);
      expect(reason).toMatch(c.reason);
      expect(message).toBe(`${file}: ${reason}`);
    });
  }
});
