/**
 * The compression curve: autoencoders with codes of k = 2, 4, 8, 16, 32 numbers per patch, the codes quantised to b
 * bits, bits per second (one patch every 32 frames, no overlap) against the reconstruction error in dB (RMS log-mel
 * difference, 60 dB floor) on the held-out files of the recipe's own split; beside it the classical line at the same
 * bits per second: each patch's 2-D DCT (MFCC over the bands, DCT over time) truncated to its k lowest-order
 * coefficients, quantised the same way. Prints a table and writes JSON.
 * Run: npx tsx scripts/generative/compression-curve.ts [--data assets/demo/lid] [--models DIR] [--out curve.json]
 *      [--codes 2,4,8,16,32] [--bits 4,8] [--epochs 5] [--hidden 64] [--hop 32]   (trained models in --models are reused;
 *      --hop: frames between training patches)
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initEngine } from '../../src/engine';
import { defaultWaveformCorpusOptions, loadWaveformCorpus } from '../../src/datasets/waveform';
import { logMelDistanceDb } from '../../src/features/mel-distance';
import {
  bitsPerSecond, dctCodes, decodeCodes, encodePatches, extractPatches, fromDctCodes, generativeFeatureSpec, loadGenerative,
  logMelOf, lowOrderIndices, overlapAddPatches, patchSamples, quantise, rangesOf,
} from '../../src/models/generative';
import { defaultTrainGenerativeOptions, trainGenerative } from '../../src/train/generative';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'assets/demo/lid' },
    models: { type: 'string', default: 'test-artifacts/compression-curve' },
    out: { type: 'string', default: 'test-artifacts/compression-curve/curve.json' },
    codes: { type: 'string', default: '2,4,8,16,32' },
    bits: { type: 'string', default: '4,8' },
    epochs: { type: 'string', default: '5' },
    hidden: { type: 'string', default: '64' },
    hop: { type: 'string', default: '32' },
  },
});
const codes = values.codes.split(',').map(Number);
const bitsList = values.bits.split(',').map(Number);
const hidden = values.hidden.split(',').map(Number);
const spec = generativeFeatureSpec();
const frames = defaultTrainGenerativeOptions.ae.patchFrames;
const coding = { frames, hop: frames };

await initEngine();
const started = performance.now();
for (const k of codes) {
  const out = join(values.models, `ae-k${k}`);
  if (existsSync(out)) continue;
  const t = performance.now();
  const r = await trainGenerative('ae', { data: values.data, out, code: k, hidden, epochs: Number(values.epochs), hop: Number(values.hop) });
  console.error(`trained k=${k}: ${r.epochs} epochs, held-out reconstruction ${r.valReconstructionDb?.toFixed(2)} dB, ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

// the recipe's split (same options), so the held-out files are files no autoencoder trained on
const corpus = await loadWaveformCorpus(values.data, { validationEvery: Math.round(1 / defaultTrainGenerativeOptions.ae.valFraction), minSamples: 1 });
const long = (c: { samples: Float32Array }) => c.samples.length >= patchSamples(coding, spec);
const heldOut = corpus.validation.filter(long).map((c) => ({ file: c.file, mel: logMelOf(c.samples, spec) }));
const trainMels = corpus.train.filter(long).map((c) => logMelOf(c.samples, spec));
const trainPatches = (() => {
  const parts = trainMels.map((m) => extractPatches(m, coding).data);
  const all = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
})();

/** Mean held-out distance (dB) when each file's patches go through `roundTrip`. */
function heldOutDb(roundTrip: (patches: Float32Array) => Float32Array): number {
  let sum = 0;
  for (const { mel } of heldOut) {
    const { data, starts } = extractPatches(mel, coding);
    sum += logMelDistanceDb(mel, overlapAddPatches(roundTrip(data), starts, coding, spec.nMels, mel.frames));
  }
  return sum / heldOut.length;
}

const rows: { k: number; bits: number; bitsPerSecond: number; autoencoderDb: number; autoencoderFloatDb: number; dctDb: number }[] = [];
for (const k of codes) {
  const model = await loadGenerative(join(values.models, `ae-k${k}`), ['ae']);
  const aeRange = rangesOf(encodePatches(model.net, trainPatches), k);
  const indices = lowOrderIndices(frames, spec.nMels, k);
  const dctRange = rangesOf(dctCodes(trainPatches, frames, spec.nMels, indices), k);
  const autoencoderFloatDb = heldOutDb((p) => decodeCodes(model.net, encodePatches(model.net, p)));
  for (const bits of bitsList) {
    rows.push({
      k, bits, bitsPerSecond: bitsPerSecond(k, bits, frames, spec.hopMs), autoencoderFloatDb,
      autoencoderDb: heldOutDb((p) => decodeCodes(model.net, quantise(encodePatches(model.net, p), aeRange, bits))),
      dctDb: heldOutDb((p) => fromDctCodes(quantise(dctCodes(p, frames, spec.nMels, indices), dctRange, bits), frames, spec.nMels, indices)),
    });
  }
  model.net.dispose();
}
rows.sort((a, b) => a.bits - b.bits || a.k - b.k);
console.log(`held-out files: ${heldOut.length} of ${values.data} (the recipe's validation split); patches of ${frames} frames, one every ${frames} frames (${(frames * spec.hopMs) / 1000} s)`);
console.log('k   bits  bits/s   autoencoder dB  (unquantised)  2-D DCT (MFCC) dB');
for (const r of rows) console.log(`${String(r.k).padEnd(4)}${String(r.bits).padEnd(6)}${r.bitsPerSecond.toFixed(0).padStart(6)}   ${r.autoencoderDb.toFixed(2).padStart(14)}  ${r.autoencoderFloatDb.toFixed(2).padStart(13)}  ${r.dctDb.toFixed(2).padStart(17)}`);
const json = {
  data: values.data, heldOutFiles: heldOut.length, patchFrames: frames, hidden, epochs: Number(values.epochs), trainingHop: Number(values.hop),
  silenceThreshold: defaultWaveformCorpusOptions.silenceThreshold, seconds: Math.round((performance.now() - started) / 1000), rows,
};
await writeFile(values.out, JSON.stringify(json, null, 2));
console.log(`wrote ${values.out}`);
