/**
 * The model-agnostic training loop (the lecture's algorithm): per epoch, the task's shuffled batches; per batch,
 * forward + loss inside tf.variableGrads, per-variable gradient norms, the gradient constraint, the optimizer
 * update; validation, best-weight tracking and early stopping; a checkpoint; typed events throughout. Uses only
 * ops with gradients on every engine (wasm, cpu, node).
 */
import { currentEngine, tf } from '../engine';
import { CancelledError, InputFileError } from '../util/errors';
import { yieldToEventLoop } from '../util/event-loop';
import { checkpointPath, loadCheckpoint, saveCheckpoint, type Checkpoint, type LoopState } from './checkpoint';
import { resolveTrainConfig, type TrainConfig, type TrainConfigInput } from './config';
import { emptyTotals, gradientStats, layerGroups } from './gradients';
import { disposeOptimizer, makeOptimizer, optimizerState, restoreOptimizerState } from './optimizer';
import { makeRng } from '../util/random';
import { deriveSeed } from './seed';
import { PROGRESS_INTERVAL_MS, ProgressThrottle, ratePerSecond, secondsLeftAt } from '../util/progress-rate';
import { trainStep } from './step';
import { GradientPool } from './parallel/pool';
import { parallelTrainStep } from './parallel/step';
import type { EpochRecord, TrainEvent, TrainHooks, TrainProgress, TrainResult, TrainTask } from './types';

export type { EpochRecord, GradientStats, StepContext, TrainEvent, TrainEventType, TrainHooks, TrainProgress, TrainResult, TrainTask } from './types';
export { defaultTrainConfig, resolveTrainConfig, type TrainConfig, type TrainConfigInput } from './config';

/** The value early stopping watches for this epoch, or null when the epoch was not validated. */
function monitoredValue(config: TrainConfig, record: EpochRecord, hasValidate: boolean): number | null {
  const metric = config.monitor.metric === 'trainLoss' || !hasValidate ? 'trainLoss' : config.monitor.metric;
  if (metric === 'trainLoss') return record.trainLoss;
  if (!record.validation) return null;
  const value = record.validation[metric];
  if (value === undefined) {
    throw new Error(`monitor.metric '${metric}' is not among the validation metrics (${Object.keys(record.validation).join(', ')})`);
  }
  return value;
}

function improves(value: number, best: number | null, mode: 'min' | 'max'): boolean {
  if (Number.isNaN(value)) return false;
  if (best === null) return true;
  return mode === 'min' ? value < best : value > best;
}

function checkVariables(variables: tf.Variable[]): void {
  if (variables.length === 0) throw new Error('the task has no variables to train');
  const seen = new Set<string>();
  for (const v of variables) {
    if (!v.trainable) throw new Error(`variable '${v.name}' is not trainable`);
    if (seen.has(v.name)) throw new Error(`variable name '${v.name}' appears twice`);
    seen.add(v.name);
  }
}

/**
 * Puts a checkpoint's weights and optimizer state in place after checking it fits (nothing is assigned when it does
 * not); frees the checkpoint's tensors except its best weights, which the caller takes over.
 */
async function restoreCheckpoint(checkpoint: Checkpoint, file: string, variables: tf.Variable[], optimizer: tf.Optimizer, optimizerName: string): Promise<void> {
  try {
    if (checkpoint.optimizerName !== optimizerName) {
      throw new InputFileError(file, `checkpoint holds '${checkpoint.optimizerName}' optimizer state, the run uses '${optimizerName}'`);
    }
    if (checkpoint.variables.length !== variables.length) {
      throw new InputFileError(file, `checkpoint has ${checkpoint.variables.length} variables, the model has ${variables.length}`);
    }
    variables.forEach((v, i) => {
      const saved = checkpoint.variables[i];
      if (!tf.util.arraysEqual(saved.shape, v.shape)) {
        throw new InputFileError(file, `variable ${i} ('${v.name}') has shape [${v.shape}] in the model, [${saved.shape}] in the checkpoint`);
      }
    });
    variables.forEach((v, i) => v.assign(checkpoint.variables[i]));
    await restoreOptimizerState(optimizer, checkpoint.optimizer);
  } catch (error) {
    tf.dispose([...checkpoint.optimizer.map((o) => o.tensor), ...(checkpoint.best ?? [])]);
    throw error;
  } finally {
    tf.dispose(checkpoint.variables);
  }
}

/**
 * The 'progress' reports of one epoch: fed each batch run (done so far, its loss, its examples), returns a report when
 * one is due. The pace counts only batches run here (not those a resumed epoch skips).
 */
