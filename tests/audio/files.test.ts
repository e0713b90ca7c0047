/** Finding audio files and labelled sets on disk. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('takes Opus, WebM and AIFF files (.opus .webm .weba .aif .aiff .aifc, and .oga) as audio', async () => {
    const dir = join(temp.dir, 'formats');
    const audio = ['a.opus', 'b.webm', 'c.weba', 'd.aif', 'e.AIFF', 'f.aifc', 'g.oga'].map((name) => touch('formats', name));
    touch('formats', 'h.mkv');
    expect(await listAudioFiles([dir])).toEqual(audio.sort());
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

describe('symbolic links', () => {
  // a split assembled from links: linked/en -> ../set/en, linked/fi/ holds links to files, plus a loop and a broken link
  const linked = join(temp.dir, 'linked');
  mkdirSync(join(linked, 'fi'), { recursive: true });
  symlinkSync(join('..', 'set', 'en'), join(linked, 'en'));
  symlinkSync(files.fiC, join(linked, 'fi', 'c.mp3'));
  symlinkSync(join('..', '..', 'linked'), join(linked, 'fi', 'up')); // a link to an ancestor: a loop
  symlinkSync(join(temp.dir, 'gone.wav'), join(linked, 'fi', 'gone.wav'));

  it('follows linked label folders and linked files, keeping the path through the link', async () => {
    expect(await listLabelledFiles(linked)).toEqual([
      { file: join(linked, 'en', 'a.wav'), label: 'en' },
      { file: join(linked, 'en', 'deep', 'b.FLAC'), label: 'en' },
      { file: join(linked, 'fi', 'c.mp3'), label: 'fi' },
    ]);
    expect(await listAudioFiles([join(linked, 'en')])).toEqual([join(linked, 'en', 'a.wav'), join(linked, 'en', 'deep', 'b.FLAC')]);
  });

  it('says what a folder without labelled audio holds: entries, and why each was skipped', async () => {
    const dir = join(temp.dir, 'nothing');
    mkdirSync(join(dir, 'en'), { recursive: true });
    for (const name of ['a.txt', 'b.txt', 'notes.xml', '.hidden.wav']) writeFileSync(join(dir, 'en', name), '');
    writeFileSync(join(dir, 'loose.wav'), '');
    symlinkSync(join(temp.dir, 'gone'), join(dir, 'fi'));
    symlinkSync('..', join(dir, 'en', 'loop'));
    await expect(listLabelledFiles(dir)).rejects.toEqual(new InputFileError(dir, 'no labelled audio files (expected DIR/<label>/*.{wav,flac,mp3,ogg,oga,opus,webm,weba,aif,aiff,aifc,gsm}); '
      + '8 entries (1 folder): 1 audio file, 7 skipped: 3 not audio (.txt, .xml), 1 hidden, 1 broken link, 1 link to a folder above it (a loop), '
      + '1 directly in DIR (audio outside a label folder)'));
  });
});
