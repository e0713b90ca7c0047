/**
 * How close a WaveNet vocoder's resynthesis is to the original, against Griffin-Lim from the same log-mel, on files
 * the vocoder never trained on: per file and mean ± std of log-spectral distance and mel-cepstral distortion (dB,
 * src/metrics/spectral-distortion.ts), and the real-time factor of each (seconds of computing per second of audio).
 * The mu-law round trip of each original (its classes decoded, no model) is the floor a mu-law WaveNet can reach.
 * Files: the rows of DATA/manifest.tsv whose split column is --split (default: the demo LID corpus's test split;
 * the demo vocoder trains on its train split), or every audio file under --data when it has no manifest. A file
 * whose name is in the vocoder's training folder (kielo.json notes.data, when it is on this machine) is skipped.
 * The default run takes --limit 6 files spread over the set (about half a minute); --limit 0 takes them all.
 * Run: npx tsx scripts/generative/vocoder-distortion.ts [--model assets/demo/models/vocoder] [--data assets/demo/lid]
 *      [--split test] [--limit 6] [--seed 1] [--out vocoder-distortion.json]
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { listAudioFiles, loadAudio } from '../../src/audio';
import { readManifest, splitFiles } from '../../src/datasets/manifest';
import { resynthesize, type ResynthesisTake } from '../../src/generate/resynthesis';
import { spectralDistortion, type Distortion } from '../../src/metrics/spectral-distortion';
import { vocoderMelSpec } from '../../src/generate/vocoder';
import { loadWavenet, mulawEncode, mulawTable } from '../../src/models/wavenet';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/demo/models/vocoder' },
    data: { type: 'string', default: 'assets/demo/lid' },
    split: { type: 'string', default: 'test' },
    limit: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const limit = Number(values.limit);
const seed = Number(values.seed);
if (!Number.isInteger(limit) || limit < 0) throw new Error(`--limit must be an integer >= 0, got ${values.limit}`);

const weights = await loadWavenet(values.model);
vocoderMelSpec(weights.config, values.model);
const trainedOn = weights.metadata.notes?.data;
const trainNames = typeof trainedOn === 'string' && existsSync(trainedOn) ? new Set((await readdir(trainedOn, { recursive: true })).map((f) => basename(String(f)))) : new Set<string>();

/** The evaluation files: the manifest's split, else every audio file; minus those the vocoder trained on. */
async function evaluationFiles(): Promise<string[]> {
  const manifest = await readManifest(values.data, ['split']);
  const all = manifest
    ? splitFiles(manifest, values.data, values.split)
    : await listAudioFiles([values.data]);
  if (!all.length) throw new Error(`${values.data}: no files${manifest ? ` with split '${values.split}' in ${manifest.path}` : ''}`);
  const unseen = all.filter((f) => !trainNames.has(basename(f)));
  if (unseen.length < all.length) console.error(`skipped ${all.length - unseen.length} files whose names are in the vocoder's training folder ${trainedOn}`);
  if (!limit || limit >= unseen.length) return unseen;
  // spread over the set (it is sorted by language), not its first few
  return Array.from({ length: limit }, (_, i) => unseen[Math.floor((i * unseen.length) / limit)]);
}

interface Row {
  file: string;
  seconds: number;
  wavenet: Omit<ResynthesisTake, 'samples'>;
  griffinLim: Omit<ResynthesisTake, 'samples'>;
  /** The original through mu-law coding at the vocoder's classes and back. */
  mulaw: Distortion;
}

/** `samples` mu-law coded at `classes` and decoded. */
function mulawRoundTrip(samples: Float32Array, classes: number): Float32Array {
  const table = mulawTable(classes);
  return Float32Array.from(mulawEncode(samples, classes), (k) => table[k]);
}

const rows: Row[] = [];
const files = await evaluationFiles();
const figures = ({ samples: _s, ...rest }: ResynthesisTake) => rest;
console.log(`${values.model} (epochs ${weights.metadata.metrics?.epochs ?? '?'}, validation ${Number(weights.metadata.metrics?.valBitsPerSample ?? NaN).toFixed(3)} bits/sample) on ${files.length} files of ${values.data} (${values.split}), seed ${seed}`);
console.log(['file'.padEnd(34), 'sec', 'WaveNet LSD', 'MCD', 'level', 'RTF', 'Griffin-Lim LSD', 'MCD', 'level', 'RTF', 'mu-law LSD', 'MCD'].join('\t'));
for (const file of files) {
  const { samples } = await loadAudio(file, { sampleRate: weights.config.sampleRate });
  const r = await resynthesize(weights, samples, { seed, model: values.model });
  const mulaw = spectralDistortion(samples, mulawRoundTrip(samples, weights.config.classes), weights.config.sampleRate);
  const row: Row = { file, seconds: r.duration, wavenet: figures(r.wavenet), griffinLim: figures(r.griffinLim!), mulaw };
  rows.push(row);
  const t = (x: Row['wavenet']) => [x.lsdDb.toFixed(2), x.mcdDb.toFixed(2), x.levelDb.toFixed(1), x.realTimeFactor.toFixed(2)];
  console.log([basename(file).padEnd(34), r.duration.toFixed(2), ...t(row.wavenet), ...t(row.griffinLim), mulaw.lsdDb.toFixed(2), mulaw.mcdDb.toFixed(2)].join('\t'));
}

/** Mean and (population) standard deviation. */
function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
}
const summary = {
  ...(Object.fromEntries(
    (['wavenet', 'griffinLim'] as const).map((k) => [k, Object.fromEntries((['lsdDb', 'mcdDb', 'levelDb', 'realTimeFactor'] as const).map((f) => [f, meanStd(rows.map((r) => r[k][f]))]))]),
  ) as Record<'wavenet' | 'griffinLim', Record<'lsdDb' | 'mcdDb' | 'levelDb' | 'realTimeFactor', { mean: number; std: number }>>),
  mulaw: { lsdDb: meanStd(rows.map((r) => r.mulaw.lsdDb)), mcdDb: meanStd(rows.map((r) => r.mulaw.mcdDb)) },
};
const pm = (x: { mean: number; std: number }) => `${x.mean.toFixed(2)} ± ${x.std.toFixed(2)}`;
console.log(`\nmean ± std over ${rows.length} files     LSD (dB)          MCD (dB)          level (dB)        real-time factor`);
const line = (x: (typeof summary)['wavenet']) => `${pm(x.lsdDb).padEnd(18)}${pm(x.mcdDb).padEnd(18)}${pm(x.levelDb).padEnd(18)}${pm(x.realTimeFactor)}`;
console.log(`WaveNet vocoder                     ${line(summary.wavenet)}`);
console.log(`Griffin-Lim (32 it)                 ${line(summary.griffinLim)}`);
console.log(`mu-law ${weights.config.classes} round trip (no model)    ${pm(summary.mulaw.lsdDb).padEnd(18)}${pm(summary.mulaw.mcdDb)}`);
if (values.out) {
  await writeFile(values.out, JSON.stringify({ model: values.model, metrics: weights.metadata.metrics ?? null, data: values.data, split: values.split, seed, files: rows, summary }, null, 2) + '\n');
  console.log(`wrote ${values.out}`);
}
