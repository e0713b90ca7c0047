/** `kielo info`: JSON per file, human table, bad files reported with path and reason, exit codes. */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { EXIT, main } from '../../src/cli/main';
import { fixture } from '../fixtures/catalog';
import { makeTempDir, writeTone } from '../audio/fixtures';

const temp = makeTempDir('kielo-info-');
afterAll(() => temp.remove());

const a = temp.path('a.wav');
const c = temp.path('c.flac');
const bad = temp.path('bad.wav');
writeTone(a, { rate: 16000, seconds: 0.5, frequencies: [440], amplitude: 0.5 });
copyFileSync(fixture('audio', 's16-stereo-44100.flac'), c); // 0.25 s stereo 44.1 kHz FLAC by sox
writeFileSync(bad, 'plain text, not audio\n');

async function kielo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('kielo info', () => {
  it('prints [{file, sampleRate, channels, durationSec, format}] with --json and exits 0', async () => {
    const { code, stdout, stderr } = await kielo('info', '--json', a, c);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([
      { file: a, sampleRate: 16000, channels: 1, durationSec: 0.5, format: 'wav' },
      { file: c, sampleRate: 44100, channels: 2, durationSec: 0.25, format: 'flac' },
    ]);
  });

  it('reports a bad file in a batch on stderr with its path and reason, prints the others, exits 2', async () => {
    const { code, stdout, stderr } = await kielo('info', '--json', a, bad, c);
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toBe(`kielo info: ${bad}: not a RIFF/WAVE file (starts with "plai"; WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus and GSM 06.10 are read)\n`);
    expect(JSON.parse(stdout).map((i: { file: string }) => i.file)).toEqual([a, c]);
  });

  it('reports a missing path and goes on', async () => {
    const missing = temp.path('missing.ogg');
    const { code, stdout, stderr } = await kielo('info', '--json', missing, a);
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(`${missing}: no such file`);
    expect(JSON.parse(stdout)).toHaveLength(1);
  });

  it('expands a folder into its audio files', async () => {
    const { stdout } = await kielo('info', '--json', temp.dir);
    expect(JSON.parse(stdout).map((i: { file: string }) => i.file)).toEqual([a, c]);
  });

  it('prints one human line per file without --json', async () => {
    const { code, stdout } = await kielo('info', a, c);
    expect(code).toBe(EXIT.ok);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/a\.wav\s+wav\s+16000 Hz\s+1 ch\s+0\.500 s$/);
    expect(lines[1]).toMatch(/c\.flac\s+flac\s+44100 Hz\s+2 ch\s+0\.250 s$/);
  });

  it('exits 1 without files', async () => {
    const { code, stderr } = await kielo('info');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('give at least one audio file');
  });
});
