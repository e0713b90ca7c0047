/** The 'train-vae' job: the VAE recipe (src/train/generative.ts) in a worker thread; bad and too-short files are 'skipped' events. */
import { vaeRecipe } from '../../train/generative';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(vaeRecipe);
