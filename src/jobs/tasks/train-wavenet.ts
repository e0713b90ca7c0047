/** The 'train-wavenet' job: the WaveNet recipe (src/train/wavenet-recipe.ts) in a worker thread. */
import type { RecipeEvent } from '../../train/recipe';
import { trainWavenet, type TrainWavenetOptions, type TrainWavenetResult } from '../../train/wavenet-recipe';
import type { JobContext } from '../types';

/** Trains and saves; bad files are reported as 'skipped' events and left out. */
export function run(params: TrainWavenetOptions, ctx: JobContext<RecipeEvent>): Promise<TrainWavenetResult> {
  return trainWavenet(params, { onEvent: (e) => ctx.onEvent(e), signal: ctx.signal });
}
