/** Per-file work 'classify': a LID model loaded once per thread, classifyFile per file (classify-batch, eval). */
import { initEngine, type EngineName } from '../../engine';
import { classifyFile, loadLid, type ClassifyOptions, type LidClassification } from '../../train/lid-infer';
import type { FileProcessor } from './types';

/** The model, the engine and classifyFile's options. */
export interface ClassifySetup {
  /** Model directory written by train-lid. */
  model: string;
  engine: EngineName | 'auto';
  options: Omit<ClassifyOptions, 'speech'>;
}

/** Loads the engine and the model. */
export async function open(setup: ClassifySetup): Promise<FileProcessor<LidClassification>> {
  await initEngine(setup.engine);
  const lid = await loadLid(setup.model);
  return { process: (file) => classifyFile(lid, file, setup.options), close: () => lid.model.dispose() };
}