function epochProgress(epoch: number, epochs: number, total: number | null, lastEpochSeconds: number | null, intervalMs = PROGRESS_INTERVAL_MS) {
  const throttle = new ProgressThrottle(intervalMs);
  let firstAt: number | null = null;
  let ran = 0;
  let examples = 0;
  let lossSum = 0;
  let lossCount = 0;
  return {
    batch(done: number, loss: number, batchExamples: number): TrainProgress | null {
      const now = performance.now();
      // the pace is measured from the end of the first batch run, so warm-up and skipped batches do not count
      if (firstAt === null) firstAt = now;
      else {
        ran++;
        examples += batchExamples;
      }
      lossSum += loss;
      lossCount++;
      if (!throttle.due(total !== null && done >= total)) return null;
      const seconds = (now - firstAt) / 1000;
      const perBatch = ran > 0 && seconds > 0 ? seconds / ran : null;
      const epochSecondsLeft = perBatch === null ? null : secondsLeftAt(ran, total === null ? null : ran + Math.max(0, total - done), seconds);
      const epochSeconds = lastEpochSeconds ?? (perBatch !== null && total !== null ? perBatch * total : null);
      const secondsLeft = epochSecondsLeft === null || epochSeconds === null ? null : epochSecondsLeft + (epochs - epoch) * epochSeconds;
      const report: TrainProgress = {
        type: 'progress', epoch, epochs, done, total, loss: lossSum / lossCount,
        examplesPerSecond: examples > 0 ? ratePerSecond(examples, seconds) : null, epochSecondsLeft, secondsLeft,
      };
      lossSum = 0;
      lossCount = 0;
      return report;
    },
  };
}

/**
 * Trains `task`'s variables in place and resolves with the history. Epochs are 1-based; epoch e's batches come from
 * task.batches(e, rng) with rng seeded by (seed, e), and step s gets seed (seed, e, s), so the same seed gives the
 * same run and a resumed run continues exactly where the checkpoint left it (mid-epoch checkpoints skip the done
 * steps by replaying the epoch's batch order). On resume the checkpoint's seed is used.
 * Aborting `hooks.signal` stops between batches: a checkpoint of the progress so far is saved (with checkpointDir),
 * then the promise rejects with CancelledError. A non-finite loss rejects with an error naming epoch and step.
 * With config.threads > 1 and a task that offers task.parallel, on the wasm or cpu engine, each step's gradients are
 * computed data-parallel by a GradientPool (src/train/parallel/pool.ts) started here and stopped on return or throw.
 */
