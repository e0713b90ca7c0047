import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CTC_CLASSES, readReference, scoreTranscript } from '../../src/api/transcripts';

describe('ASR scoring for the Results view', () => {
  it('aligns words and counts one substitution and one deletion in four reference words', () => {
    const s = scoreTranscript('one too four', 'one two three four');
    // 'too' may align with 'two' or 'three': either way one substitution and one deletion
    expect(s.alignment.map((w) => w.op).sort()).toEqual(['C', 'C', 'D', 'S']);
    expect(s.wer).toBe(0.5);
    // characters: 'twothree' against 'too' needs at least 5 deletions plus 1 substitution, over 15 reference characters
    expect(s.cer).toBeCloseTo(6 / 15, 6);
  });

  it('has no scores without a reference, and reads the .txt beside the audio normalised', async () => {
    expect(scoreTranscript('one', null)).toEqual({ alignment: [], wer: null, cer: null });
    const dir = await mkdtemp(join(tmpdir(), 'kielo-ref-'));
    await writeFile(join(dir, 'a.txt'), '  One  TWO\n');
    expect(await readReference(join(dir, 'a.flac'))).toBe('one two');
    expect(await readReference(join(dir, 'b.wav'))).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the CTC classes: blank first, then the alphabet with a visible space', () => {
    expect(CTC_CLASSES.slice(0, 3)).toEqual(['blank', '␣', 'a']);
    expect(CTC_CLASSES).toHaveLength(29);
  });
});
