/** Per-file work 'transcribe': a recogniser loaded once per thread, transcribeFile per file. */
import { initEngine, type EngineName } from '../../engine';
import { loadAsrModel, transcribeFile, wordListConstraint, type FileTranscript, type TranscribeOptions } from '../../models/asr';
import type { FileProcessor } from './types';

/** The model, the engine and transcribeFile's options. */
export interface TranscribeSetup {
  /** Model directory written by train-asr. */
  model: string;
  engine: EngineName | 'auto';
  options: TranscribeOptions;
}

/** Loads the engine and the model; a word list becomes its constraint once. */
export async function open(setup: TranscribeSetup): Promise<FileProcessor<FileTranscript>> {
  await initEngine(setup.engine);
  const loaded = await loadAsrModel(setup.model);
  const constraint = setup.options.words ? wordListConstraint(setup.options.words) : undefined;
  return { process: (file) => transcribeFile(loaded, file, setup.options, constraint), close: () => loaded.model.dispose() };
}
