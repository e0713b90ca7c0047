/** Finding audio files and labelled sets on disk. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAudioFiles, listLabelledFiles } from '../../src/audio';
import { InputFileError } from '../../src/util/errors';
import { makeTempDir } from './fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

function touch(...parts: string[]): string {
  const path = join(temp.dir, ...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

const set = join(temp.dir, 'set');
const files = {
  enA: touch('set', 'en', 'a.wav'),
  enB: touch('set', 'en', 'deep', 'b.FLAC'),
  fiC: touch('set', 'fi', 'c.mp3'),
  fiD: touch('set', 'fi', 'd.ogg'),
};
touch('set', 'fi', 'notes.txt');
touch('set', 'fi', '.hidden.wav');
touch('set', 'loose.wav');
mkdirSync(join(temp.dir, 'set', 'empty-label'));

describe('listAudioFiles', () => {
  it('walks folders recursively for wav/flac/mp3/ogg (any case), sorted, skipping hidden and other files', async () => {
    expect(await listAudioFiles([set])).toEqual([files.enA, files.enB, files.fiC, files.fiD, join(set, 'loose.wav')].sort());
  });

  it('keeps a file named directly whatever its extension, and removes duplicates', async () => {
    const notes = join(set, 'fi', 'notes.txt');
    expect(await listAudioFiles([notes, files.enA, files.enA])).toEqual([files.enA, notes].sort());
  });

  it('throws InputFileError for a path that does not exist', async () => {
    const missing = join(temp.dir, 'nope');
    await expect(listAudioFiles([missing])).rejects.toEqual(new InputFileError(missing, 'no such file'));
  });
});

describe('listLabelledFiles', () => {
  it('labels each file by its top folder under the set, ignoring files directly in the set', async () => {
    expect(await listLabelledFiles(set)).toEqual([
      { file: files.enA, label: 'en' },
      { file: files.enB, label: 'en' },
      { file: files.fiC, label: 'fi' },
      { file: files.fiD, label: 'fi' },
    ]);
  });

  it('refuses a missing folder, a file, and a folder without labelled audio', async () => {
    await expect(listLabelledFiles(join(temp.dir, 'nope'))).rejects.toThrow(/nope: no such file/);
    await expect(listLabelledFiles(files.enA)).rejects.toThrow(/a\.wav: not a directory/);
    await expect(listLabelledFiles(join(set, 'empty-label'))).rejects.toThrow(/empty-label: no labelled audio files/);
  });
});
