/** `kielo features FILE --type frames|logmel|mfcc [--spec SPEC.json] [--out X.npy]`: compute a front end's features. */
import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../command';
import { enumOption, oneFile, pathOption, stringOption } from '../options';
import { loadAudio, writeNpy } from '../../audio';
import { extractFeatures, featureKinds, resolveFeatureSpec, type FeatureKind, type FeatureSpec } from '../../features';
import { InputFileError, UsageError, messageOf } from '../../util/errors';

/** What `kielo features` prints. */
export interface FeaturesResult {
  file: string;
  type: FeatureKind;
  frames: number;
  dims: number;
  hopMs: number;
  windowMs: number;
  sampleRate: number;
  /** The .npy written (shape [frames, dims], float32), when --out was given. */
  out?: string;
  /** The complete spec used, so the same features can be computed again. */
  spec: FeatureSpec;
}

/** The spec from --spec (a JSON file holding a full or partial FeatureSpec) and --type (which overrides its kind). */
async function specFromArgs(type: FeatureKind | undefined, specFile: string | undefined): Promise<FeatureSpec> {
  let partial: Record<string, unknown> = {};
  if (specFile !== undefined) {
    try {
      partial = JSON.parse(await readFile(specFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`--spec ${specFile}: cannot read a JSON FeatureSpec: ${messageOf(error)}`);
    }
    if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
      throw new UsageError(`--spec ${specFile}: expected a JSON object (a FeatureSpec), got ${JSON.stringify(partial)}`);
    }
  }
  try {
    return resolveFeatureSpec(type === undefined ? partial : { ...partial, kind: type });
  } catch (error) {
    throw new UsageError(`${specFile !== undefined ? `--spec ${specFile}: ` : ''}${messageOf(error)}`);
  }
}

function formatResult(r: FeaturesResult): string {
  const shape = `${r.frames} frames x ${r.dims} dims of ${r.type} (${r.windowMs} ms window, ${r.hopMs} ms hop, ${r.sampleRate} Hz)`;
  return `${r.file}: ${shape}${r.out ? ` -> ${r.out}` : ''}`;
}

export const command: CliCommand = {
  name: 'features',
  usage: 'FILE [--type frames|logmel|mfcc] [--spec SPEC.json] [--out X.npy] [--json]',
  help: [
    'Decodes FILE, mixes it to mono, resamples it to the spec\'s rate (16 kHz by default) and computes features.',
    'Frames: 25 ms windows every 10 ms by default; n samples give 1 + floor((n - window) / hop) frames (the tail',
    'is dropped; a clip shorter than one window gives one zero-padded frame).',
    '',
    '  --type T      frames (raw windows, 400 dims), logmel (40 bands) or mfcc (13 + deltas + CMVN = 39);',
    '                default: the kind in --spec, else logmel',
    '  --spec FILE   a JSON FeatureSpec, full or partial (missing fields take the defaults of its kind), e.g.',
    '                {"kind": "mfcc", "nMels": 64, "deltas": 0, "cmvn": "none"}',
    '  --out X.npy   write the features as float32 .npy of shape [frames, dims] (numpy.load reads it)',
    '',
    'JSON: {file, type, frames, dims, hopMs, windowMs, sampleRate, out?, spec}',
  ].join('\n'),
  options: {
    type: { type: 'string' },
    spec: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx) {
    const { positionals, values } = ctx.args;
    const file = oneFile(positionals);
    const out = pathOption(values, 'out', ['.npy']);
    const spec = await specFromArgs(enumOption(values, 'type', featureKinds), stringOption(values, 'spec'));
    let audio;
    try {
      audio = await loadAudio(file, { sampleRate: spec.sampleRate });
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      ctx.reportBadInput(error.file, error.reason);
      return;
    }
    const m = extractFeatures(audio.samples, spec);
    if (out !== undefined) {
      try {
        await writeNpy(out, m.data, [m.frames, m.dims]);
      } catch (error) {
        ctx.reportBadInput(out, `cannot write: ${messageOf(error)}`);
        return;
      }
    }
    const result: FeaturesResult = {
      file,
      type: spec.kind,
      frames: m.frames,
      dims: m.dims,
      hopMs: spec.hopMs,
      windowMs: spec.windowMs,
      sampleRate: spec.sampleRate,
      ...(out !== undefined ? { out } : {}),
      spec,
    };
    ctx.output(result, formatResult);
  },
};
