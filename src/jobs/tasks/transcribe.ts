/**
 * The 'transcribe' job: transcribes files with a saved recogniser, spread over worker threads (mapFiles: a model per
 * thread, results in input order); a bad file is reported and skipped.
 */
import { listAudioFiles } from '../../audio';
import { currentEngine, initEngine, type EngineName } from '../../engine';
import type { FileTranscript, TranscribeOptions } from '../../models/asr';
import { InputFileError, messageOf } from '../../util/errors';
import { defaultFileThreads, mapFiles } from '../file-pool';
import type { JobContext } from '../types';

/** Parameters of the transcribe job. */
export interface TranscribeParams extends TranscribeOptions {
  /** Model directory. */
  model: string;
  /** Audio files or directories (searched recursively). */
  files: string[];
  /** Engine. Default: the fastest available. */
  engine?: EngineName | 'auto';
  /** Threads the files are spread over (the job's and threads - 1 workers), integer >= 1. Default: the machine's cores, at most 8 and one per 100 files (defaultFileThreads). */
  threads?: number;
}

/** Progress of the transcribe job: one event per file, done or left out (with the reason, as the recipes say it). */
export type TranscribeEvent = { type: 'file'; index: number; total: number; result: FileTranscript } | { type: 'skipped'; file: string; reason: string };

/** Why a file or path failed, as events say it. */
function skipped(file: string, error: unknown): TranscribeEvent {
  return { type: 'skipped', file: error instanceof InputFileError ? error.file : file, reason: error instanceof InputFileError ? error.reason : messageOf(error) };
}

/** Transcribes every file in order; bad files become 'skipped' events and are left out of the result. */
export async function run(params: TranscribeParams, ctx: JobContext<TranscribeEvent>): Promise<FileTranscript[]> {
  const { model, files: paths, engine, threads, ...options } = params;
  await initEngine(engine ?? 'auto');
  const files: string[] = [];
  for (const path of paths) {
    try {
      files.push(...(await listAudioFiles([path])));
    } catch (error) {
      ctx.onEvent(skipped(path, error));
    }
  }
  const results: FileTranscript[] = [];
  await mapFiles('transcribe', { model, engine: currentEngine()!.name, options }, files, {
    threads: threads ?? defaultFileThreads(files.length),
    signal: ctx.signal,
    activity: 'transcription',
    onFile: (index, outcome) => {
      if ('error' in outcome) return ctx.onEvent({ type: 'skipped', file: files[index], reason: outcome.error instanceof InputFileError ? outcome.error.reason : messageOf(outcome.error) });
      results.push(outcome.value);
      ctx.onEvent({ type: 'file', index, total: files.length, result: outcome.value });
    },
  });
  return results;
}
