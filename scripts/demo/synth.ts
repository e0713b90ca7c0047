// espeak-ng speaks, sox trims, normalises, resamples and writes 16-bit mono FLAC.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFlacInfo } from './flac-info';

const run = promisify(execFile);

/** Runs one tool with its arguments (the build's is execFile; tests and the fixture script pass their own). */
export type ToolRunner = (tool: string, args: string[]) => Promise<unknown>;

const runTool: ToolRunner = (tool, args) => run(tool, args);

/** How one clip is spoken. */
export interface SpeechParams {
  /** espeak-ng voice with variant, e.g. 'en-gb-scotland+klatt2'. */
  voice: string;
  /** Words per minute (espeak-ng -s). */
  speed: number;
  /** 0-99 (espeak-ng -p). */
  pitch: number;
  /** Extra pause between words in 10 ms units (espeak-ng -g). */
  wordGap: number;
  /** Peak level of the written clip, dBFS (sox norm). */
  peakDb: number;
  /** Text is SSML (espeak-ng -m), e.g. a prosody-slowed phoneme string. */
  ssml?: boolean;
}

/** Versions of the tools that made the corpus, recorded in every manifest row. */
export async function toolVersions(): Promise<{ espeakNg: string; sox: string }> {
  const espeak = (await run('espeak-ng', ['--version'])).stdout;
  const sox = (await run('sox', ['--version'])).stdout;
  const espeakNg = /text-to-speech:\s*([\w.-]+)/.exec(espeak)?.[1];
  const soxVersion = /v([\d.]+)/.exec(sox)?.[1];
  if (!espeakNg || !soxVersion) throw new Error(`cannot read tool versions from ${JSON.stringify(espeak + sox)}`);
  return { espeakNg, sox: soxVersion };
}

/**
 * Speaks `text` into `outFile` (FLAC, 16-bit mono at `sampleRate`): espeak-ng writes 22.05 kHz WAV, sox
 * normalises to -1 dBFS, trims leading and trailing silence below -50 dBFS, resamples, then sets the peak to
 * `peakDb`. No dither, so the build is byte-for-byte reproducible. Returns the duration in seconds. `tools` runs
 * espeak-ng and sox (execFile unless given).
 */
export async function speak(text: string, params: SpeechParams, outFile: string, sampleRate: number,
  tools: ToolRunner = runTool): Promise<number> {
  const wav = `${outFile}.tmp.wav`;
  const espeakArgs = ['-b', '1', '-v', params.voice, '-s', String(params.speed), '-p', String(params.pitch),
    '-g', String(params.wordGap), '-w', wav];
  if (params.ssml) espeakArgs.push('-m');
  try {
    await tools('espeak-ng', [...espeakArgs, text]);
    await tools('sox', ['-D', wav, '-b', '16', '-C', '8', outFile,
      'norm', '-1', 'silence', '1', '0.01', '-50d', 'reverse', 'silence', '1', '0.01', '-50d', 'reverse',
      'rate', '-v', String(sampleRate), 'channels', '1', 'norm', params.peakDb.toFixed(1)]);
  } catch (error) {
    throw new Error(`${path.basename(outFile)}: espeak-ng/sox failed for ${JSON.stringify(text)} (${(error as Error).message})`);
  } finally {
    await rm(wav, { force: true });
  }
  return (await readFlacInfo(outFile)).durationSec;
}

/** Result of speaking within a duration range: the duration and the speed finally used. */
export interface SpokenClip {
  durationSec: number;
  speed: number;
}

/**
 * Speaks like `speak`, re-speaking faster or slower (within `speedRange`) until the clip lasts between
 * `range[0]` and `range[1]` seconds; returns null (and deletes the file) when no speed in range fits. `speakClip`
 * speaks one attempt (`speak` unless given).
 */
export async function speakWithin(text: string, params: SpeechParams, outFile: string, sampleRate: number,
  range: [number, number], speedRange: [number, number], speakClip: typeof speak = speak): Promise<SpokenClip | null> {
  let speed = params.speed;
  for (let attempt = 0; attempt < 4; attempt++) {
    const durationSec = await speakClip(text, { ...params, speed }, outFile, sampleRate);
    if (durationSec >= range[0] && durationSec <= range[1]) return { durationSec, speed };
    const target = durationSec > range[1] ? range[1] - 0.3 : range[0] + 0.3;
    const wanted = Math.round(speed * durationSec / target);
    const next = Math.min(speedRange[1], Math.max(speedRange[0], wanted));
    if (next === speed) break;
    speed = next;
  }
  await rm(outFile, { force: true });
  return null;
}
