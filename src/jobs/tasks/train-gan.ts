/** The 'train-gan' job: the GAN recipe (src/train/generative.ts) in a worker thread; bad and too-short files are 'skipped' events. */
import { ganRecipe } from '../../train/generative';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(ganRecipe);