export async function trainModel<B>(task: TrainTask<B>, input: TrainConfigInput = {}, hooks: TrainHooks = {}): Promise<TrainResult> {
  const config = resolveTrainConfig(input);
  const emit = (event: TrainEvent): void => hooks.onEvent?.(event);
  const engine = currentEngine()?.name ?? tf.getBackend();
  const variables = task.variables();
  checkVariables(variables);
  const names = variables.map((v) => v.name);
  const { layers, layerIndex } = layerGroups(names);
  const optimizer = makeOptimizer(config.optimizer);
  const monitoring = config.restoreBestWeights || config.patience > 0;
  let state: LoopState = { epoch: 0, step: 0, history: [], bestEpoch: 0, bestValue: null, partial: null, stoppedEarly: false };
  let best: tf.Tensor[] | null = null;
  let seed = config.seed;
  const threads = threadsFor(config.threads, task, engine);
  let pool: GradientPool<B> | null = null;

  const save = async (): Promise<void> => {
    if (!config.checkpointDir) return;
    const slots = await optimizerState(optimizer);
    try {
      await saveCheckpoint(config.checkpointDir, { state, seed, optimizerName: config.optimizer.name, variableNames: names, variables, optimizer: slots, best });
    } finally {
      tf.dispose(slots.map((s) => s.tensor));
    }
    emit({ type: 'checkpoint', epoch: state.epoch, step: state.step, dir: config.checkpointDir });
  };

  try {
    let resumed = false;
    if (config.resume && config.checkpointDir) {
      const checkpoint = await loadCheckpoint(config.checkpointDir);
      if (checkpoint) {
        await restoreCheckpoint(checkpoint, checkpointPath(config.checkpointDir), variables, optimizer, config.optimizer.name);
        best = checkpoint.best;
        state = checkpoint.state;
        seed = checkpoint.seed;
        resumed = true;
      }
    }
    const nParams = variables.reduce((sum, v) => sum + v.size, 0);
    if (threads > 1 && task.parallel) {
      pool = await GradientPool.start({ threads, engine: engine as 'wasm' | 'cpu', plan: task.parallel, variables });
    }
    emit({ type: 'started', engine, threads, nParams, nVariables: variables.length, epochs: config.epochs, startEpoch: state.epoch + 1, resumed, config });

    let stoppedEarly = state.stoppedEarly ?? false; // a resumed run that had stopped early stays stopped
    for (let epoch = state.epoch + 1; epoch <= config.epochs && !stoppedEarly; epoch++) {
      const started = performance.now();
      const skip = state.step;
      let lossSum = state.partial?.lossSum ?? 0;
      const totals = state.partial?.totals ?? emptyTotals(variables.length, layers.length);
      let step = 0;
      const progress = epochProgress(epoch, config.epochs, task.batchCount?.(epoch) ?? state.history.at(-1)?.steps ?? null, state.history.at(-1)?.seconds ?? null, hooks.progressIntervalMs);
      for await (const batch of task.batches(epoch, makeRng(deriveSeed(seed, epoch)))) {
        try {
          if (step < skip) continue;
          await yieldToEventLoop(); // a cancel arrives as a message or timer event
          if (hooks.signal?.aborted) {
            state = { ...state, epoch: epoch - 1, step, partial: { lossSum, totals } };
            await save();
            throw new CancelledError('training cancelled');
          }
          const ctx = { training: true, epoch, step, seed: deriveSeed(seed, epoch, step) };
          const setup = { task, variables, optimizer, clip: config.clip, layerIndex, totals };
          const { loss, gradNorm } = pool ? await parallelTrainStep(setup, pool, batch, ctx) : await trainStep(setup, batch, ctx);
          lossSum += loss;
          emit({ type: 'batch', epoch, step, loss, gradNorm });
          const report = progress.batch(step + 1, loss, task.examplesIn?.(batch) ?? 0);
          if (report) emit(report);
        } finally {
          task.disposeBatch?.(batch);
          step++;
        }
        if (config.checkpointEverySteps > 0 && step % config.checkpointEverySteps === 0) {
          state = { ...state, epoch: epoch - 1, step, partial: { lossSum, totals } };
          await save();
        }
      }
      if (step === 0) throw new Error(`task.batches(${epoch}) yielded no batches`);
      if (step <= skip) throw new Error(`task.batches(${epoch}) yielded ${step} batches, fewer than the checkpoint's ${skip}`);

      const shouldValidate = task.validate !== undefined && (epoch % config.validateEvery === 0 || epoch === config.epochs);
      const validation = shouldValidate && task.validate ? await task.validate() : null;
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / step,
        steps: step,
        validation,
        gradients: gradientStats(totals, names, layers),
        learningRate: config.optimizer.learningRate,
        seconds: (performance.now() - started) / 1000,
      };
      let { bestEpoch, bestValue } = state;
      const value = monitoredValue(config, record, task.validate !== undefined);
      if (value !== null && improves(value, bestValue, config.monitor.mode)) {
        bestEpoch = epoch;
        bestValue = value;
        if (monitoring) {
          tf.dispose(best ?? []);
          best = variables.map((v) => tf.clone(v));
        }
      }
      stoppedEarly = config.patience > 0 && value !== null && epoch - bestEpoch >= config.patience && epoch < config.epochs;
      state = { epoch, step: 0, history: [...state.history, record], bestEpoch, bestValue, partial: null, stoppedEarly };
      emit({ type: 'epoch', record });
      await save();
      if (stoppedEarly) emit({ type: 'earlyStop', epoch, bestEpoch, bestValue });
    }

    const lastEpoch = state.history.at(-1)?.epoch ?? 0;
    let restoredBest = false;
    if (config.restoreBestWeights && best && state.bestEpoch > 0) {
      if (state.bestEpoch !== lastEpoch) variables.forEach((v, i) => v.assign((best as tf.Tensor[])[i]));
      restoredBest = true;
    }
    const result: TrainResult = {
      history: state.history,
      bestEpoch: state.bestEpoch || lastEpoch,
      bestValue: state.bestValue,
      stoppedEarly,
      restoredBest,
      engine,
    };
    emit({ type: 'done', result });
    return result;
  } finally {
    await pool?.close();
    disposeOptimizer(optimizer);
    tf.dispose(best ?? []);
  }
}

/** The replicas a run trains with: config.threads where the task offers a ParallelPlan and the engine runs in worker
 * threads (wasm, cpu; tfjs-node's native engine has its own threads), else 1. */
function threadsFor<B>(threads: number, task: TrainTask<B>, engine: string): number {
  return task.parallel && (engine === 'wasm' || engine === 'cpu') ? threads : 1;
}
