/** The 'train-asr' job: the CTC recogniser's recipe (src/train/asr.ts) in a worker thread. */
import { asrRecipe } from '../../train/asr';
import { recipeTask } from '../recipe-task';

export const run = recipeTask(asrRecipe);
