/** The 'train-asr' job: the CTC recogniser's recipe (src/train/asr.ts) in a worker thread. */
import { trainAsr, type TrainAsrOptions, type TrainAsrResult } from '../../train/asr';
import type { RecipeEvent } from '../../train/recipe';
import type { JobContext } from '../types';

/** Trains and saves the model; resolves with the recipe's summary. */
export function run(params: TrainAsrOptions, ctx: JobContext<RecipeEvent>): Promise<TrainAsrResult> {
  return trainAsr(params, { onEvent: (e) => ctx.onEvent(e), signal: ctx.signal });
}
