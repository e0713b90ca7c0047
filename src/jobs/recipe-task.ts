/** A training task from a recipe: every recipe runs in a worker the same way, so the train tasks are one line each. */
import type { Recipe, RecipeDefaults, RecipeEvent, RecipeOptions } from '../train/recipe';
import type { JobContext } from './types';

/** A recipe's events as a job sends them: all but the per-step 'batch' events, whose 'progress' reports say the same a few times a second. */
export type RecipeJobEvent = Exclude<RecipeEvent, { type: 'batch' }>;

/**
 * The run() of a task that trains and saves with `recipe`; the recipe's events go to the caller (without the per-step
 * 'batch' events: one message per step would flood the thread's port), cancelling checkpoints first.
 */
export function recipeTask<O extends RecipeOptions, R>(recipe: Recipe<O, RecipeDefaults, R>): (params: O, ctx: JobContext<RecipeJobEvent>) => Promise<R> {
  return (params, ctx) => recipe.train(params, { onEvent: (e) => e.type !== 'batch' && ctx.onEvent(e), signal: ctx.signal });
}
