/**
 * Silero VAD beside our speech detector (src/features/speech-detector.ts) on the same clips: speech kept on the demo
 * LID test split and on real recordings (per manifest source), non-speech rejected per generated kind
 * (scripts/vad/non-speech.ts) and on recorded sound effects (Tux Paint's stamp sounds: animals, instruments, tools,
 * vehicles; picked by folder and name, not by listening), and compute time per second of audio.
 *
 * Silero gives a probability per 32 ms frame; a clip is speech when the fraction of its frames at probability >= 0.5
 * exceeds a clip threshold. That threshold is chosen as our detector's were (scripts/vad/report.ts): on the tuning
 * material only — the demo LID *train* split and the non-speech clips of --tune-seed (1, the seed our thresholds were
 * set on) — as the one with the best balanced accuracy (frame-fraction.ts); the figures reported are on other clips
 * (the test split, the real recordings, non-speech of --seed, 2). A second Silero column takes Silero's own untuned
 * rule instead: speech when its frames at probability >= 0.5 last at least 250 ms (min_speech_duration_ms).
 *
 *   npx tsx scripts/vad/silero-compare.ts [--all | --limit N] [--model FILE] [--json] [--verbose]
 *       [--demo DIR (assets/demo/lid)] [--real DIR (/tmp/r16/real)] [--effects DIR (/usr/share/tuxpaint/stamps)]
 *       [--seed N (2)] [--tune-seed N (1)]
 *
 * By default each set (and each real source, each non-speech kind) is cut to --limit 4 evenly spaced clips, a quick
 * run; --all measures every clip. Silero is src/features/silero-detector.ts's (what `--vad silero` runs): the shipped v6
 * model by default, or --model FILE, another Silero ONNX file with v5/v6's inputs (e.g. silero_vad_v5.onnx from
 * @ricky0123/vad-web's dist folder; v4, "legacy", takes other inputs and is not run). The clip threshold it chooses
 * here is the one src/features/silero-detector.ts uses (SILERO_MIN_FRACTION) when the model is the shipped one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listAudioFiles, loadAudio } from '../../src/audio';
import { readManifest, splitFiles } from '../../src/datasets/manifest';
import { detectSpeech } from '../../src/features/speech-detector';
import { messageOf } from '../../src/util/errors';
import { loadSilero, SILERO_FRAME, SILERO_MIN_FRACTION, SILERO_MODEL, speechFrameCount } from '../../src/features/silero-detector';
import { chooseMinFraction, MIN_SPEECH_MS } from './frame-fraction';
import { nonSpeechClips } from './non-speech';

const RATE = 16000;
const args = process.argv.slice(2);
const valueOf = (flag: string, fallback: string) => {
  const at = args.indexOf(flag);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const json = args.includes('--json');
const verbose = args.includes('--verbose');
const limit = args.includes('--all') ? Infinity : Number(valueOf('--limit', '4'));
const modelPath = valueOf('--model', SILERO_MODEL);
const demoDir = valueOf('--demo', 'assets/demo/lid');
const realDir = valueOf('--real', '/tmp/r16/real');
const effectsDir = valueOf('--effects', '/usr/share/tuxpaint/stamps');
/** Folders of Tux Paint's stamps whose sounds are not voices (space, town and most seasonal stamps have some). */
const EFFECT_FOLDERS = ['animals', 'hobbies', 'household', 'vehicles', 'naturalforces', 'food', 'seasonal/newyears'];
const seed = Number(valueOf('--seed', '2'));
const tuneSeed = Number(valueOf('--tune-seed', '1'));
if (!(limit >= 1)) fail(`--limit must be a positive number, got ${valueOf('--limit', '')}`);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** `items` cut to `n` evenly spaced ones (all when n >= length). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

/** A clip to measure: where it is from (the group it is reported in) and its samples, or the file to load. */
interface Clip {
  group: string;
  name: string;
  file?: string;
  samples?: Float32Array;
}

/** Per clip: our decision and Silero's speech frames (fraction and count), with each one's compute time. */
interface Measured {
  group: string;
  name: string;
  seconds: number;
  kielo: boolean;
  kieloMs: number;
  sileroFraction: number;
  sileroFrames: number;
  sileroMs: number;
}

const silero = await loadSilero(modelPath).catch((error: unknown) => fail(messageOf(error)));

async function measure(clips: Clip[], label: string): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const [i, clip] of clips.entries()) {
    if (verbose && i % 50 === 0) console.error(`${label}: ${i}/${clips.length}`);
    let samples = clip.samples;
    if (!samples) {
      try {
        samples = (await loadAudio(clip.file!, { sampleRate: RATE })).samples;
      } catch (error) {
        console.error(`skipped ${clip.file}: ${messageOf(error)}`);
        continue;
      }
    }
    let t = performance.now();
    const kielo = detectSpeech(samples, RATE).speech;
    const kieloMs = performance.now() - t;
    t = performance.now();
    const probabilities = await silero.probabilities(samples);
    const sileroMs = performance.now() - t;
    const sileroFrames = speechFrameCount(probabilities);
    const sileroFraction = probabilities.length ? sileroFrames / probabilities.length : 0;
    out.push({ group: clip.group, name: clip.name, seconds: samples.length / RATE, kielo, kieloMs, sileroFraction, sileroFrames, sileroMs });
  }
  return out;
}

