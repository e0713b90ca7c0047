/** `kielo decode`: mono output at 16 kHz or native rate, WAV (16-bit or float) and .npy, errors and exit codes. */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { EXIT, main } from '../../src/cli/main';
import { decodeFile, loadAudio, readNpy } from '../../src/audio';
import { makeTempDir, writeTone } from '../audio/fixtures';

const temp = makeTempDir('kielo-decode-');
afterAll(() => temp.remove());

const stereo = temp.path('stereo.wav');
writeTone(stereo, { rate: 44100, seconds: 0.5, frequencies: [440, 660], amplitude: 10 ** (-3 / 20) });

async function kielo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('kielo decode', () => {
  it('writes 16 kHz mono 16-bit WAV by default and prints {file, out, sampleRate, samples}', async () => {
    const out = temp.path('out.wav');
    const { code, stdout } = await kielo('decode', stereo, '--out', out, '--json');
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ file: stereo, out, sampleRate: 16000, samples: 8000, sourceRate: 44100, sourceChannels: 2 });
    const written = await decodeFile(out);
    expect(written.sampleRate).toBe(16000);
    expect(written.channels).toHaveLength(1);
    expect(readFileSync(out).readUInt16LE(34)).toBe(16);
    const expected = (await loadAudio(stereo)).samples;
    written.channels[0].forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(0.5 / 32768 + 1e-7));
  });

  it('writes float32 .npy at the native rate, equal to loadAudio', async () => {
    const out = temp.path('out.npy');
    const { code, stdout } = await kielo('decode', stereo, '--out', out, '--rate', 'native', '--json');
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ sampleRate: 44100, samples: 22050 });
    const npy = await readNpy(out);
    expect(npy.shape).toEqual([22050]);
    expect(Array.from(npy.data)).toEqual(Array.from((await loadAudio(stereo, { sampleRate: 'native' })).samples));
  });

  it('writes a float WAV with --float at a chosen rate', async () => {
    const out = temp.path('float.wav');
    expect((await kielo('decode', stereo, '--out', out, '--rate', '8000', '--float')).code).toBe(EXIT.ok);
    expect(readFileSync(out).readUInt16LE(20)).toBe(3);
    const written = await decodeFile(out);
    expect(written.sampleRate).toBe(8000);
    expect(Array.from(written.channels[0])).toEqual(Array.from((await loadAudio(stereo, { sampleRate: 8000 })).samples));
  });

  it('prints a human line without --json', async () => {
    const { stdout } = await kielo('decode', stereo, '--out', temp.path('h.wav'));
    expect(stdout).toContain('8000 samples at 16000 Hz');
  });

  it('reports a bad input file with its reason, writes nothing, exits 2', async () => {
    const bad = temp.path('bad.wav');
    writeFileSync(bad, new Uint8Array(0));
    const out = temp.path('never.wav');
    const { code, stderr } = await kielo('decode', bad, '--out', out);
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toBe(`kielo decode: ${bad}: empty file (zero bytes)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('reports an output that cannot be written, exits 2', async () => {
    const out = temp.path('no/such/dir/x.wav');
    const { code, stderr } = await kielo('decode', stereo, '--out', out);
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(`${out}: cannot write:`);
  });

  it.each([
    [[], /give exactly one input file \(got 0\)/],
    [['a.wav', 'b.wav', '--out', 'x.wav'], /give exactly one input file \(got 2\)/],
    [['a.wav'], /--out X\.wav\|X\.npy is required/],
    [['a.wav', '--out', 'x.mp3'], /--out must end in \.wav or \.npy, got 'x\.mp3'/],
    [['a.wav', '--out', 'x.npy', '--float'], /--float applies to \.wav output/],
    [['a.wav', '--out', 'x.wav', '--rate', 'fast'], /--rate must be a whole number of Hz or 'native', got 'fast'/],
    [['a.wav', '--out', 'x.wav', '--rate', '10'], /--rate: sample rate 10 Hz is outside/],
  ])('exits 1 on usage error %j', async (args, message) => {
    const { code, stderr } = await kielo('decode', ...args);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(message);
  });
});
