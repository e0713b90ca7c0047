/** The 'train-lid' job: the LID recipe in a worker thread. */
import { trainLid, type TrainLidOptions, type TrainLidResult } from '../../train/lid';
import type { RecipeEvent } from '../../train/recipe';
import type { JobContext } from '../types';

/** Trains and saves a LID model (see trainLid); cancelling checkpoints, then throws CancelledError. */
export function run(params: TrainLidOptions, ctx: JobContext<RecipeEvent>): Promise<TrainLidResult> {
  return trainLid(params, { onEvent: (e) => ctx.onEvent(e), signal: ctx.signal });
}
