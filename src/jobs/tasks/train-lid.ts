/** The 'train-lid' job: trainLid in a worker thread; events are the loop's TrainEvents plus {type: 'log'} lines. */
import { trainLid, type TrainLidEvent, type TrainLidParams, type TrainLidResult } from '../../train/lid';
import type { JobContext } from '../types';

/** Trains and saves a LID model (see trainLid); cancelling checkpoints, then throws CancelledError. */
export function run(params: TrainLidParams, ctx: JobContext<TrainLidEvent>): Promise<TrainLidResult> {
  return trainLid(params, { onEvent: (e) => ctx.onEvent(e), signal: ctx.signal });
}
