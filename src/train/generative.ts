/**
 * The autoencoder, VAE and GAN recipes in the shape every recipe has: a folder of audio (DIR/<label>/** gives the
 * files labels, which only the studio's latent map uses) -> silence-trimmed clips split by file -> log-mel patches
 * (normalised per band on the training patches) -> fitGenerative (generative-fit.ts) -> a saved model
 * (src/models/generative/files.ts) with its curves. Files shorter than one patch are 'skipped' events.
 */
import { initEngine } from '../engine';
import { defaultWaveformCorpusOptions, loadWaveformCorpus, type WaveformClip } from '../datasets/waveform';
import { logMelDistanceDb } from '../features/mel-distance';
import {
  defaultGenerativeConfig, extractPatches, generativeFeatureSpec, KIND_NAMES, logMelOf, measureNorm, normalise, patchSamples,
  reconstructLogMel, saveGenerative, type GenerativeConfig, type GenerativeKind,
} from '../models/generative';
import { InputFileError, UsageError } from '../util/errors';
import { fitGenerative } from './generative-fit';
import { loopConfigOf, recipeRecord, withDefaults, type Recipe, type RecipeDefaults, type RecipeHooks, type RecipeOptions } from './recipe';

/** Options of an AE, VAE or GAN training run: the shared recipe options plus the model's own. */
export interface TrainGenerativeOptions extends RecipeOptions {
  /** Numbers per code (AE bottleneck, VAE latent, GAN noise); integer 1..1024. */
  code?: number;
  /** Hidden layer widths, data side first; at most 4 of 1..4096. */
  hidden?: number[];
  /** VAE: weight of the KL term; >= 0. */
  beta?: number;
  /** Frames per patch; integer >= 2. */
  patchFrames?: number;
  /** Frames between patches (training and encoding); integer 1..patchFrames. */
  hop?: number;
  /** Frame RMS below which leading/trailing audio is trimmed; 0 = off. */
  silenceThreshold?: number;
}

type GenerativeDefaults = RecipeDefaults & Required<Omit<TrainGenerativeOptions, keyof RecipeOptions>>;

const shared: GenerativeDefaults = {
  epochs: 20,
  seed: 1,
  engine: 'auto',
  optimizer: 'adam',
  learningRate: 1e-3,
  batchSize: 64,
  clip: 5,
  clipMode: 'norm',
  patience: 0,
  valFraction: 0.1,
  resume: false,
  code: defaultGenerativeConfig.code,
  hidden: defaultGenerativeConfig.hidden,
  beta: defaultGenerativeConfig.beta,
  patchFrames: defaultGenerativeConfig.patch.frames,
  hop: 8,
  silenceThreshold: defaultWaveformCorpusOptions.silenceThreshold,
};

/** Defaults of each kind (the GAN: DCGAN's Adam step 2e-4 with beta1 0.5, set inside the recipe, and a 32-number noise). */
export const defaultTrainGenerativeOptions: Record<GenerativeKind, GenerativeDefaults> = {
  ae: shared,
  vae: shared,
  gan: { ...shared, learningRate: 2e-4, code: 32, hidden: [256, 256] },
};

/** What training a generative model returns (the CLI prints it). */
export interface TrainGenerativeResult {
  model: string;
  kind: GenerativeKind;
  epochs: number;
  engine: string;
  /** Final validation figures (AE: loss; VAE: loss = -ELBO, reconstruction and kl, nats per frame; GAN: both losses, diversity). */
  validation: Record<string, number>;
  /** VAE: validation ELBO in nats per frame of log-mel (higher is better). */
  valElboPerFrame: number | null;
  /** AE and VAE: RMS dB difference of held-out files' log-mel and their reconstruction (60 dB floor). */
  valReconstructionDb: number | null;
  trainFiles: number;
  validationFiles: number;
  trainPatches: number;
  validationPatches: number;
  seconds: number;
  skipped: { file: string; reason: string }[];
}

