/**
 * The studio's resyntheses: a file's log-mel back to audio by a vocoder and by Griffin-Lim, as a 'resynth' job whose
 * outputs (and the original) are then audio ids the audio views take, like files and generated samples.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { UsageError } from '../util/errors';
import type { JobHandle, ModelInfo, Resynthesis } from './contract';
import type { JobManager } from './jobs';
import { DEMO_VOCODER } from './models';
import type { ResynthRequestSchema } from './schemas';
import type * as v from 'valibot';

/** The vocoder a request names (default: the bundled one, else the first); a UsageError for any other model. */
export function vocoderOf(models: readonly ModelInfo[], id: string | undefined): ModelInfo {
  const wanted = id ?? DEMO_VOCODER;
  const found = models.find((m) => m.id === wanted) ?? (id === undefined ? models.find((m) => m.vocoder) : undefined);
  if (!found) throw new UsageError(id === undefined ? 'no vocoder is available: train one (kielo train wavenet --condition mel) or add assets/demo/models/vocoder' : `no model '${id}'`);
  if (!found.vocoder) throw new UsageError(`${found.name} is not a vocoder: ${found.kind === 'wavenet' ? 'trained with --condition none' : `it is a ${found.kind} model`}`);
  return found;
}

/** Resyntheses started in this session: the audio ids of their outputs and originals. */
export class Resyntheses {
  private readonly paths = new Map<string, string>();

  /** The file behind an audio id of a resynthesis; undefined for any other id. */
  pathOf(id: string): string | undefined {
    return this.paths.get(id);
  }

  /** Starts resynthesising `request.file` with `vocoder`, writing into `dir`; the job's result is a Resynthesis. */
  async start(jobs: JobManager, vocoder: ModelInfo, request: v.InferOutput<typeof ResynthRequestSchema>, dir: string): Promise<JobHandle> {
    await mkdir(dir, { recursive: true });
    const id = `r-${randomUUID().slice(0, 8)}`;
    const out = join(dir, `${id}-wavenet.wav`);
    const griffinLimOut = join(dir, `${id}-griffin-lim.wav`);
    return jobs.start('resynth', { model: vocoder.dir, file: request.file, out, griffinLimOut, seed: request.seed }, {
      runId: null,
      onDone: (r): Resynthesis => {
        const ids = { original: `${id}-original`, wavenet: `${id}-wavenet`, griffinLim: `${id}-griffin-lim` };
        this.paths.set(ids.original, request.file);
        this.paths.set(ids.wavenet, out);
        this.paths.set(ids.griffinLim, griffinLimOut);
        const take = (t: NonNullable<typeof r.griffinLim>, audio: string) => ({ audio, lsdDb: t.lsdDb, mcdDb: t.mcdDb, levelDb: t.levelDb, realTimeFactor: t.realTimeFactor });
        return {
          id,
          file: request.file,
          model: vocoder.id,
          duration: r.duration,
          sampleRate: r.sampleRate,
          frames: r.frames,
          original: ids.original,
          wavenet: take(r.wavenet, ids.wavenet),
          griffinLim: take(r.griffinLim!, ids.griffinLim),
        };
      },
    });
  }
}
