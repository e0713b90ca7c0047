/**
 * Fits a unit prior (src/models/unit-prior: k-means units of log-mel frames and a bigram over them) to a folder of
 * speech, at a vocoder's log-mel front end, so `kielo generate --model VOCODER --mel-from-prior PRIOR` can babble.
 * Leading and trailing silence is trimmed (frame RMS under --silence-threshold, as kielo train wavenet does): the
 * pauses inside utterances stay, part of the rhythm the bigram learns. Files the decoder refuses are reported and
 * left out.
 * With --split S, the files are the rows of DIR/manifest.tsv whose split column is S (e.g. the demo corpus's train
 * split, the files the demo vocoder trained on); otherwise every audio file under DIR.
 * Run: npx tsx scripts/generative/unit-prior.ts --data DIR --vocoder MODEL --out PRIOR [--split S] [--units 64]
 *      [--iterations 20] [--seed 1] [--silence-threshold 0.002]
 */
import { parseArgs } from 'node:util';
import { listAudioFiles, loadAudio } from '../../src/audio';
import { extractFeatures, type FeatureMatrix } from '../../src/features';
import { trimSilence } from '../../src/datasets/waveform-trim';
import { fitUnitPrior, saveUnitPrior } from '../../src/models/unit-prior';
import { loadWavenet } from '../../src/models/wavenet';
import { vocoderMelSpec } from '../../src/generate/vocoder';
import { messageOf } from '../../src/util/errors';
import { readManifest, splitFiles } from '../../src/datasets/manifest';

/** The files of DIR/manifest.tsv's rows whose split is `split`. */
async function filesOfSplit(dir: string, split: string): Promise<string[]> {
  const manifest = await readManifest(dir, ['split']);
  if (!manifest) throw new Error(`${dir}: --split needs a manifest.tsv with a split column`);
  const files = splitFiles(manifest, dir, split);
  if (!files.length) throw new Error(`${manifest.path}: no rows with split '${split}'`);
  return files;
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    vocoder: { type: 'string' },
    out: { type: 'string' },
    units: { type: 'string', default: '64' },
    iterations: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'silence-threshold': { type: 'string', default: '0.002' },
    split: { type: 'string' },
  },
});
if (!values.data || !values.vocoder || !values.out) {
  console.error('usage: npx tsx scripts/generative/unit-prior.ts --data DIR --vocoder MODEL --out PRIOR [--units 64] [--iterations 20] [--seed 1]');
  process.exit(2);
}
const started = performance.now();
const vocoder = await loadWavenet(values.vocoder);
const spec = { ...vocoderMelSpec(vocoder.config, values.vocoder), cmvn: 'none' as const };
const files = values.split === undefined ? await listAudioFiles([values.data]) : await filesOfSplit(values.data, values.split);
const utterances: FeatureMatrix[] = [];
for (const file of files) {
  try {
    const audio = await loadAudio(file, { sampleRate: spec.sampleRate });
    const speech = trimSilence(audio.samples, { threshold: Number(values['silence-threshold']) });
    if (speech.length < spec.sampleRate * 0.1) throw new Error('under 0.1 s above the silence threshold');
    utterances.push(extractFeatures(speech, spec));
  } catch (error) {
    console.error(`${file}: ${messageOf(error)} (left out)`);
  }
}
const options = { units: Number(values.units), iterations: Number(values.iterations), seed: Number(values.seed) };
const prior = fitUnitPrior(utterances, options);
const frames = utterances.reduce((n, u) => n + u.frames, 0);
const seconds = (performance.now() - started) / 1000;
await saveUnitPrior(values.out, prior, spec, {
  files: utterances.length, frames, units: prior.units, seconds: Math.round(seconds * 10) / 10, engine: 'none',
  data: values.data, recipe: `npx tsx scripts/generative/unit-prior.ts --data ${values.data} --vocoder ${values.vocoder} --out ${values.out}${values.split === undefined ? '' : ` --split ${values.split}`} --units ${options.units} --iterations ${options.iterations} --seed ${options.seed} --silence-threshold ${values['silence-threshold']}`,
});
console.log(`${values.out}: ${prior.units} units from ${frames} frames of ${utterances.length} files in ${seconds.toFixed(1)} s`);