/** Trains a generative model of `kind` on `options.data` and saves it to `options.out`. */
export async function trainGenerative(kind: GenerativeKind, input: TrainGenerativeOptions, hooks: RecipeHooks = {}): Promise<TrainGenerativeResult> {
  const started = performance.now();
  const o = withDefaults(defaultTrainGenerativeOptions[kind], input);
  if (!(o.valFraction > 0 && o.valFraction <= 0.5)) throw new UsageError(`valFraction must be in (0, 0.5] (the ${KIND_NAMES[kind]} validates every epoch), got ${o.valFraction}`);
  const spec = generativeFeatureSpec();
  const patch = { frames: o.patchFrames, hop: o.hop };
  const minSamples = patchSamples(patch, spec);
  const engine = await initEngine(o.engine);
  const skipped: TrainGenerativeResult['skipped'] = [];
  const skip = (file: string, reason: string) => {
    skipped.push({ file, reason });
    hooks.onEvent?.({ type: 'skipped', file, reason });
  };
  const corpus = await loadWaveformCorpus(o.data, {
    silenceThreshold: o.silenceThreshold,
    validationEvery: Math.max(2, Math.round(1 / o.valFraction)),
    minSamples: 1,
    onSkip: skip,
  });
  const long = (clips: WaveformClip[]) => clips.filter((c) => {
    if (c.samples.length >= minSamples) return true;
    skip(c.file, `shorter than one patch of ${o.patchFrames} frames (${(minSamples / spec.sampleRate).toFixed(3)} s) after trimming silence`);
    return false;
  });
  const [trainClips, valClips] = [long(corpus.train), long(corpus.validation)];
  if (trainClips.length === 0) throw new InputFileError(o.data, `no training file is as long as one patch (${(minSamples / spec.sampleRate).toFixed(3)} s)`);
  if (valClips.length === 0) throw new InputFileError(o.data, `no validation file is as long as one patch (${(minSamples / spec.sampleRate).toFixed(3)} s): add files or raise --val-fraction`);
  const mels = (clips: WaveformClip[]) => clips.map((c) => logMelOf(c.samples, spec));
  const [trainMels, valMels] = [mels(trainClips), mels(valClips)];
  const rows = (ms: typeof trainMels) => {
    const parts = ms.map((m) => extractPatches(m, patch).data);
    const all = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
    return all;
  };
  const [trainRaw, valRaw] = [rows(trainMels), rows(valMels)];
  const norm = measureNorm(trainRaw, spec.nMels);
  const d = o.patchFrames * spec.nMels;
  hooks.onEvent?.({ type: 'log', message: `${trainClips.length} training files (${trainRaw.length / d} patches), ${valClips.length} validation files (${valRaw.length / d} patches); engine ${engine.name}` });

  const config: GenerativeConfig = { kind, patch, nMels: spec.nMels, code: o.code, hidden: o.hidden, beta: o.beta, norm };
  const train = loopConfigOf(o);
  if (kind === 'gan') train.optimizer = { ...train.optimizer, beta1: 0.5 };
  const { net, result, validation, curves } = await fitGenerative(
    { train: normalise(trainRaw, norm), validation: normalise(valRaw, norm) },
    { config, batchSize: o.batchSize, seed: o.seed, train, onWarning: (message) => hooks.onEvent?.({ type: 'log', message }) },
    hooks,
  );
  try {
    const valReconstructionDb = kind === 'gan' ? null : valMels.reduce((sum, m) => sum + logMelDistanceDb(m, reconstructLogMel(net, m)), 0) / valMels.length;
    const valElboPerFrame = kind === 'vae' ? -validation.loss : null;
    const seconds = (performance.now() - started) / 1000;
    const epochs = result.history.length;
    const facts: Record<string, number | string> = {
      ...recipeRecord(o), epochs, bestEpoch: result.bestEpoch, engine: result.engine, trainingSeconds: Math.round(seconds),
      ...Object.fromEntries(Object.entries(validation).map(([k, v]) => [`val${k[0].toUpperCase()}${k.slice(1)}`, v])),
      ...(valElboPerFrame !== null ? { valElboPerFrame } : {}),
      ...(valReconstructionDb !== null ? { valReconstructionDb } : {}),
      recipe: `kielo train ${kind}`,
    };
    await saveGenerative(o.out, net, spec, facts, curves);
    return {
      model: o.out, kind, epochs, engine: result.engine, validation, valElboPerFrame, valReconstructionDb,
      trainFiles: trainClips.length, validationFiles: valClips.length, trainPatches: trainRaw.length / d, validationPatches: valRaw.length / d,
      seconds, skipped,
    };
  } finally {
    net.dispose();
  }
}

/** A recipe of one kind in the shape every recipe has. */
function recipeOf(kind: GenerativeKind): Recipe<TrainGenerativeOptions, GenerativeDefaults, TrainGenerativeResult> {
  return { defaults: defaultTrainGenerativeOptions[kind], train: (options, hooks) => trainGenerative(kind, options, hooks) };
}

/** The autoencoder, VAE and GAN recipes. */
export const aeRecipe = recipeOf('ae');
export const vaeRecipe = recipeOf('vae');
export const ganRecipe = recipeOf('gan');
