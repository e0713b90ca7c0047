/**
 * The generative models on the generic loop: rows of normalised patches in memory, shuffled into batches each
 * epoch; per kind, the loss (AE: mean squared error; VAE: reconstruction + beta KL with seeded noise; GAN: both
 * players' losses, see models/generative/gan.ts) and a validation that fits it (AE: error; VAE: the ELBO in nats per
 * frame with beta 1 and fixed noise; GAN: both losses and the diversity of a generated batch).
 */
import { tf } from '../engine';
import {
  aeLoss, buildGenerative, diversityCheck, ganGenerate, ganLosses, natsPerFrame, patchSize, vaeTerms,
  type GenerativeConfig, type GenerativeCurves, type GenerativeNet,
} from '../models/generative';
import { UsageError } from '../util/errors';
import { makeRng, fillGaussian } from '../util/random';
import { ganPatchLoss, generativeParallelPlan, patchLoss, type PatchRows } from './generative-replica';
import { trainModel, type TrainConfigInput, type TrainHooks, type TrainResult } from './loop';

/** Patches to train on: rows of patchSize numbers, normalised by config.norm. */
export interface PatchData {
  train: Float32Array;
  validation: Float32Array;
}

/** Options of fitGenerative (the loop's own options go in `train`). */
export interface FitGenerativeOptions {
  /** The model to build (its norm must be the data's). */
  config: GenerativeConfig;
  /** Patches per step. */
  batchSize: number;
  /** Seed of the initial weights, the noise and the validation noise. */
  seed: number;
  /** Loop options (epochs, optimizer, clip, patience, checkpointDir, resume...). */
  train: TrainConfigInput;
  /** Steps per epoch; default: one pass over the training patches. */
  stepsPerEpoch?: number;
  /** Called with the network as soon as it is built. */
  onModel?: (net: GenerativeNet) => void;
  /** Warnings in words (e.g. mode collapse). */
  onWarning?: (message: string) => void;
}

/** A trained network, how training went, and its curves. */
export interface GenerativeTraining {
  net: GenerativeNet;
  result: TrainResult;
  /** The validation figures of the returned weights. */
  validation: Record<string, number>;
  curves: GenerativeCurves;
}

/** Rows validated (and generated for the diversity check) at most. */
const VALIDATION_ROWS = 512;
const DIVERSITY_ROWS = 64;

