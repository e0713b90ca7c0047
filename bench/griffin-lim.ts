/**
 * Griffin-Lim speed and fidelity on one core: the demo corpus's speech (log-mel, 40 bands) back to audio with
 * src/features/griffin-lim.ts at 32 iterations (and the other counts given), reported as x real time by CPU time and
 * wall clock, with the log-mel extraction of the same audio measured in the same run as the reference, and the
 * distortion (RMS dB difference of the log-mel of the output and of the original, 60 dB floor) beside the
 * reference figure in ../shared/FINDINGS.md (PyTorch-side Griffin-Lim, 32 iterations from the same 40-band mel: 4.4 dB).
 * Run: npx tsx bench/griffin-lim.ts [--files 6] [--iterations 32,64]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAudio } from '../src/audio';
import { defaultFeatureSpec, extractFeatures } from '../src/features';
import { griffinLimVocoder } from '../src/features/griffin-lim';
import { logMelDistanceDb } from '../src/features/mel-distance';
import { machineLine, reportFigure, timeWallAndCpu } from './lib/report';

const { values } = parseArgs({ options: { files: { type: 'string', default: '6' }, iterations: { type: 'string', default: '32' } } });
const spec = defaultFeatureSpec('logmel');
const root = new URL('../assets/demo/lid/', import.meta.url).pathname;
const files = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().flatMap((lang) => readdirSync(join(root, lang)).sort().slice(0, 2).map((f) => join(root, lang, f)))
  .filter((f) => /\.(flac|wav)$/.test(f)).slice(0, Number(values.files));
const clips = await Promise.all(files.map(async (f) => (await loadAudio(f)).samples));
const seconds = clips.reduce((a, c) => a + c.length, 0) / spec.sampleRate;

console.log(await machineLine());
console.log(`${clips.length} demo files (${seconds.toFixed(1)} s of espeak-ng speech, assets/demo/lid)`);
for (const c of clips.slice(0, 1)) griffinLimVocoder({ iterations: 4 }).vocode(extractFeatures(c, spec), spec); // warm up
const mels = clips.map((c) => extractFeatures(c, spec));
const analysis = timeWallAndCpu(() => clips.forEach((c) => extractFeatures(c, spec)));
for (const iterations of values.iterations.split(',').map(Number)) {
  const vocoder = griffinLimVocoder({ iterations });
  let outputs: Float32Array[] = [];
  const t = timeWallAndCpu(() => (outputs = mels.map((m) => vocoder.vocode(m, spec))));
  const distortion = mels.reduce((sum, m, i) => sum + logMelDistanceDb(m, extractFeatures(outputs[i], spec)), 0) / mels.length;
  for (const clock of ['cpu', 'wall'] as const) {
    reportFigure({
      name: `${vocoder.name} [${clock}]`, value: seconds / t[clock], unit: 'x real time',
      reference: { name: 'log-mel extraction of the same audio', value: seconds / analysis[clock] },
    });
  }
  reportFigure({ name: `${vocoder.name} log-mel distortion`, value: distortion, unit: 'dB', reference: { name: 'FINDINGS 32 it from 40-band mel', value: 4.4 }, higherIsBetter: false });
}
console.log('target: faster than real time on one core (the [cpu] figure > 1)');
