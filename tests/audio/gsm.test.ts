/** GSM 06.10: raw .gsm files recognised by content, listed as audio, reported as 'gsm'; cut and corrupt frames. */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { decodeFile, listAudioFiles, onAudioWarning, probeFile, type AudioWarning } from '../../src/audio';
import { InputFileError } from '../../src/util/errors';
import { EXIT, main } from '../../src/cli/main';
import { GSM_SPEECH, fixture } from '../fixtures/catalog';
import { makeTempDir, maxAbsDiff, readReference } from './fixtures';

const temp = makeTempDir('kielo-gsm-');
afterAll(() => temp.remove());
const speech = fixture('audio', GSM_SPEECH); // 49 frames of 33 bytes

describe('GSM 06.10 files', () => {
  it('kielo info reports format gsm, 8 kHz mono', async () => {
    const out: string[] = [];
    const code = await main(['info', speech, '--json'], { stdout: (t) => out.push(t), stderr: () => {} });
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(out.join(''))).toEqual([{ file: speech, sampleRate: 8000, channels: 1, durationSec: 49 * 160 / 8000, format: 'gsm' }]);
  });

  it('is recognised by content under another name, and .gsm files are listed as audio', async () => {
    const renamed = temp.path('prompt.bin');
    copyFileSync(speech, renamed);
    expect((await probeFile(renamed)).format).toBe('gsm');
    copyFileSync(speech, temp.path('prompt.GSM'));
    expect(await listAudioFiles([temp.dir])).toEqual([temp.path('prompt.GSM')]);
  });

  it('a partial last frame is left out with a warning, as sox does', async () => {
    const cut = temp.path('cut.gsm');
    writeFileSync(cut, readFileSync(speech).subarray(0, 33 * 10 + 7));
    const warnings: AudioWarning[] = [];
    const stop = onAudioWarning((w) => warnings.push(w));
    try {
      const decoded = await decodeFile(cut);
      const reference = await readReference(`${speech}.ref.npy`);
      expect(decoded.channels[0].length).toBe(1600);
      expect(maxAbsDiff(decoded.channels, [reference[0].subarray(0, 1600)])).toBe(0);
    } finally {
      stop();
    }
    expect(warnings).toEqual([{ file: cut, message: '7 bytes after the last whole GSM frame left out (a cut frame)' }]);
  });

  it('a frame without the magic nibble is corrupt; a few bytes of non-GSM are not GSM', async () => {
    const bytes = new Uint8Array(readFileSync(speech));
    bytes[33 * 3] = 0x00;
    writeFileSync(temp.path('bad.gsm'), bytes);
    await expect(decodeFile(temp.path('bad.gsm'))).rejects.toEqual(new InputFileError(temp.path('bad.gsm'), 'corrupt GSM data: frame 3 (byte 99) does not start with the GSM magic 0xD'));
    writeFileSync(temp.path('bad.bin'), bytes);
    await expect(decodeFile(temp.path('bad.bin'))).rejects.toThrow(/unrecognised audio format \(starts with d/);
    writeFileSync(temp.path('short.bin'), readFileSync(speech).subarray(0, 33 * 2));
    await expect(decodeFile(temp.path('short.bin'))).rejects.toThrow(/unrecognised audio format/);
    writeFileSync(temp.path('short.gsm'), readFileSync(speech).subarray(0, 33 * 2));
    expect((await decodeFile(temp.path('short.gsm'))).channels[0].length).toBe(320);
  });
});