/** Trains a network of `options.config` on `data` with the generic loop; returns it (best weights where monitored). */
export async function fitGenerative(data: PatchData, options: FitGenerativeOptions, hooks: TrainHooks = {}): Promise<GenerativeTraining> {
  const { config, batchSize, seed } = options;
  const d = patchSize(config.patch, config.nMels);
  const nTrain = data.train.length / d;
  const nVal = Math.min(VALIDATION_ROWS, data.validation.length / d);
  if (!Number.isInteger(nTrain) || nTrain < 2) throw new UsageError(`training needs at least 2 patches of ${d} numbers, got ${data.train.length / d}`);
  if (!Number.isInteger(data.validation.length / d) || nVal < 2) throw new UsageError(`validation needs at least 2 patches, got ${data.validation.length / d}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  const stepsPerEpoch = options.stepsPerEpoch ?? Math.max(1, Math.floor(nTrain / batchSize));
  const gan = config.kind === 'gan';
  if (gan && (options.train.patience ?? 0) > 0) throw new UsageError('early stopping (patience) does not apply to a GAN: its losses are a game, not a measure of quality');

  const net = buildGenerative(config, seed);
  options.onModel?.(net);
  const valRows = data.validation.subarray(0, nVal * d);
  const valX = tf.tensor2d(valRows, [nVal, d]);
  const valNoise = tf.tensor2d(fillGaussian(new Float32Array(nVal * config.code), makeRng(seed + 101)), [nVal, config.code]);
  const steps: Record<string, number[]> = gan ? { discriminator: [], generator: [] } : {};
  const pending: tf.Scalar[][] = [];
  const flush = () => {
    for (const [dl, gl] of pending.splice(0)) {
      steps.discriminator.push(dl.dataSync()[0]);
      steps.generator.push(gl.dataSync()[0]);
      tf.dispose([dl, gl]);
    }
  };

  const validate = async (): Promise<Record<string, number>> => {
    if (config.kind === 'ae') return { loss: tf.tidy(() => aeLoss(net, valX).dataSync()[0]) };
    if (config.kind === 'vae') {
      const [rec, kl] = tf.tidy(() => {
        const t = vaeTerms(net, valX, valNoise, 1);
        return [t.reconstruction.dataSync()[0], t.kl.dataSync()[0]];
      });
      const frames = config.patch.frames;
      const reconstruction = natsPerFrame(rec, config.norm, frames, config.nMels);
      const klPerFrame = kl / frames;
      // loss: the negative ELBO in nats per frame of log-mel (what early stopping watches)
      return { loss: reconstruction + klPerFrame, reconstruction, kl: klPerFrame };
    }
    flush();
    const nDiv = Math.min(DIVERSITY_ROWS, nVal);
    const { discriminator, generator, generated } = tf.tidy(() => {
      const l = ganLosses(net, valX, valNoise);
      const g = ganGenerate(net, valNoise.slice([0, 0], [nDiv, config.code]) as tf.Tensor2D);
      return { discriminator: l.discriminator.dataSync()[0], generator: l.generator.dataSync()[0], generated: g.dataSync() as Float32Array };
    });
    const { ratio, warning } = diversityCheck(generated, valRows.subarray(0, nDiv * d), d);
    if (warning) options.onWarning?.(warning);
    return { discriminator, generator, diversity: ratio };
  };

  try {
    const result = await trainModel<PatchRows>(
      {
        variables: () => [...net.params.values()],
        *batches(_epoch, rng) {
          const order = Array.from({ length: nTrain }, (_, i) => i);
          let cursor = nTrain;
          for (let step = 0; step < stepsPerEpoch; step++) {
            if (gan) flush();
            const rows = new Float32Array(batchSize * d);
            for (let b = 0; b < batchSize; b++) {
              if (cursor >= nTrain) {
                for (let i = nTrain - 1; i > 0; i--) {
                  const j = Math.floor(rng() * (i + 1));
                  [order[i], order[j]] = [order[j], order[i]];
                }
                cursor = 0;
              }
              const r = order[cursor++];
              rows.set(data.train.subarray(r * d, (r + 1) * d), b * d);
            }
            yield { n: batchSize, rows };
          }
        },
        loss: (batch, ctx) => {
          if (!gan) return patchLoss(net, batch, ctx.seed);
          const l = ganPatchLoss(net, batch, ctx.seed);
          pending.push([tf.keep(l.parts.discriminator), tf.keep(l.parts.generator)]);
          return l.loss;
        },
        examplesIn: (batch) => batch.n,
        validate,
        // on several threads the GAN's player losses arrive summed over the shards, as numbers
        parallel: generativeParallelPlan(net, gan ? (parts) => (steps.discriminator.push(parts.discriminator), steps.generator.push(parts.generator)) : undefined),
      },
      gan ? { ...options.train, monitor: { metric: 'generator', mode: 'min' }, restoreBestWeights: false } : options.train,
      hooks,
    );
    if (gan) flush();
    const validation = await validate();
    const curves: GenerativeCurves = {
      epochs: result.history.map((r) => ({ epoch: r.epoch, trainLoss: r.trainLoss, validation: r.validation, seconds: r.seconds })),
      steps,
    };
    return { net, result, validation, curves };
  } catch (error) {
    net.dispose();
    throw error;
  } finally {
    tf.dispose([valX, valNoise, ...pending.flat()]);
  }
}
