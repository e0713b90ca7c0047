/** The 'train-lid' job: the LID recipe (src/train/lid.ts) in a worker thread. */
import { lidRecipe } from '../../train/lid';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(lidRecipe);
