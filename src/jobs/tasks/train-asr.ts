/** The 'train-asr' job: trains a CTC recogniser (src/train/asr.ts) in a worker thread. */
import { initEngine, type EngineName } from '../../engine';
import { trainAsr, type AsrTrainOptions, type AsrTrainResult } from '../../train/asr';
import type { TrainEvent } from '../../train/loop';
import type { JobContext } from '../types';

/** Parameters of the train-asr job: the recipe's options plus the engine. */
export interface TrainAsrParams extends AsrTrainOptions {
  /** Engine to train on. Default: the fastest available. */
  engine?: EngineName | 'auto';
}

/** Progress of the train-asr job: the loop's events, data-loading lines and unusable files. */
export type TrainAsrEvent = TrainEvent | { type: 'progress'; message: string } | { type: 'badInput'; file: string; reason: string };

/** Trains and saves the model; resolves with the recipe's summary. */
export async function run(params: TrainAsrParams, ctx: JobContext<TrainAsrEvent>): Promise<AsrTrainResult> {
  const { engine, ...options } = params;
  await initEngine(engine ?? 'auto');
  return trainAsr(options, {
    signal: ctx.signal,
    onEvent: (event) => ctx.onEvent(event),
    onProgress: (message) => ctx.onEvent({ type: 'progress', message }),
    onBadInput: (file, reason) => ctx.onEvent({ type: 'badInput', file, reason }),
  });
}
