/** The 'transcribe' job: transcribes files with a saved recogniser; a bad file is reported and skipped. */
import { listAudioFiles } from '../../audio';
import { initEngine, type EngineName } from '../../engine';
import { loadAsrModel, transcribeFile, wordListConstraint, type FileTranscript, type TranscribeOptions } from '../../models/asr';
import { CancelledError, InputFileError, messageOf } from '../../util/errors';
import type { JobContext } from '../types';

/** Parameters of the transcribe job. */
export interface TranscribeParams extends TranscribeOptions {
  /** Model directory. */
  model: string;
  /** Audio files or directories (searched recursively). */
  files: string[];
  /** Engine. Default: the fastest available. */
  engine?: EngineName | 'auto';
}

/** Progress of the transcribe job: one event per file, done or left out (with the reason, as the recipes say it). */
export type TranscribeEvent = { type: 'file'; index: number; total: number; result: FileTranscript } | { type: 'skipped'; file: string; reason: string };

/** Transcribes every file in order; bad files become 'skipped' events and are left out of the result. */
export async function run(params: TranscribeParams, ctx: JobContext<TranscribeEvent>): Promise<FileTranscript[]> {
  await initEngine(params.engine ?? 'auto');
  const loaded = await loadAsrModel(params.model);
  try {
    const files: string[] = [];
    for (const path of params.files) {
      try {
        files.push(...(await listAudioFiles([path])));
      } catch (error) {
        ctx.onEvent({ type: 'skipped', file: error instanceof InputFileError ? error.file : path, reason: error instanceof InputFileError ? error.reason : messageOf(error) });
      }
    }
    const constraint = params.words ? wordListConstraint(params.words) : undefined;
    const results: FileTranscript[] = [];
    for (const [index, file] of files.entries()) {
      if (ctx.signal.aborted) throw new CancelledError(`transcription cancelled after ${index} of ${files.length} files`);
      try {
        const result = await transcribeFile(loaded, file, params, constraint);
        results.push(result);
        ctx.onEvent({ type: 'file', index, total: files.length, result });
      } catch (error) {
        ctx.onEvent({ type: 'skipped', file, reason: error instanceof InputFileError ? error.reason : messageOf(error) });
      }
    }
    return results;
  } finally {
    loaded.model.dispose();
  }
}