/** The demo set's files of one split (manifest column `split`), as clips of group `group`. */
async function demoSplit(split: string, group: string): Promise<Clip[]> {
  const manifest = await readManifest(demoDir, ['split']);
  if (!manifest) fail(`${demoDir}: no manifest.tsv with a file column (the demo LID set has one)`);
  const files = splitFiles(manifest, demoDir, split);
  if (files.length === 0) fail(`${manifest.path}: no rows with split ${split}`);
  return spread(files, limit).map((file) => ({ group, name: file, file }));
}

/** The real recordings, grouped by manifest column `source` when there is one. */
async function realClips(): Promise<Clip[]> {
  const manifest = await readManifest(realDir);
  const bySource = new Map<string, string[]>();
  if (manifest?.columns.includes('source')) {
    for (const r of manifest.rows.values()) bySource.set(r.source, [...(bySource.get(r.source) ?? []), join(realDir, r.file)]);
  } else {
    bySource.set('all', await listAudioFiles([realDir]));
  }
  return [...bySource].flatMap(([source, files]) => spread(files, limit).map((file) => ({ group: `real ${source}`, name: file, file })));
}

/** Tux Paint's stamp sounds under EFFECT_FOLDERS, less the spoken descriptions (*_desc*). */
async function effectClips(): Promise<Clip[]> {
  const dirs = EFFECT_FOLDERS.map((f) => join(effectsDir, f)).filter((d) => existsSync(d));
  const files = (await listAudioFiles(dirs)).filter((f) => !/_desc/.test(f));
  return spread(files, limit).map((file) => ({ group: 'sound effects (tuxpaint)', name: file, file }));
}

function nonSpeech(s: number): Clip[] {
  const byKind = new Map<string, Clip[]>();
  for (const c of nonSpeechClips(s)) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), { group: c.kind, name: c.name, samples: c.samples }]);
  return [...byKind.values()].flatMap((clips) => spread(clips, limit));
}

// tuning: the clip threshold for Silero
const tuneSpeech = await measure(await demoSplit('train', 'demo train split'), 'tuning speech');
const tuneNon = await measure(nonSpeech(tuneSeed), 'tuning non-speech');
const chosen = chooseMinFraction(
  tuneSpeech.map((m) => m.sileroFraction),
  tuneNon.map((m) => ({ kind: m.group, fraction: m.sileroFraction })),
);
const isSpeech = (m: Measured) => m.sileroFraction > chosen.minFraction;
const minFrames = Math.ceil((MIN_SPEECH_MS / 1000) * (RATE / SILERO_FRAME));
const isLongSpeech = (m: Measured) => m.sileroFrames >= minFrames;

// reported sets
const speechSets: Measured[][] = [await measure(await demoSplit('test', 'demo LID test split'), 'test split')];
if (existsSync(realDir)) {
  const real = await measure(await realClips(), 'real');
  speechSets.push(real.map((m) => ({ ...m, group: 'real (all sources)' })));
  const groups = [...new Set(real.map((m) => m.group))];
  for (const g of groups) speechSets.push(real.filter((m) => m.group === g));
} else console.error(`${realDir} not found: no real recordings measured`);
const non = await measure(nonSpeech(seed), 'non-speech');
const effects = existsSync(effectsDir) ? await measure(await effectClips(), 'sound effects') : [];
if (!effects.length) console.error(`${effectsDir}: no sound effects measured`);
const kinds = [...new Set(non.map((m) => m.group))];

interface Row {
  what: string;
  clips: number;
  kielo: number;
  silero: number;
  sileroLong: number;
  kieloMisses: string[];
  sileroMisses: string[];
}
const describe = (m: Measured) => `${m.name} (${m.sileroFrames} frames, ${(m.sileroFraction * 100).toFixed(0)}%)`;
const speechRow = (ms: Measured[]): Row => ({
  what: `speech kept: ${ms[0]?.group}`,
  clips: ms.length,
  kielo: ms.filter((m) => m.kielo).length / ms.length,
  silero: ms.filter(isSpeech).length / ms.length,
  sileroLong: ms.filter(isLongSpeech).length / ms.length,
  kieloMisses: ms.filter((m) => !m.kielo).map((m) => m.name),
  sileroMisses: ms.filter((m) => !isSpeech(m) || !isLongSpeech(m)).map(describe),
});
const nonRow = (kind: string, ms: Measured[]): Row => ({
  what: `non-speech rejected: ${kind}`,
  clips: ms.length,
  kielo: ms.filter((m) => !m.kielo).length / ms.length,
  silero: ms.filter((m) => !isSpeech(m)).length / ms.length,
  sileroLong: ms.filter((m) => !isLongSpeech(m)).length / ms.length,
  kieloMisses: ms.filter((m) => m.kielo).map((m) => m.name),
  sileroMisses: ms.filter((m) => isSpeech(m) || isLongSpeech(m)).map(describe),
});
const rows = [...speechSets.filter((s) => s.length).map(speechRow), ...kinds.map((k) => nonRow(k, non.filter((m) => m.group === k)))];
const nonRows = rows.filter((r) => r.what.startsWith('non-speech'));
const effectsRow = effects.length ? nonRow(effects[0].group, effects) : undefined;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const all = [...tuneSpeech, ...tuneNon, ...speechSets[0], ...speechSets.slice(1, 2).flat(), ...non, ...effects];
const audioSeconds = all.reduce((a, m) => a + m.seconds, 0);
const msPerSecond = { kielo: all.reduce((a, m) => a + m.kieloMs, 0) / audioSeconds, silero: all.reduce((a, m) => a + m.sileroMs, 0) / audioSeconds };

