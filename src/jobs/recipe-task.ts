/** A training task from a recipe: every recipe runs in a worker the same way, so the train tasks are one line each. */
import type { Recipe, RecipeDefaults, RecipeEvent, RecipeOptions } from '../train/recipe';
import type { JobContext } from './types';

/** The run() of a task that trains and saves with `recipe`; the recipe's events go to the caller, cancelling checkpoints first. */
export function recipeTask<O extends RecipeOptions, R>(recipe: Recipe<O, RecipeDefaults, R>): (params: O, ctx: JobContext<RecipeEvent>) => Promise<R> {
  return (params, ctx) => recipe.train(params, { onEvent: (e) => ctx.onEvent(e), signal: ctx.signal });
}
