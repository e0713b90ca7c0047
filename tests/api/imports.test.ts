import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KieloService } from '../../src/api/service';
import { toneWav } from '../audio/fixtures';

let dir: string;
let service: KieloService;
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const tone = (hz: number) => toneWav({ rate: 8000, seconds: 0.5, frequencies: [hz], amplitude: 0.5 });
/** Every file under the project's imports/ folder, relative to it. */
const imported = async () => ((await readdir(join(dir, 'project', 'imports'), { recursive: true, withFileTypes: true }).catch(() => [])) as { isFile(): boolean; parentPath: string; name: string }[])
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name).slice(join(dir, 'project', 'imports').length + 1))
  .sort();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-imports-'));
  process.env.KIELO_HOME = join(dir, 'home');
  service = await KieloService.open(join(dir, 'project'));
});
afterEach(async () => {
  await service.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

describe('dropped files (browser mode: copied into imports/)', () => {
  it('keeps the file name and its label folder, and shows where it came from', async () => {
    const result = await service.uploadFiles([{ name: 'fi001-max.flac', path: 'recordings/fi/fi001-max.wav', base64: b64(tone(440)) }]);
    expect(result.problems).toEqual([]);
    expect(result.added).toHaveLength(1);
    expect(result.added[0]).toMatchObject({ name: 'fi001-max.wav', label: 'fi', source: 'recordings/fi/fi001-max.wav', copied: true, transcript: null });
    expect(result.added[0].path).toBe(join(dir, 'project', 'imports', 'recordings', 'fi', 'fi001-max.wav'));
    expect(result.added[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports the same bytes dropped twice (under another name too) as a duplicate and stores no second copy', async () => {
    const first = await service.uploadFiles([{ name: 'a.wav', path: 'fi/a.wav', base64: b64(tone(440)) }]);
    const again = await service.uploadFiles([{ name: 'a.wav', path: 'fi/a.wav', base64: b64(tone(440)) }, { name: 'copy of a.wav', base64: b64(tone(440)) }]);
    expect(again.added).toEqual([]);
    expect(again.duplicates.map((d) => [d.file, d.existing.id])).toEqual([['fi/a.wav', first.added[0].id], ['copy of a.wav', first.added[0].id]]);
    expect(await service.listFiles()).toHaveLength(1);
    expect(await imported()).toEqual(['fi/a.wav']);
  });

  it('gives a different file of a name already taken its own copy beside it', async () => {
    await service.uploadFiles([{ name: 'a.wav', path: 'fi/a.wav', base64: b64(tone(440)) }]);
    const other = await service.uploadFiles([{ name: 'a.wav', path: 'fi/a.wav', base64: b64(tone(660)) }]);
    expect(other.added[0]).toMatchObject({ name: 'a.wav', source: 'fi/a.wav' });
    expect(await imported()).toEqual(['fi/a (2).wav', 'fi/a.wav']);
  });

  it('pairs a transcript dropped with its audio, and says why when a transcript has no audio', async () => {
    const result = await service.uploadFiles([
      { name: 'd1.txt', path: 'digits/d1.txt', base64: b64('one two') },
      { name: 'd1.wav', path: 'digits/d1.wav', base64: b64(tone(440)) },
      { name: 'lonely.txt', base64: b64('three') },
    ]);
    expect(result.added).toHaveLength(1);
    expect(result.transcripts.map((t) => [t.file, t.audio.id])).toEqual([['digits/d1.txt', result.added[0].id]]);
    expect(result.added[0].transcript).toBe(join(dir, 'project', 'imports', 'digits', 'd1.txt'));
    expect(await readFile(result.added[0].transcript!, 'utf8')).toBe('one two');
    expect(result.problems).toEqual([{ file: 'lonely.txt', reason: expect.stringMatching(/^a transcript needs its audio: no audio file named lonely\.wav/) }]);
    expect(await imported()).toEqual(['digits/d1.txt', 'digits/d1.wav']);
  });

  it('pairs a transcript dropped after its audio', async () => {
    const [audio] = (await service.uploadFiles([{ name: 'd2.wav', base64: b64(tone(440)) }])).added;
    const later = await service.uploadFiles([{ name: 'd2.txt', base64: b64('four') }]);
    expect(later.transcripts.map((t) => t.audio.id)).toEqual([audio.id]);
    expect((await service.listFiles())[0].transcript).toBe(join(dir, 'project', 'imports', 'd2.txt'));
  });

  it('leaves no copy of a rejected file, and deletes the copy (and its transcript and empty folders) of a removed one', async () => {
    const bad = await service.uploadFiles([{ name: 'broken.wav', path: 'x/broken.wav', base64: b64('not audio at all') }, { name: '../../evil.wav', base64: '' }]);
    expect(bad.added).toEqual([]);
    expect(bad.problems.map((p) => p.file)).toEqual(['../../evil.wav', 'x/broken.wav']);
    expect(await imported()).toEqual([]);
    const { added } = await service.uploadFiles([{ name: 'd1.wav', path: 'digits/d1.wav', base64: b64(tone(440)) }, { name: 'd1.txt', path: 'digits/d1.txt', base64: b64('one') }]);
    expect(await imported()).toEqual(['digits/d1.txt', 'digits/d1.wav']);
    await service.removeFile(added[0].id);
    expect(await imported()).toEqual([]);
    expect(await readdir(join(dir, 'project', 'imports'))).toEqual([]);
    expect(await service.listFiles()).toEqual([]);
  });

  it('keeps dropped paths inside imports/', async () => {
    const result = await service.uploadFiles([{ name: 'e.wav', path: '../../../etc/e.wav', base64: b64(tone(440)) }]);
    expect(result.added[0].path).toBe(join(dir, 'project', 'imports', 'etc', 'e.wav'));
  });
});

describe('files added by path (referenced in place)', () => {
  it('references the file where it is, finds its transcript beside it, reports it again as a duplicate, and removing it leaves it on disk', async () => {
    await mkdir(join(dir, 'data', 'en'), { recursive: true });
    const wav = join(dir, 'data', 'en', 'one.wav');
    await writeFile(wav, tone(440));
    await writeFile(join(dir, 'data', 'en', 'one.txt'), 'one');
    const result = await service.addFiles([join(dir, 'data')]);
    expect(result.added[0]).toMatchObject({ path: wav, source: wav, copied: false, label: 'en', transcript: join(dir, 'data', 'en', 'one.txt') });
    expect(result.transcripts.map((t) => t.file)).toEqual([join(dir, 'data', 'en', 'one.txt')]);
    const again = await service.addFiles([wav]);
    expect(again.duplicates.map((d) => d.existing.id)).toEqual([result.added[0].id]);
    await service.removeFile(result.added[0].id);
    expect(new Uint8Array(await readFile(wav))).toEqual(tone(440));
    expect(await imported()).toEqual([]);
  });

  it('pairs a dropped .txt path with its audio in the project, and explains an unpaired one', async () => {
    const wav = join(dir, 'two.wav');
    await writeFile(wav, tone(440));
    await service.addFiles([wav]);
    await writeFile(join(dir, 'two.txt'), 'two');
    await writeFile(join(dir, 'three.txt'), 'three');
    const result = await service.addFiles([join(dir, 'two.txt'), join(dir, 'three.txt')]);
    expect(result.transcripts.map((t) => [t.file, t.audio.path])).toEqual([[join(dir, 'two.txt'), wav]]);
    expect(result.problems.map((p) => p.file)).toEqual([join(dir, 'three.txt')]);
    expect(result.problems[0].reason).toMatch(/no audio file named three\.wav/);
  });
});
