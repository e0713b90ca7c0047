/**
 * Fréchet distance of generated log-mel patches from real ones in the embedding of a Kielo LID model (the FAD idea
 * with our own embedding): every patch, real or generated, is made audible by the same Griffin-Lim (so the vocoder's
 * own distortion is on both sides), and embedded by the LID model's 'embedding' layer (after statistics pooling).
 * The floor is the distance between two disjoint halves of the real patches (same count as each generated set).
 * Run: npx tsx scripts/generative/frechet-distance.ts --vae MODEL [--gan MODEL] [--lid assets/demo/models/lid]
 *      [--data assets/demo/lid] [--n 200] [--out fad.json]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { listAudioFiles, loadAudio } from '../../src/audio';
import { featureBatch, fitLength } from '../../src/datasets';
import { initEngine, tf } from '../../src/engine';
import { griffinLimVocoder } from '../../src/features/griffin-lim';
import { extractPatches, frechetDistance, generativeFeatureSpec, loadGenerative, logMelOf, samplePatches } from '../../src/models/generative';
import { loadLid, type LoadedLid } from '../../src/train/lid-infer';
import { makeRng } from '../../src/util/random';

const { values } = parseArgs({
  options: {
    vae: { type: 'string' },
    gan: { type: 'string' },
    lid: { type: 'string', default: 'assets/demo/models/lid' },
    data: { type: 'string', default: 'assets/demo/lid' },
    n: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const n = Number(values.n);
const seed = Number(values.seed);
const spec = generativeFeatureSpec();
const frames = 32;
const d = frames * spec.nMels;
const vocoder = griffinLimVocoder();
const started = performance.now();

await initEngine();
const lid = await loadLid(values.lid);
const embedder = tf.model({ inputs: lid.model.inputs, outputs: lid.model.getLayer('embedding').output as tf.SymbolicTensor });
const dims = (embedder.outputs[0].shape as number[])[1];

/** LID embeddings [count x dims] of log-mel patches [count x D], each vocoded by Griffin-Lim. */
function embed(l: LoadedLid, patches: Float32Array): Float32Array {
  const count = patches.length / d;
  const clips = Array.from({ length: count }, (_, i) => {
    const audio = vocoder.vocode({ data: patches.subarray(i * d, (i + 1) * d), frames, dims: spec.nMels }, spec);
    return audio.length >= l.minSamples ? audio : fitLength(audio, l.minSamples);
  });
  const out = new Float32Array(count * dims);
  for (let start = 0; start < count; start += 32) {
    const part = clips.slice(start, start + 32);
    const b = featureBatch(part, part.map(() => 0), l.spec);
    out.set(tf.tidy(() => (embedder.predict(tf.tensor3d(b.data, [b.batch, b.frames, b.dims])) as tf.Tensor).dataSync()), start * dims);
  }
  return out;
}

// 2n real patches drawn (seeded) from every file of the data folder, split into two disjoint halves
const files = await listAudioFiles([values.data]);
const pool: Float32Array[] = [];
for (const file of files) {
  const m = logMelOf((await loadAudio(file)).samples, spec);
  const { data, count } = extractPatches(m, { frames, hop: frames });
  for (let i = 0; i < count; i++) pool.push(data.subarray(i * d, (i + 1) * d));
}
const rng = makeRng(seed);
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(rng() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}
if (pool.length < 2 * n) throw new Error(`${values.data} has ${pool.length} patches, fewer than 2 x --n ${n}`);
const halves = [0, 1].map((h) => {
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) x.set(pool[h * n + i], i * d);
  return x;
});
const [realA, realB] = halves.map((h) => embed(lid, h));
const result: Record<string, number | string> = { lid: values.lid, data: values.data, n, realPatches: pool.length, floor: frechetDistance(realA, realB, dims) };
console.log(`LID embedding: ${values.lid} layer 'embedding' (${dims} numbers); ${n} patches per set, each vocoded by ${vocoder.name}`);
console.log(`real vs real (split halves, the floor): ${(result.floor as number).toFixed(2)}`);
for (const kind of ['vae', 'gan'] as const) {
  const dir = values[kind];
  if (!dir) continue;
  const model = await loadGenerative(dir, [kind]);
  const generated = embed(lid, samplePatches(model.net, n, seed + 7));
  model.net.dispose();
  result[kind] = frechetDistance(generated, realA, dims);
  result[`${kind}Model`] = dir;
  console.log(`${kind.toUpperCase()} samples vs real: ${(result[kind] as number).toFixed(2)} (${((result[kind] as number) / (result.floor as number)).toFixed(1)}x the floor)`);
}
result.seconds = Math.round((performance.now() - started) / 1000);
if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
