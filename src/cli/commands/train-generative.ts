/**
 * `kielo train ae|vae|gan --data DIR --out MODEL [options]`: trains a generative model on log-mel patches in a worker
 * thread (src/jobs 'train-ae' | 'train-vae' | 'train-gan'). One command definition for the three kinds.
 */
import type { CliCommand } from '../command';
import { noPositionals, numberListOption, numberOption, type OptionValues } from '../options';
import { parseTrainOptions, trainHelp, trainProgress, trainSpec, type TrainCommandInfo } from '../train-options';
import { runJob } from '../../jobs';
import { KIND_NAMES, type GenerativeKind } from '../../models/generative';
import { defaultTrainGenerativeOptions, type TrainGenerativeOptions, type TrainGenerativeResult } from '../../train/generative';

const info: TrainCommandInfo = {
  data: 'a folder of wav/flac/mp3/ogg (recursive; DIR/<label>/ folders label the files on the latent map)',
  out: 'the model folder to write (kielo.json + weights.json + weights.bin + training.json)',
  ranges: { 'val-fraction': { above: 0, max: 0.5 } },
};

/** The TrainGenerativeOptions of a command line: the common training options plus the model's own. */
export function trainGenerativeOptions(kind: GenerativeKind, values: OptionValues): TrainGenerativeOptions {
  const patchFrames = numberOption(values, 'patch-frames', { integer: true, min: 2, max: 1000 });
  return {
    ...parseTrainOptions(values, info),
    code: numberOption(values, 'code', { integer: true, min: 1, max: 1024 }),
    hidden: numberListOption(values, 'hidden', { integer: true, min: 1, max: 4096 }),
    ...(kind === 'vae' ? { beta: numberOption(values, 'beta', { min: 0, max: 1000 }) } : {}),
    patchFrames,
    hop: numberOption(values, 'hop', { integer: true, min: 1, max: patchFrames ?? defaultTrainGenerativeOptions[kind].patchFrames }),
    silenceThreshold: numberOption(values, 'silence-threshold', { min: 0, max: 1, note: '0 = off' }),
  };
}

const describeValidation: Record<GenerativeKind, (v: Record<string, number>) => string> = {
  ae: (v) => `val mse ${v.loss.toFixed(4)} (normalised)`,
  vae: (v) => `val ELBO ${(-v.loss).toFixed(2)} nats/frame (reconstruction ${v.reconstruction.toFixed(2)}, KL ${v.kl.toFixed(3)})`,
  gan: (v) => `D loss ${v.discriminator.toFixed(3)}, G loss ${v.generator.toFixed(3)}, diversity ${(100 * v.diversity).toFixed(0)}% of the data's`,
};

function human(r: TrainGenerativeResult): string {
  const figures = [
    r.valElboPerFrame !== null ? `validation ELBO ${r.valElboPerFrame.toFixed(2)} nats/frame` : '',
    r.valReconstructionDb !== null ? `held-out reconstruction ${r.valReconstructionDb.toFixed(2)} dB` : '',
    r.kind === 'gan' ? describeValidation.gan(r.validation) : '',
  ].filter(Boolean);
  return `${r.model}: ${KIND_NAMES[r.kind]}, ${r.epochs} epochs on ${r.engine} in ${r.seconds.toFixed(0)} s, ${figures.join(', ')} (${r.trainPatches} training patches from ${r.trainFiles} files)`;
}

/** The `kielo train KIND` command. */
export function trainGenerativeCommand(kind: GenerativeKind): CliCommand {
  const defaults = defaultTrainGenerativeOptions[kind];
  const what = {
    ae: 'an autoencoder: patch -> a code of k numbers -> patch, by mean squared error on normalised log-mel',
    vae: 'a VAE: Gaussian encoder, reparameterised sample, Gaussian decoder; loss = reconstruction + beta x KL',
    gan: 'a GAN: dense generator and discriminator (DCGAN recipe), one-sided label smoothing, both losses per step',
  }[kind];
  return {
    name: `train ${kind}`,
    usage: '--data DIR --out MODEL [--code K] [--epochs N] [--seed N] [options] [--json]',
    help: [
      `Trains ${what},`,
      `on log-mel patches (40 bands x ${defaults.patchFrames} frames, one every --hop frames) of every audio file under DIR.`,
      kind === 'vae' ? 'The validation ELBO (beta 1) is reported each epoch in nats per frame of log-mel.' : '',
      kind === 'gan' ? 'Adam runs with beta1 0.5; a warning is printed when generated patches lose diversity (mode collapse).' : '',
      '',
      ...trainHelp(defaults, info),
      '',
      `${KIND_NAMES[kind]} options:`,
      `  --code K               numbers per code (${kind === 'gan' ? 'noise' : kind === 'vae' ? 'latent' : 'bottleneck'} size; default ${defaults.code})`,
      `  --hidden N,N           hidden layer widths, data side first (default ${defaults.hidden.join(',')})`,
      ...(kind === 'vae' ? [`  --beta X               weight of the KL term in training (default ${defaults.beta})`] : []),
      `  --patch-frames N       frames per patch (default ${defaults.patchFrames})`,
      `  --hop N                frames between patches (default ${defaults.hop})`,
      `  --silence-threshold X  frame RMS below which leading/trailing audio is trimmed (default ${defaults.silenceThreshold}; 0 = off)`,
      '',
      'Bad audio files and files shorter than one patch are reported on stderr and left out (exit code 2).',
      'JSON: {model, kind, epochs, engine, validation, valElboPerFrame, valReconstructionDb, trainFiles, validationFiles,',
      '       trainPatches, validationPatches, seconds, skipped}',
    ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n'),
    options: {
      ...trainSpec,
      code: { type: 'string' },
      hidden: { type: 'string' },
      ...(kind === 'vae' ? { beta: { type: 'string' } } : {}),
      'patch-frames': { type: 'string' },
      hop: { type: 'string' },
      'silence-threshold': { type: 'string' },
    },
    async run(ctx) {
      noPositionals(ctx.args.positionals, 'give the data folder with --data');
      const options = trainGenerativeOptions(kind, ctx.args.values);
      const result = await runJob(`train-${kind}`, options, { signal: ctx.signal, onEvent: trainProgress(ctx, describeValidation[kind]) });
      ctx.output(result, human as (r: never) => string);
    },
  };
}
