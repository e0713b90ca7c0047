/** The 'train-wavenet' job: the WaveNet recipe (src/train/wavenet-recipe.ts) in a worker thread; bad files are 'skipped' events. */
import { wavenetRecipe } from '../../train/wavenet-recipe';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(wavenetRecipe);