if (json) {
  console.log(JSON.stringify({ silero: { modelPath: silero.modelPath, frameProbability: 0.5, ...chosen, shippedMinFraction: SILERO_MIN_FRACTION }, limit, seed, tuneSeed, rows: [...rows, ...(effectsRow ? [effectsRow] : [])], minSpeechFrames: minFrames, meanNonSpeechRejection: { kielo: mean(nonRows.map((r) => r.kielo)), silero: mean(nonRows.map((r) => r.silero)), sileroLong: mean(nonRows.map((r) => r.sileroLong)) }, msPerSecondOfAudio: msPerSecond, audioSeconds }, null, 2));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`Silero (${silero.modelPath}): a clip is speech when more than ${pct(chosen.minFraction).trim()} of its 32 ms frames have probability >= 0.5`);
  console.log(`  (--vad silero uses ${pct(SILERO_MIN_FRACTION).trim()}${modelPath === SILERO_MODEL ? '' : ' with the shipped model'})`);
  console.log(`  (chosen on the demo train split (${tuneSpeech.length} clips) and non-speech seed ${tuneSeed} (${tuneNon.length} clips): recall ${pct(chosen.recall).trim()}, mean rejection ${pct(chosen.rejection).trim()})`);
  console.log(`  silero>=${MIN_SPEECH_MS}ms: Silero's own rule, speech when at least ${minFrames} frames (${minFrames * 32} ms) have probability >= 0.5 (untuned)`);
  console.log(`${'figure'.padEnd(46)} ${'clips'.padStart(5)}   kielo  silero  silero>=${MIN_SPEECH_MS}ms`);
  const print = (r: Row) => {
    console.log(`${r.what.padEnd(46)} ${String(r.clips).padStart(5)} ${pct(r.kielo)} ${pct(r.silero)} ${pct(r.sileroLong)}`);
    if (verbose) {
      for (const m of r.kieloMisses) console.log(`    kielo wrong: ${m}`);
      for (const m of r.sileroMisses) console.log(`    silero wrong (one rule or both): ${m}`);
    }
  };
  rows.forEach(print);
  const meanOf = (key: 'kielo' | 'silero' | 'sileroLong') => pct(mean(nonRows.map((r) => r[key])));
  console.log(`${'non-speech rejected: mean of generated kinds'.padEnd(46)} ${String(non.length).padStart(5)} ${meanOf('kielo')} ${meanOf('silero')} ${meanOf('sileroLong')}`);
  if (effectsRow) print(effectsRow);
  console.log(`${'compute ms per second of audio'.padEnd(46)} ${audioSeconds.toFixed(0).padStart(5)}s ${msPerSecond.kielo.toFixed(2).padStart(6)} ${msPerSecond.silero.toFixed(2).padStart(7)}`);
  // how the choice of clip threshold trades speech kept against non-speech rejected on the reported sets (for reading
  // only: choosing from this table would tune on the test material)
  const realAll = speechSets.find((set) => set[0]?.group === 'real (all sources)') ?? [];
  const keptAt = (ms: Measured[], t: number) => (ms.length ? pct(ms.filter((m) => m.sileroFraction > t).length / ms.length) : '      -');
  const rejectedAt = (ms: Measured[], t: number) => (ms.length ? pct(ms.filter((m) => m.sileroFraction <= t).length / ms.length) : '      -');
  console.log('Silero clip threshold against the reported sets (read only; the threshold used above is the tuned one):');
  console.log(`  ${'more than'.padEnd(10)} ${'test split'.padStart(10)} ${'real'.padStart(7)} ${'generated (mean)'.padStart(16)} ${'effects'.padStart(7)}`);
  for (const t of [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]) {
    const generated = mean(kinds.map((k) => non.filter((m) => m.group === k && m.sileroFraction <= t).length / non.filter((m) => m.group === k).length));
    console.log(`  ${pct(t).trim().padEnd(10)} ${keptAt(speechSets[0], t).padStart(10)} ${keptAt(realAll, t)} ${pct(generated).padStart(16)} ${rejectedAt(effects, t)}`);
  }
}
