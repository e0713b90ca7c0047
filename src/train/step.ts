/** One optimisation step of the training loop: loss and gradients, gradient norms, the constraint, the update. */
import { tf } from '../engine';
import type { ClipConfig } from './config';
import { addStep, clipGradients, squaredNorms, type GradientTotals } from './gradients';
import type { StepContext, TrainTask } from './types';

/** What a step needs besides the batch. */
export interface StepSetup<B> {
  task: TrainTask<B>;
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  clip: ClipConfig;
  /** Each variable's layer index (see layerGroups). */
  layerIndex: number[];
  /** Accumulates this epoch's gradient norms. */
  totals: GradientTotals;
}

/**
 * Runs task.loss(batch) under tf.variableGrads, reads the loss and every gradient's squared norm back in one
 * transfer, records the norms (before clipping) in `totals`, clips and applies the update. Variables without a
 * gradient get zeros (so optimizer state stays aligned). Throws on a non-finite loss without updating.
 */
export async function trainStep<B>(setup: StepSetup<B>, batch: B, ctx: StepContext): Promise<{ loss: number; gradNorm: number }> {
  const { task, variables } = setup;
  const [value, ...grads] = tf.tidy(() => {
    const result = tf.variableGrads(() => task.loss(batch, ctx), variables);
    return [result.value, ...variables.map((v) => result.grads[v.name] ?? tf.zerosLike(v))];
  });
  try {
    const readback = tf.tidy(() => tf.concat([tf.reshape(value, [1]), squaredNorms(grads)]));
    const numbers = await readback.data();
    readback.dispose();
    const loss = numbers[0];
    checkLoss(loss, ctx);
    const gradNorm = addStep(setup.totals, numbers.subarray(1), setup.layerIndex);
    applyUpdate(setup, grads, gradNorm);
    return { loss, gradNorm };
  } finally {
    tf.dispose([value, ...grads]);
  }
}

/** Throws on a non-finite loss (before any update). */
export function checkLoss(loss: number, ctx: StepContext): void {
  if (!Number.isFinite(loss)) {
    throw new Error(`loss is ${loss} at epoch ${ctx.epoch}, step ${ctx.step}: lower the learning rate or clip gradients`);
  }
}

/** Clips `grads` (one per variable, in order; the caller keeps and disposes them) by the step's global norm and
 * applies them with the optimizer. */
export function applyUpdate<B>(setup: StepSetup<B>, grads: tf.Tensor[], gradNorm: number): void {
  const clipped = clipGradients(grads, setup.clip, gradNorm);
  try {
    setup.optimizer.applyGradients(Object.fromEntries(setup.variables.map((v, i) => [v.name, clipped[i]])));
  } finally {
    tf.dispose(clipped.filter((c, i) => c !== grads[i]));
  }
}
