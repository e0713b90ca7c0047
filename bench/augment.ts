/**
 * bench/augment: cost of each training-time augmentation transform per 2 s clip at 16 kHz (one thread), against
 * the basic chain that ran before them (speed perturbation, gain and noise, each applied) measured in the same
 * run, and the expected cost per clip of each preset (each transform's cost times its probability), to set beside
 * the training step the prefetch thread must keep up with (bench/train-lid; a batch of 32 2 s crops).
 * The clip is a seeded vowel-like signal (a 120 Hz pulse train through two formant resonators, plus a little
 * noise); these transforms' cost does not depend on the content.
 * Also the GSM-like codec's cost and segmental SNR on a demo speech clip (beside mu-law's).
 * Run: npx tsx bench/augment.ts [--clips N] [--seconds S]
 */
import { parseArgs } from 'node:util';
import {
  addNoise, applyGain, AUGMENT_PRESETS, augmentLine, augmentVoiceRoomMic, codecRoundTrip, defaultFeatureSpec, extractFeatures, pitchShift,
  randomEq, reverberate, specAugment, speedPerturb, telephone, vtlp, type AugmentConfig,
} from '../src/features';
import { loadAudio } from '../src/audio';
import { biquad, filterInPlace, gsmLikeRoundTrip } from '../src/features/augment';
import { gaussian, makeRng, type Rng } from '../src/util/random';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { clips: { type: 'string', default: '40' }, seconds: { type: 'string', default: '2' } } });
const clips = Number(values.clips);
const seconds = Number(values.seconds);
if (!Number.isInteger(clips) || clips < 1 || !(seconds > 0)) {
  console.error(`bench/augment: --clips must be an integer >= 1 and --seconds > 0, got '${values.clips}', '${values.seconds}'`);
  process.exit(2);
}
const rate = 16000;

function vowel(s: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const x = new Float32Array(Math.round(s * rate));
  for (let i = 0; i < x.length; i += rate / 120) x[Math.floor(i)] = 1;
  for (let i = 0; i < x.length; i++) x[i] += 0.01 * gaussian(rng);
  filterInPlace(x, [biquad('peaking', 700, rate, 4, 20), biquad('peaking', 1800, rate, 4, 15), biquad('lowpass', 4000, rate)]);
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  return x.map((v) => (0.5 * v) / peak);
}

const x = vowel(seconds, 1);
/** Milliseconds per clip: the best of 3 rounds of `clips` calls, after one warm-up round. */
function msPerClip(fn: (rng: Rng) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 4; round++) {
    const rng = makeRng(round);
    const start = performance.now();
    for (let i = 0; i < clips; i++) fn(rng);
    if (round > 0) best = Math.min(best, (performance.now() - start) / clips);
  }
  return best;
}

const basicChain = (rng: Rng) => addNoise(applyGain(speedPerturb(x, 0.9 + 0.2 * rng()), 3), 20, rng);
const reference = { name: 'basic chain (speed + gain + noise)', value: msPerClip(basicChain) };
const mfcc = defaultFeatureSpec('mfcc');
const mfccMatrix = extractFeatures(x, mfcc);

console.log(await machineLine());
console.log(`per ${seconds} s clip, best of 3 rounds of ${clips} clips; ratio = this cost / the reference's cost`);
const transforms: [string, (rng: Rng) => unknown][] = [
  ['vtlp (formant warp 1.1)', () => vtlp(x, 1.1)],
  ['pitch shift (+2 semitones: speed + vtlp)', () => pitchShift(x, 2)],
  ['reverb (RT60 0.7 s, FFT convolution)', (rng) => reverberate(x, 0.7, 6, rng)],
  ['reverb (RT60 0.2 s)', (rng) => reverberate(x, 0.2, 6, rng)],
  ['random EQ (3 biquads)', (rng) => randomEq(x, rng, 3, 6)],
  ['telephone band (300-3400 Hz)', () => telephone(x)],
  ['telephone band + mu-law at 8 kHz', () => telephone(x, 'mu-law')],
  ['telephone band + GSM-like at 8 kHz', () => telephone(x, 'gsm-like')],
  ['mu-law codec alone (16 kHz)', () => codecRoundTrip(x, 'mu-law')],
  ['SpecAugment masks (MFCC + deltas)', (rng) => specAugment({ ...mfccMatrix, data: mfccMatrix.data.slice() }, AUGMENT_PRESETS['voice-channel'].specAugment, rng)],
  ['for scale: MFCC + deltas + CMVN features', () => extractFeatures(x, mfcc)],
];
const cost = new Map<string, number>();
for (const [name, fn] of transforms) {
  const value = msPerClip(fn);
  cost.set(name, value);
  reportFigure({ name, value, unit: 'ms', reference });
}
reportFigure({ name: reference.name, value: reference.value, unit: 'ms' });

/** Segmental SNR (mean over 20 ms frames with signal, each clamped to -10..35 dB) of a codec's round trip. */
function segmentalSnrDb(s: Float32Array, y: Float32Array): number {
  const snrs: number[] = [];
  for (let at = 0; at + 160 <= s.length; at += 160) {
    let signal = 0;
    let noise = 0;
    for (let i = at; i < at + 160; i++) {
      signal += s[i] ** 2;
      noise += (s[i] - y[i]) ** 2;
    }
    if (signal >= 1e-5 * 160) snrs.push(Math.max(-10, Math.min(35, 10 * Math.log10(signal / noise))));
  }
  return snrs.reduce((sum, v) => sum + v, 0) / snrs.length;
}
const demoClip = 'assets/demo/lid/en/en001-Michael.flac';
const speech = (await loadAudio(demoClip, { sampleRate: 8000 })).samples;
const speechMs = msPerClip(() => gsmLikeRoundTrip(speech));
reportFigure({ name: `GSM-like codec alone on ${demoClip} at 8 kHz (${(speech.length / 8000).toFixed(2)} s)`, value: speechMs, unit: 'ms' });
reportFigure({ name: 'GSM-like codec, segmental SNR on that clip', value: segmentalSnrDb(speech, gsmLikeRoundTrip(speech)), unit: 'dB' });
reportFigure({ name: 'mu-law codec, segmental SNR on that clip', value: segmentalSnrDb(speech, codecRoundTrip(speech, 'mu-law')), unit: 'dB' });

/** The full waveform chain of a preset as readCrop runs it (speed, voice/room/mic, gain, noise, line). */
function presetChain(c: AugmentConfig): (rng: Rng) => unknown {
  return (rng) => {
    let y = c.speedProb > 0 && rng() < c.speedProb ? speedPerturb(x, c.speed[0] + rng() * (c.speed[1] - c.speed[0])) : x;
    y = augmentVoiceRoomMic(y, c, rng);
    if (c.gainDb > 0) y = applyGain(y, (rng() * 2 - 1) * c.gainDb);
    if (c.noiseProb > 0 && rng() < c.noiseProb) y = addNoise(y, 20, rng);
    return augmentLine(y, c, rng);
  };
}
const basicPreset = { name: "preset 'basic'", value: msPerClip(presetChain(AUGMENT_PRESETS.basic)) };
reportFigure({ name: `${basicPreset.name}, mean per clip`, value: basicPreset.value, unit: 'ms' });
reportFigure({
  name: "preset 'voice-channel', mean per clip (waveform)", value: msPerClip(presetChain(AUGMENT_PRESETS['voice-channel'])), unit: 'ms',
  reference: basicPreset,
});
