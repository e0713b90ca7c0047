/**
 * The Latent view's back end: a folder's files placed by their mean code (PCA to 2-D), coloured by label folder, with
 * the model's training curves and compression curve; and audio of a file, its reconstruction, the interpolation
 * between two files, or samples of a VAE or GAN (Griffin-Lim). Models are the bundled VAE or a folder holding an
 * ae/vae/gan model; each is loaded once and kept.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { encodeWav, listAudioFiles, loadAudio } from '../audio';
import { initEngine } from '../engine';
import {
  encodeFile, generateAudioSamples, interpolateFiles, loadGenerative, loadGenerativeCurves, pca2, reconstructFile, type LoadedGenerative,
} from '../models/generative';
import { InputFileError, UsageError, messageOf } from '../util/errors';
import { readJsonFile } from '../util/json-file';
import type { AudioData, LatentMap } from './contract';
import { DEMO_DIR, demoModelsDir } from './models';
import type { LatentAudioRequest, LatentMapRequest } from './schemas';

/** The bundled VAE's id, and the model a request without one uses. */
export const DEMO_VAE = 'demo-vae';
/** The compression curve a model folder may hold (scripts/generative/compression-curve.ts writes it). */
export const COMPRESSION_FILE = 'compression-curve.json';

const loaded = new Map<string, Promise<LoadedGenerative>>();

/** The folder of a latent model id: 'demo-vae' (the bundled VAE) or a run id of the project. */
export function latentModelDir(id: string | undefined, runsDir: string): string {
  if (!id || id === DEMO_VAE) return join(demoModelsDir(), 'vae');
  if (!/^[\w.-]+$/.test(id)) throw new UsageError(`model '${id}' is not a model id`);
  return join(runsDir, id, 'model');
}

async function modelAt(dir: string): Promise<LoadedGenerative> {
  let model = loaded.get(dir);
  if (!model) {
    model = initEngine().then(() => loadGenerative(dir));
    loaded.set(dir, model);
    model.catch(() => loaded.delete(dir));
  }
  return model;
}

/** Label of a file: its top folder under `folder` ('' for files directly in it). */
function labelOf(folder: string, file: string): string {
  const parts = relative(folder, file).split(sep);
  return parts.length >= 2 ? parts[0] : '';
}

/** The map of `request.folder` (default: the demo languages) under the model. */
export async function latentMap(request: LatentMapRequest, runsDir: string): Promise<LatentMap> {
  const dir = latentModelDir(request.model, runsDir);
  const folder = request.folder ?? join(DEMO_DIR, 'lid');
  const model = await modelAt(dir);
  const { kind, code } = model.net.config;
  const all = await listAudioFiles([folder]);
  if (all.length === 0) throw new InputFileError(folder, 'no audio files (wav, flac, mp3, ogg) found');
  // the first maxPerLabel files of each label folder, in path order
  const perLabel = new Map<string, number>();
  const files = all.filter((f) => {
    const n = perLabel.get(labelOf(folder, f)) ?? 0;
    perLabel.set(labelOf(folder, f), n + 1);
    return n < request.maxPerLabel;
  });
  const placed: { file: string; label: string; code: number[] }[] = [];
  const skipped: LatentMap['skipped'] = [];
  if (kind !== 'gan') {
    for (const file of files) {
      try {
        placed.push({ file, label: labelOf(folder, file), code: (await encodeFile(model, file)).code });
      } catch (error) {
        skipped.push({ file, reason: error instanceof InputFileError ? error.reason : messageOf(error) });
      }
    }
  }
  const { points, explained } = placed.length >= 2 ? pca2(Float64Array.from(placed.flatMap((p) => p.code)), code) : { points: new Float64Array(placed.length * 2), explained: [0, 0] as [number, number] };
  const curves = await loadGenerativeCurves(dir);
  const compression = existsSync(join(dir, COMPRESSION_FILE)) ? ((await readJsonFile(join(dir, COMPRESSION_FILE))) as { rows?: LatentMap['compression'] }).rows ?? null : null;
  return {
    model: request.model ?? DEMO_VAE,
    kind,
    code,
    folder,
    explained,
    points: placed.map((p, i) => ({ file: p.file, name: relative(folder, p.file), label: p.label, x: points[2 * i], y: points[2 * i + 1] })),
    skipped,
    figures: model.metadata.metrics,
    curves,
    compression,
  };
}

/** WAV bytes of mono samples at the model's rate. */
function wav(samples: Float32Array, rate: number): AudioData {
  return { mime: 'audio/wav', base64: Buffer.from(encodeWav(samples, rate, 'pcm16')).toString('base64') };
}

/** The audio a request asks for: a file, its reconstruction, an interpolation between two files, or samples. */
export async function latentAudio(request: LatentAudioRequest, runsDir: string): Promise<AudioData> {
  const model = await modelAt(latentModelDir(request.model, runsDir));
  const rate = model.spec.sampleRate;
  switch (request.what) {
    case 'file':
      return wav((await loadAudio(request.file, { sampleRate: rate })).samples, rate);
    case 'reconstruction':
      return wav((await reconstructFile(model, request.file)).samples, rate);
    case 'interpolation':
      return wav(await interpolateFiles(model, request.file, request.to, request.steps), rate);
    case 'sample':
      return wav(generateAudioSamples(model, request.count, request.seed), rate);
  }
}
