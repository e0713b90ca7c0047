/** The 'train-ae' job: the autoencoder recipe (src/train/generative.ts) in a worker thread; bad and too-short files are 'skipped' events. */
import { aeRecipe } from '../../train/generative';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(aeRecipe);
